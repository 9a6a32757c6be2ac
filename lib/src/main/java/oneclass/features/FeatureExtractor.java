package oneclass.features;

import oneclass.data.Features;
import oneclass.data.Checksums;
import oneclass.data.DataException;
import oneclass.data.Images;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A pretrained network used as a fixed feature extractor (HRN Sec. 4.4, Table 4: "Using a Pre-trained
 * Feature Extractor"): images go in, prepared by a {@link Preprocessing}; out come the activations of one
 * layer, one vector per image. A convolutional layer's activations [N, C, H, W] are averaged over H and W
 * (global average pooling, the usual way to take a fixed-length feature from a CNN and what ResNet's own
 * head does); a dense layer's [N, d] are taken as they are.
 *
 * <p>The network is any Deeplearning4j model file ({@link ModelSerializer}'s zip of a ComputationGraph or a
 * MultiLayerNetwork): one the user supplies, or the ImageNet weights of a zoo model that {@link ZooWeights}
 * downloads. The layer defaults to the input of the network's output layer (the penultimate activations,
 * the features the classifier sees). The model file's sha256, the layer and the preprocessing make up
 * {@link #identity()}, which keys the {@link FeatureCache}: change any of them and features are extracted anew.
 */
public final class FeatureExtractor {
    private final ComputationGraph net;
    private final String layer;
    private final Preprocessing preprocessing;
    private final Path file;
    private final String sha256;
    private final String kind;

    private FeatureExtractor(ComputationGraph net, String layer, Preprocessing preprocessing, Path file, String sha256, String kind) {
        this.net = net;
        this.layer = layer;
        this.preprocessing = preprocessing;
        this.file = file;
        this.sha256 = sha256;
        this.kind = kind;
    }

    /**
     * Loads a Deeplearning4j model file.
     *
     * @param layer the layer (vertex) whose activations are the features; null for the input of the output layer
     * @throws DataException when the file is missing or not a Deeplearning4j model, or the layer does not exist
     */
    public static FeatureExtractor load(Path modelFile, String layer, Preprocessing preprocessing) {
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (!Files.isRegularFile(modelFile)) throw new DataException("model file " + modelFile.toAbsolutePath() + " not found");
        String sha256;
        try {
            sha256 = Checksums.sha256(modelFile);
        } catch (IOException e) {
            throw new DataException("cannot read model file " + modelFile + ": " + e, e);
        }
        ComputationGraph net;
        String kind;
        try {
            net = ModelSerializer.restoreComputationGraph(modelFile.toFile(), false);
            kind = "ComputationGraph";
        } catch (Exception | LinkageError asGraph) {
            try {
                MultiLayerNetwork mln = ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false);
                net = mln.toComputationGraph();
                kind = "MultiLayerNetwork";
            } catch (Exception | LinkageError asMln) {
                throw new DataException(modelFile + ": not a Deeplearning4j model file (a ModelSerializer zip of a ComputationGraph or"
                        + " MultiLayerNetwork, as ModelSerializer.writeModel or the DL4J zoo write it). As a ComputationGraph: " + asGraph
                        + "; as a MultiLayerNetwork: " + asMln, asMln);
            }
        }
        if (net.getConfiguration().getNetworkInputs().size() != 1)
            throw new DataException(modelFile + ": the network has " + net.getConfiguration().getNetworkInputs().size() + " inputs; an image feature extractor needs one");
        String chosen = layer != null ? layer : penultimate(net, modelFile);
        if (net.getVertex(chosen) == null || net.getConfiguration().getNetworkInputs().contains(chosen))
            throw new DataException(modelFile + ": no layer named '" + chosen + "'. Its layers: " + String.join(", ", layerNames(net)));
        return new FeatureExtractor(net, chosen, preprocessing, modelFile, sha256, kind);
    }

    /** The input of the network's output layer: the activations its classifier sees. */
    private static String penultimate(ComputationGraph net, Path file) {
        List<String> outputs = net.getConfiguration().getNetworkOutputs();
        if (outputs.size() != 1) throw new DataException(file + ": the network has " + outputs.size() + " outputs; name the feature layer (--layer)");
        List<String> in = net.getConfiguration().getVertexInputs().get(outputs.get(0));
        if (in == null || in.size() != 1 || net.getConfiguration().getNetworkInputs().contains(in.get(0)))
            throw new DataException(file + ": cannot tell the layer before the output '" + outputs.get(0) + "'; name the feature layer (--layer)");
        return in.get(0);
    }

    /** The network's layers and vertices in topological order (its input excluded). */
    static List<String> layerNames(ComputationGraph net) {
        List<String> inputs = net.getConfiguration().getNetworkInputs();
        return java.util.Arrays.stream(net.topologicalSortOrder()).mapToObj(i -> net.getVertices()[i].getVertexName())
                .filter(n -> !inputs.contains(n)).toList();
    }

    public String layer() { return layer; }

    public Preprocessing preprocessing() { return preprocessing; }

    public Path file() { return file; }

    /** sha256 of the model file: the weights as well as the architecture. */
    public String sha256() { return sha256; }

    /**
     * Everything that determines the features besides the images: the model file's checksum, the layer,
     * the pooling and the preprocessing. The {@link FeatureCache} key.
     */
    public String identity() {
        return "model-sha256=" + sha256 + "|layer=" + layer + "|pooling=global-average-if-4d|preprocessing=" + preprocessing.describe();
    }

    /** For reports: file, kind, layer, preprocessing. */
    public String describe() {
        return file.getFileName() + " (" + kind + ", " + net.numParams() + " parameters, sha256 " + sha256.substring(0, 12) + "...), layer "
                + layer + ", " + preprocessing.describe();
    }

    /** As {@link #extract(Images, int, IntConsumer)}, printing to {@code log} how far it is every 10 % ({@code part}: e.g. "train"). */
    public Features extract(Images images, int batchSize, String part, PrintStream log) {
        long t0 = System.nanoTime();
        int n = images.size();
        int[] lastPct = {-1};
        return extract(images, batchSize, done -> {
            int pct = (int) (100L * done / n);
            if (pct / 10 != lastPct[0] / 10 || done == n) {
                lastPct[0] = pct;
                double s = (System.nanoTime() - t0) / 1e9;
                log.printf(Locale.ROOT, "  %s: %d/%d images, %.0f s elapsed, ~%.0f s left%n", part, done, n, s, s / done * (n - done));
            }
        });
    }

    /**
     * The features of every image, in order.
     *
     * @param batchSize images per forward pass
     * @param progress  told the number of images done after each batch (may be null)
     */
    public Features extract(Images images, int batchSize, IntConsumer progress) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        int n = images.size(), side = preprocessing.size(), dim = preprocessing.dim();
        float[] out = null;
        int d = -1;
        for (int from = 0; from < n; from += batchSize) {
            int b = Math.min(batchSize, n - from);
            float[] in = new float[b * dim];
            for (int k = 0; k < b; k++) preprocessing.apply(images, from + k, in, k * dim);
            INDArray x = Nd4j.create(in, new long[] {b, Preprocessing.CHANNELS, side, side}, DataType.FLOAT);
            INDArray a;
            try {
                a = net.output(List.of(layer), false, new INDArray[] {x}, null)[0];
            } catch (RuntimeException e) {
                throw new DataException(file + ": the forward pass to layer '" + layer + "' failed on a batch of shape [" + b + ", 3, " + side + ", "
                        + side + "] (does the network take " + side + "x" + side + " NCHW images? set the size with --preprocess): " + e, e);
            }
            INDArray f = switch (a.rank()) {
                case 2 -> a;
                case 4 -> a.mean(2, 3);   // [b, C, H, W] -> [b, C]: global average pooling
                default -> throw new DataException(file + ": layer '" + layer + "' gives activations of rank " + a.rank()
                        + " " + java.util.Arrays.toString(a.shape()) + "; a feature layer must give [N, d] or [N, C, H, W]");
            };
            f = f.castTo(DataType.FLOAT);
            if (out == null) {
                d = (int) f.size(1);
                out = new float[Math.multiplyExact(n, d)];
            }
            float[] batch = f.dup('c').data().asFloat();
            System.arraycopy(batch, 0, out, from * d, b * d);
            if (progress != null) progress.accept(from + b);
        }
        if (out == null) throw new IllegalArgumentException(images.name() + ": no images to extract features from");
        return new Features(out, d, images.labels().clone());
    }
}
