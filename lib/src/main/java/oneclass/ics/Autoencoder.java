package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.*;

/**
 * The autoencoder of the data split (Sec. 2.1): a convolutional encoder, a decoder of transposed
 * convolutions with a sigmoid output, trained "with all given normal samples using MSE as the objective",
 * L2 λ·Σ‖W_conv‖² on every (transposed) convolution kernel. Both stacks run through {@link Layers}; the
 * sigmoid and the MSE's gradient are written out by hand.
 */
public final class Autoencoder {
    private final OpProfile profile = new OpProfile();
    private final Params params;
    private final Layers.Net enc, dec;
    private final Optimizer optimizer;

    public Autoencoder(ConvStack encoder, ConvStack decoder, int channels, int side, double l2, Optimizer.Rule rule, long seed) {
        this(encoder, decoder, channels, side, l2, rule, seed, DataType.FLOAT);
    }

    /** As above in {@code type} (DOUBLE for the gradient checks). */
    Autoencoder(ConvStack encoder, ConvStack decoder, int channels, int side, double l2, Optimizer.Rule rule, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        params = new Params(type);
        enc = encoder.build(params, new long[] {-1, channels, side, side}, rng, false, false, profile);
        dec = decoder.build(params, enc.shape(), rng, false, true, profile);
        long[] s = dec.shape();
        if (s.length != 4 || s[1] != channels || s[2] != side || s[3] != side)
            throw new IllegalArgumentException("the decoder must end at [" + channels + ", " + side + ", " + side + "], ends at " + Arrays.toString(s)
                    + " (encoder " + encoder + ", decoder " + decoder + ")");
        params.seal();
        optimizer = new Optimizer(params, rule, l2, profile); // + λ·Σ‖W_conv‖² on every (transposed) convolution kernel
    }

    /** The number of trainable values (weights and biases). */
    public long parameterCount() { return optimizer.parameterCount(); }

    /** Times the ops of the steps while it listens (ics_bench --profile). */
    public OpProfile profile() { return profile; }

    /** θ and g (for the gradient checks). */
    Params params() { return params; }

    /** One gradient step on a batch; returns its MSE. */
    public double step(INDArray x) {
        double mse = loss(x, true);
        optimizer.step();
        return mse;
    }

    /** MSE = mean (x̂ − x)² with x̂ = σ(dec(enc(x))); with {@code backward}, also its gradient g. */
    double loss(INDArray x, boolean backward) {
        INDArray in = x.castTo(params.type());
        INDArray xhat = Transforms.sigmoid(dec.forward(enc.forward(in)), true);
        INDArray diff = xhat.sub(in);
        double mse = diff.mul(diff).meanNumber().doubleValue();
        if (backward) {
            // ∂MSE/∂o = 2(x̂ − x)/N · x̂(1 − x̂), o the decoder's output before the sigmoid
            INDArray d = diff.muli(xhat).muli(xhat.rsub(1)).muli(2.0 / in.length());
            enc.backward(dec.backward(d));
        }
        return mse;
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
            INDArray xhat = reconstruct(data.batch(order, from, to));
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

    /**
     * How much the reconstructions of a batch vary across its images, relative to the images: Σ_p Var_i(x̂_ip) / Σ_p Var_i(x_ip)
     * over pixels p and images i. About 1 for a good autoencoder, 0 for one whose output no longer depends on its input.
     */
    public double variation(INDArray x) {
        long n = x.size(0);
        INDArray in = x.castTo(params.type()).reshape('c', n, -1), out = reconstruct(x).reshape('c', n, -1);
        return out.var(0).sumNumber().doubleValue() / in.var(0).sumNumber().doubleValue();
    }

    /** Reconstructions x̂ of the given images, [n, C, side, side] (for pictures and tests). */
    public INDArray reconstruct(INDArray x) {
        return Transforms.sigmoid(dec.forward(enc.forward(x.castTo(params.type()))), true);
    }
}
