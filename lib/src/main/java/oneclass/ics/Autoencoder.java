package oneclass.ics;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.*;

/**
 * The autoencoder of the data split (Sec. 2.1): a convolutional encoder, a decoder of transposed
 * convolutions with a sigmoid output, trained "with all given normal samples using MSE as the objective",
 * L2 λ·Σ‖W_conv‖² on every (transposed) convolution kernel.
 */
public final class Autoencoder {
    private final SameDiff sd = SameDiff.create();
    private final List<String> params = new ArrayList<>();
    private final Optimizer optimizer;
    private final Map<String, INDArray> feed = new HashMap<>();

    public Autoencoder(ConvStack encoder, ConvStack decoder, int channels, int side, double l2, Optimizer.Rule rule, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, channels, side, side);
        ConvStack.Built e = encoder.build(sd, "enc", x, new long[] {-1, channels, side, side}, rng);
        ConvStack.Built d = decoder.build(sd, "dec", e.out(), e.shape(), rng);
        long[] s = d.shape();
        if (s.length != 4 || s[1] != channels || s[2] != side || s[3] != side)
            throw new IllegalArgumentException("the decoder must end at [" + channels + ", " + side + ", " + side + "], ends at " + Arrays.toString(s)
                    + " (encoder " + encoder + ", decoder " + decoder + ")");
        SDVariable xhat = sd.nn().sigmoid("xhat", d.out());
        sd.math().squaredDifference(xhat, x).mean("mse");
        sd.setLossVariables("mse");
        List<String> convs = new ArrayList<>(e.convWeights());
        convs.addAll(d.convWeights());
        params.addAll(e.params());
        params.addAll(d.params());
        optimizer = new Optimizer(sd, params, rule, l2, convs); // + λ·Σ‖W_conv‖²
    }

    /** The number of trainable values (weights and biases). */
    public long parameterCount() { return optimizer.parameterCount(); }

    /** The graph (for {@link OpProfile} and tests). */
    public SameDiff graph() { return sd; }

    /** One gradient step on a batch; returns its MSE. */
    public double step(INDArray x) {
        feed.put("x", x);
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed, List.of("mse"), params);
        optimizer.step(og.getGradients());
        return og.getOutputs().get("mse").getDouble(0);
    }

    /**
     * SSIM(x, x̂) of every image, batch by batch (Sec. 2.1: "the similarity between the original data x and
     * the reconstructed data x̂"). {@code crop}: pixels of padding to leave out on each side.
     */
    public double[] ssim(ImageBatches data, int batchSize, int crop) {
        int n = data.size(), side = data.side(), c = data.channels(), inner = side - 2 * crop;
        Ssim ssim = new Ssim(inner, inner, c);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] out = new double[n];
        float[] a = new float[c * inner * inner], b = new float[c * inner * inner];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray xhat = sd.output(Map.of("x", data.batch(order, from, to)), "xhat").get("xhat");
            float[] rec = xhat.dup('c').data().asFloat();
            int dim = data.dim();
            for (int i = from; i < to; i++) {
                cropInto(data.values(), i * dim, c, side, crop, a);
                cropInto(rec, (i - from) * dim, c, side, crop, b);
                out[i] = ssim.of(a, 0, b, 0);
            }
        }
        return out;
    }

    private static void cropInto(float[] src, int off, int c, int side, int crop, float[] dst) {
        int inner = side - 2 * crop;
        for (int ch = 0; ch < c; ch++)
            for (int r = 0; r < inner; r++)
                System.arraycopy(src, off + (ch * side + r + crop) * side + crop, dst, (ch * inner + r) * inner, inner);
    }

    /** Reconstructions x̂ of the given images, [n, C, side, side] (for pictures and tests). */
    public INDArray reconstruct(INDArray x) {
        return sd.output(Map.of("x", x), "xhat").get("xhat");
    }
}
