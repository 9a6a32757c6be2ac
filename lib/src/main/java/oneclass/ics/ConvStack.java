package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A stack of layers (convolution, transposed convolution, pooling, dense) and how it is built into
 * {@link Layers}, NCHW. Every layer but the last is followed by the activation (ReLU, or LeakyReLU when
 * {@code leak > 0}); the caller decides what follows the last one. Convolutions use SAME padding, pooling
 * 2×2 with stride 2 (VALID: 7 → 3), a transposed convolution with stride s and kernel s doubles the size.
 * Weights are Glorot-uniform (Keras' default, the authors' framework), or with {@code heInit} He-uniform
 * (He et al. 2015, for ReLU stacks), drawn from the run's seed; biases 0.
 */
public record ConvStack(List<Layer> layers, double leak, boolean heInit) {
    public ConvStack {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) throw new IllegalArgumentException("a stack needs at least one layer");
        if (!(leak >= 0 && leak < 1)) throw new IllegalArgumentException("leak must be in [0, 1), got " + leak);
    }

    /** A Glorot-initialized stack. */
    public ConvStack(List<Layer> layers, double leak) { this(layers, leak, false); }

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
        return layers.stream().map(Object::toString).collect(Collectors.joining(",")) + (leak > 0 ? " leaky" + leak : " relu") + (heInit ? " he-init" : "");
    }

    /**
     * The stack at run time ({@link Layers}) on inputs of shape {@code inShape} ([-1, C, H, W] or [-1, D]), its
     * weights drawn from {@code rng} in layer order and added to {@code params}. Every layer but the last is
     * followed by the activation; the last too when {@code activateLast}. {@code inputGradient}: the backward pass
     * returns ∂L/∂x (false for the network's input: the first layer skips what it can of it).
     */
    Layers.Net build(Params params, long[] inShape, SplittableRandom rng, boolean activateLast, boolean inputGradient, OpProfile profile) {
        long[] shape = inShape.clone();
        List<Layers.Layer> built = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean first = i == 0 && !inputGradient;
            Layers.Act act = (i < layers.size() - 1 || activateLast) && !(l instanceof Pool) ? new Layers.Act(leak) : null;
            if (l instanceof Conv c) {
                    long cin = shape[1];
                    Params.Param w = params.add(init(rng, c.kernel() * c.kernel() * cin, (long) c.kernel() * c.kernel() * c.filters(),
                            c.kernel(), c.kernel(), cin, c.filters()), true); // [kH, kW, iC, oC]
                    Params.Param b = params.add(Nd4j.zeros(DataType.FLOAT, c.filters()), false);
                    built.add(new Layers.Conv(w, b, c.kernel(), c.stride(), act, profile, first));
                    shape = new long[] {-1, c.filters(), Layers.ceilDiv(shape[2], c.stride()), Layers.ceilDiv(shape[3], c.stride())};
            } else if (l instanceof Deconv c) {
                    // ND4J's deconv2d (col2im) was 10-40x slower than a convolution of the same size (ics_bench), so the two
                    // kinds are written with other ops; DeconvTest holds both to deconv2d. Weights: the same draw.
                    long cin = shape[1];
                    int k = c.kernel(), s = c.stride();
                    if (s == 1) {
                        // stride 1, SAME: a transposed convolution is the convolution with the kernel flipped and its channels
                        // swapped, W'[i, j, c, o] = W[k-1-i, k-1-j, o, c]; the parameter holds W' directly
                        Params.Param w = params.add(init(rng, k * k * cin, (long) k * k * c.filters(), k, k, cin, c.filters()), true);
                        Params.Param b = params.add(Nd4j.zeros(DataType.FLOAT, c.filters()), false);
                        built.add(new Layers.Conv(w, b, k, 1, act, profile, first));
                    } else {
                        // kernel = stride: out[o, s·i + a, s·j + b] = Σ_c W[a, b, o, c]·x[c, i, j] + b_o, a 1×1 convolution to s²·O
                        // channels (channel (a·s + b)·O + o) rearranged into s×s blocks by depth_to_space
                        Params.Param w = params.add(init(rng, k * k * cin, (long) k * k * c.filters(), 1, 1, cin, (long) s * s * c.filters()), true);
                        Params.Param b = params.add(Nd4j.zeros(DataType.FLOAT, c.filters()), false);
                        built.add(new Layers.BlockDeconv(w, b, s, act, profile, first));
                    }
                    shape = new long[] {-1, c.filters(), shape[2] * s, shape[3] * s};
            } else if (l instanceof Pool p) {
                    built.add(new Layers.Pool(p.max(), profile, first));
                    shape = new long[] {-1, shape[1], shape[2] / 2, shape[3] / 2};
            } else if (l instanceof Dense d) {
                    long flat = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape[1];
                    Params.Param w = params.add(init(rng, flat, d.units(), flat, d.units()), false);
                    Params.Param b = params.add(Nd4j.zeros(DataType.FLOAT, d.units()), false);
                    built.add(new Layers.Dense(w, b, act, profile, first));
                    shape = new long[] {-1, d.units()};
            }
        }
        return new Layers.Net(List.copyOf(built), shape);
    }

    /** This stack's initial weights: He-uniform with {@link #heInit}, else Glorot-uniform. */
    private org.nd4j.linalg.api.ndarray.INDArray init(SplittableRandom rng, long fanIn, long fanOut, long... shape) {
        return uniform(rng, heInit ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** Glorot-uniform: U(±√(6 / (fan_in + fan_out))), from {@code rng}. */
    static org.nd4j.linalg.api.ndarray.INDArray glorot(SplittableRandom rng, long fanIn, long fanOut, long... shape) {
        return uniform(rng, Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** U(±limit), from {@code rng}. */
    private static org.nd4j.linalg.api.ndarray.INDArray uniform(SplittableRandom rng, double limit, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
