package oneclass.features;

import oneclass.data.Features;
import oneclass.data.DataException;
import oneclass.data.Images;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The model-file path: a small network the test builds and saves itself, loaded back as an extractor. */
class FeatureExtractorTest {
    @TempDir static Path dir;
    static Path model;

    /** n generated 32×32 RGB images with distinct pixels; label i % 10. */
    static Images images(int n) {
        byte[] px = new byte[n * 3072];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int d = 0; d < 3072; d++) px[i * 3072 + d] = (byte) ((i * 31 + d * 7 + (d / 97) * 13) & 0xff);
        }
        return new Images("generated", 32, 32, 3, px, labels);
    }

    @BeforeAll
    static void writeModel() {
        model = dir.resolve("random-cnn.zip");
        RandomCnn.write(model, 42);
    }

    /** The reference: the same network's own feed-forward on the same prepared inputs. */
    static INDArray reference(ComputationGraph net, Images im, Preprocessing p, String layer) {
        float[] in = new float[im.size() * p.dim()];
        for (int i = 0; i < im.size(); i++) p.apply(im, i, in, i * p.dim());
        INDArray x = Nd4j.create(in, new long[] {im.size(), 3, p.size(), p.size()}, DataType.FLOAT);
        return net.feedForward(x, false).get(layer);
    }

    @Test
    void theDefaultLayerIsTheInputOfTheOutputLayerAndMatchesTheNetworksOwnForwardPass() {
        FeatureExtractor e = FeatureExtractor.load(model, null, Preprocessing.unitRange(32));
        assertEquals(RandomCnn.FEATURE_LAYER, e.layer());
        Images im = images(7);
        Features f = e.extract(im, 3, null); // batches of 3, 3, 1
        assertEquals(RandomCnn.FEATURE_DIM, f.d());
        assertEquals(7, f.n());
        assertArrayEquals(im.labels(), f.labels());
        INDArray ref = reference(RandomCnn.build(42), im, Preprocessing.unitRange(32), RandomCnn.FEATURE_LAYER);
        assertArrayEquals(ref.dup('c').data().asFloat(), f.x(), 1e-5f);
        assertArrayEquals(f.x(), e.extract(im, 7, null).x(), 1e-6f, "the batch size must not change the features");
    }

    @Test
    void aConvolutionalLayerIsGloballyAveragePooled() {
        FeatureExtractor e = FeatureExtractor.load(model, "conv2", Preprocessing.unitRange(32));
        Images im = images(2);
        Features f = e.extract(im, 2, null);
        INDArray ref = reference(RandomCnn.build(42), im, Preprocessing.unitRange(32), "conv2"); // [2, 16, 13, 13]
        assertEquals(4, ref.rank());
        assertEquals(16, f.d());
        for (int i = 0; i < 2; i++)
            for (int c = 0; c < 16; c++) {
                double mean = 0;
                for (int y = 0; y < ref.size(2); y++) for (int x = 0; x < ref.size(3); x++) mean += ref.getDouble(i, c, y, x);
                mean /= ref.size(2) * ref.size(3);
                assertEquals(mean, f.x()[i * 16 + c], 1e-5, "image " + i + " channel " + c);
            }
    }

    @Test
    void aMultiLayerNetworkFileWorksToo() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 3)).build();
        MultiLayerNetwork mln = new MultiLayerNetwork(conf);
        mln.init();
        Path f = dir.resolve("mln.zip");
        ModelSerializer.writeModel(mln, f.toFile(), false);
        Preprocessing p = Preprocessing.unitRange(16); // 32 -> 16: the network's own input size
        FeatureExtractor e = FeatureExtractor.load(f, null, p);
        Images im = images(3);
        Features feats = e.extract(im, 2, null);
        assertEquals(6, feats.d());
        float[] in = new float[3 * p.dim()];
        for (int i = 0; i < 3; i++) p.apply(im, i, in, i * p.dim());
        INDArray ref = mln.feedForward(Nd4j.create(in, new long[] {3, 3, 16, 16}, DataType.FLOAT), false).get(2); // after layer 1 (dense)
        assertArrayEquals(ref.dup('c').data().asFloat(), feats.x(), 1e-5f);
    }

    @Test
    void aWrongInputSizeIsAClearError() {
        FeatureExtractor e = FeatureExtractor.load(model, null, Preprocessing.unitRange(20));
        DataException x = assertThrows(DataException.class, () -> e.extract(images(2), 2, null));
        assertTrue(x.getMessage().contains("20x20") && x.getMessage().contains("--preprocess"), x.getMessage());
    }

    @Test
    void anUnknownLayerListsTheNetworksLayers() {
        DataException e = assertThrows(DataException.class, () -> FeatureExtractor.load(model, "fc7", Preprocessing.unitRange(32)));
        assertTrue(e.getMessage().contains("no layer named 'fc7'") && e.getMessage().contains("conv1, pool1, conv2, pool2, features, output"), e.getMessage());
        assertThrows(DataException.class, () -> FeatureExtractor.load(model, "image", Preprocessing.unitRange(32)), "the input is not a layer");
    }

    @Test
    void filesThatAreNotModelsAreRejectedWithTheirName() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        Path otherZip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{\"not\": \"a network\"}".getBytes());
        }
        Path truncated = dir.resolve("truncated.zip");
        byte[] whole = Files.readAllBytes(model);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        for (Path p : new Path[] {text, empty, otherZip, truncated}) {
            DataException e = assertThrows(DataException.class, () -> FeatureExtractor.load(p, null, Preprocessing.unitRange(32)), p.toString());
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("not a Deeplearning4j model file"), e.getMessage());
        }
        DataException missing = assertThrows(DataException.class, () -> FeatureExtractor.load(dir.resolve("nope.zip"), null, Preprocessing.unitRange(32)));
        assertTrue(missing.getMessage().contains("nope.zip") && missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void theIdentityNamesWeightsLayerAndPreprocessing() {
        Path other = dir.resolve("random-cnn-seed7.zip");
        RandomCnn.write(other, 7);
        String a = FeatureExtractor.load(model, null, Preprocessing.unitRange(32)).identity();
        assertEquals(a, FeatureExtractor.load(model, null, Preprocessing.unitRange(32)).identity());
        assertNotEquals(a, FeatureExtractor.load(other, null, Preprocessing.unitRange(32)).identity(), "other weights");
        assertNotEquals(a, FeatureExtractor.load(model, "conv2", Preprocessing.unitRange(32)).identity(), "other layer");
        assertNotEquals(a, FeatureExtractor.load(model, null, Preprocessing.parse("size=32,order=bgr,scale=1/255,mean=0/0/0,std=1/1/1")).identity(),
                "other preprocessing");
    }
}
