package oneclass.ics;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A stack of layers (convolution, transposed convolution, pooling, dense) and how it is put into a
 * SameDiff graph, NCHW. Every layer but the last is followed by the activation (ReLU, or LeakyReLU when
 * {@code leak > 0}); the caller decides what follows the last one. Convolutions use SAME padding, pooling
 * 2×2 with stride 2 (VALID: 7 → 3), a transposed convolution with stride s and kernel s doubles the size.
 * Weights are Glorot-uniform (Keras' default, the authors' framework) drawn from the run's seed; biases 0.
 */
public record ConvStack(List<Layer> layers, double leak) {
    public ConvStack {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) throw new IllegalArgumentException("a stack needs at least one layer");
        if (!(leak >= 0 && leak < 1)) throw new IllegalArgumentException("leak must be in [0, 1), got " + leak);
    }

    /** One layer. */
    public sealed interface Layer permits Conv, Deconv, Pool, Dense {}

    /** k×k convolution, {@code filters} output channels, SAME padding. */
    public record Conv(int filters, int kernel, int stride) implements Layer {
        public Conv { positive("filters", filters); positive("kernel", kernel); positive("stride", stride); }
        public Conv(int filters, int kernel) { this(filters, kernel, 1); }
        @Override public String toString() { return "conv" + kernel + "x" + kernel + "-" + filters + (stride > 1 ? "/" + stride : ""); }
    }

    /**
     * k×k transposed convolution; stride 2 with kernel 2 doubles height and width. Two kinds only, both
     * built from faster ops than ND4J's deconv2d (see {@link #build}): stride 1 with an odd kernel (SAME), or
     * kernel = stride (the output blocks do not overlap).
     */
    public record Deconv(int filters, int kernel, int stride) implements Layer {
        public Deconv {
            positive("filters", filters); positive("kernel", kernel); positive("stride", stride);
            if (!(stride == 1 && kernel % 2 == 1) && kernel != stride)
                throw new IllegalArgumentException("a transposed convolution needs stride 1 with an odd kernel, or kernel = stride; got kernel "
                        + kernel + ", stride " + stride);
        }
        @Override public String toString() { return "deconv" + kernel + "x" + kernel + "-" + filters + (stride > 1 ? "/" + stride : ""); }
    }

    /** 2×2 pooling, stride 2: max (AlexNet) or average (the ICS code). */
    public record Pool(boolean max) implements Layer {
        @Override public String toString() { return max ? "maxpool2" : "avgpool2"; }
    }

    /** Fully connected; flattens a 4-D input first. */
    public record Dense(int units) implements Layer {
        public Dense { positive("units", units); }
        @Override public String toString() { return "dense-" + units; }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }

    @Override public String toString() {
        return layers.stream().map(Object::toString).collect(Collectors.joining(",")) + (leak > 0 ? " leaky" + leak : " relu");
    }

    /** A graph's shapes and the names of its trainable variables, as {@link #build} leaves them. */
    public record Built(SDVariable out, long[] shape, List<String> convWeights, List<String> params) {}

    /**
     * Adds the stack to {@code sd} on {@code in} of shape {@code inShape} ([-1, C, H, W] or [-1, D]),
     * variables named {@code prefix + i}. The last layer gets no activation.
     */
    public Built build(SameDiff sd, String prefix, SDVariable in, long[] inShape, SplittableRandom rng) {
        SDVariable x = in;
        long[] shape = inShape.clone();
        List<String> convWeights = new ArrayList<>(), params = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String n = prefix + i;
            boolean activate = i < layers.size() - 1 && !(l instanceof Pool);
            if (l instanceof Conv c) {
                    long cin = shape[1];
                    SDVariable w = sd.var(n + "_W", glorot(rng, c.kernel() * c.kernel() * cin, (long) c.kernel() * c.kernel() * c.filters(),
                            c.kernel(), c.kernel(), cin, c.filters())); // [kH, kW, iC, oC]
                    SDVariable b = sd.var(n + "_b", Nd4j.zeros(DataType.FLOAT, c.filters()));
                    x = sd.cnn().conv2d(n, x, w, b, conv(c.kernel(), c.stride()));
                    shape = new long[] {-1, c.filters(), ceilDiv(shape[2], c.stride()), ceilDiv(shape[3], c.stride())};
                    convWeights.add(w.name());
                    params.add(w.name());
                    params.add(b.name());
            } else if (l instanceof Deconv c) {
                    // ND4J's deconv2d (col2im) was 10-40x slower than a convolution of the same size (ics_bench), so the two
                    // kinds are written with other ops; DeconvTest holds both to deconv2d. Weights: the same Glorot draw.
                    long cin = shape[1];
                    int k = c.kernel(), s = c.stride();
                    SDVariable b = sd.var(n + "_b", Nd4j.zeros(DataType.FLOAT, c.filters()));
                    if (s == 1) {
                        // stride 1, SAME: a transposed convolution is the convolution with the kernel flipped and its channels
                        // swapped, W'[i, j, c, o] = W[k-1-i, k-1-j, o, c]; the variable holds W' directly
                        SDVariable w = sd.var(n + "_W", glorot(rng, k * k * cin, (long) k * k * c.filters(), k, k, cin, c.filters()));
                        x = sd.cnn().conv2d(n, x, w, b, conv(k, 1));
                        convWeights.add(w.name());
                    } else {
                        // kernel = stride: out[o, s·i + a, s·j + b] = Σ_c W[a, b, o, c]·x[c, i, j] + b_o, a 1×1 convolution to s²·O
                        // channels (channel (a·s + b)·O + o) rearranged into s×s blocks by depthToSpace
                        SDVariable w = sd.var(n + "_W", glorot(rng, k * k * cin, (long) k * k * c.filters(), 1, 1, cin, (long) s * s * c.filters()));
                        x = sd.nn().biasAdd(n, sd.cnn().depthToSpace(sd.cnn().conv2d(x, w, conv(1, 1)), s, DataFormat.NCHW), b, true);
                        convWeights.add(w.name());
                    }
                    shape = new long[] {-1, c.filters(), shape[2] * s, shape[3] * s};
                    params.add(n + "_W");
                    params.add(b.name());
            } else if (l instanceof Pool p) {
                    Pooling2DConfig cfg = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).paddingMode(PaddingMode.VALID).isNHWC(false).build();
                    x = p.max() ? sd.cnn().maxPooling2d(n, x, cfg) : sd.cnn().avgPooling2d(n, x, cfg);
                    shape = new long[] {-1, shape[1], shape[2] / 2, shape[3] / 2};
            } else if (l instanceof Dense d) {
                    if (shape.length == 4) {
                        long flat = shape[1] * shape[2] * shape[3];
                        x = sd.reshape(x, sd.constant(Nd4j.createFromArray(-1L, flat)));
                        shape = new long[] {-1, flat};
                    }
                    SDVariable w = sd.var(n + "_W", glorot(rng, shape[1], d.units(), shape[1], d.units()));
                    SDVariable b = sd.var(n + "_b", Nd4j.zeros(DataType.FLOAT, 1, d.units()));
                    x = x.mmul(w).add(n, b);
                    shape = new long[] {-1, d.units()};
                    params.add(w.name());
                    params.add(b.name());
            }
            if (activate) x = leak > 0 ? sd.nn().leakyRelu(n + "_act", x, leak) : sd.nn().relu(n + "_act", x, 0);
        }
        return new Built(x, shape, convWeights, params);
    }

    private static Conv2DConfig conv(int kernel, int stride) {
        return Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride).paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).build();
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /** Glorot-uniform: U(±√(6 / (fan_in + fan_out))), from {@code rng}. */
    static org.nd4j.linalg.api.ndarray.INDArray glorot(SplittableRandom rng, long fanIn, long fanOut, long... shape) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
