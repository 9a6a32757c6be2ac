package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * {@link ConvStack}'s layers at run time: each layer's forward and backward pass as direct calls of libnd4j's
 * ops (conv2d / conv2d_bp and the pooling ops run oneDNN's kernels in the oneDNN build), into buffers kept
 * from one step to the next and into the gradient views of {@link Params}. This replaces a SameDiff graph:
 * on ICS's small networks SameDiff's bookkeeping between ops and a fresh array per op took about half of a
 * classifier step (docs/performance-ics.md). NCHW throughout; weights [kH, kW, iC, oC] as SameDiff's conv2d.
 */
final class Layers {
    private Layers() {}

    /** One layer: forward keeps what backward needs; backward writes its parameters' gradients and returns ∂L/∂x (null for the first layer). */
    abstract static class Layer {
        final OpProfile profile;
        final boolean first;
        INDArray in;

        Layer(OpProfile profile, boolean first) { this.profile = profile; this.first = first; }

        abstract INDArray forward(INDArray x);

        abstract INDArray backward(INDArray dy);

        void run(DynamicCustomOp op) { profile.time(op.opName(), () -> Nd4j.exec(op)); }

        private INDArray activated, dPre; // the activation's output and ∂L/∂pre, kept from step to step

        /** act(pre) into a kept buffer; pre itself when there is no activation. */
        INDArray activate(Act act, INDArray pre) {
            if (act == null) return pre;
            activated = like(activated, pre.dataType(), pre.shape());
            act.forward(this, pre, activated);
            return activated;
        }

        /** ∂L/∂pre from ∂L/∂y through the activation of {@link #activate}; dy itself when there is none. */
        INDArray deactivate(Act act, INDArray pre, INDArray dy) {
            if (act == null) return dy;
            dPre = like(dPre, pre.dataType(), pre.shape());
            act.backward(this, pre, dy, dPre);
            return dPre;
        }
    }

    /** A stack of layers and the shape it ends at ([-1, C, H, W] or [-1, D]). */
    record Net(List<Layer> layers, long[] shape) {
        INDArray forward(INDArray x) {
            for (Layer l : layers) x = l.forward(x);
            return x;
        }

        /** ∂L/∂y of the last forward pass's output → the gradients of every layer; returns ∂L/∂x of the stack's input (null). */
        INDArray backward(INDArray dy) {
            for (int i = layers.size() - 1; i >= 0; i--) dy = layers.get(i).backward(dy);
            return dy;
        }
    }

    /**
     * ReLU (leak 0) or LeakyReLU y = max(x, leak·x), after a layer; null for none. Written with libnd4j's plain
     * elementwise ops: its lrelu, lrelu_bp and relu_bp ops took 3–12× longer (5–8 ns per element) and gave the same
     * numbers (ActTest), subgradients included: ∂y/∂x at x = 0 is 0 for ReLU, 1 for LeakyReLU.
     */
    record Act(double leak) {
        void forward(Layer l, INDArray pre, INDArray out) {
            l.profile.time(leak > 0 ? "lrelu" : "relu", () -> {
                if (leak > 0) {
                    Nd4j.exec(new ScalarMultiplication(pre, null, out, leak));
                    Nd4j.exec(new Max(pre, out, out));                      // max(x, leak·x)
                } else {
                    Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(pre).addOutputs(out).addFloatingPointArguments(0.0).build());
                }
            });
        }

        void backward(Layer l, INDArray pre, INDArray dy, INDArray dpre) {
            l.profile.time(leak > 0 ? "lrelu_bp" : "relu_bp", () -> {
                if (leak > 0) Nd4j.exec(new LeakyReLUDerivative(pre, dpre, leak)); // x ≥ 0 ? 1 : leak
                else Nd4j.exec(new Step(pre, dpre, 0.0));                           // x > 0 ? 1 : 0
                Nd4j.exec(new MulOp(dpre, dy, dpre));
            });
        }
    }

    /**
     * k×k convolution, stride s, SAME padding or {@code pad} zeros on every side, with a bias or none (b null); then the
     * activation. Also a stride-1 transposed convolution (its flipped kernel: with padding p, the convolution's is k − 1 − p).
     */
    static final class Conv extends Layer {
        static final int SAME = -1;
        private final Params.Param w, b;
        private final Act act;
        private final int kernel, stride, pad;
        private final int[] args;
        private INDArray pre, dx;

        Conv(Params.Param w, Params.Param b, int kernel, int stride, Act act, OpProfile profile, boolean first) {
            this(w, b, kernel, stride, SAME, act, profile, first);
        }

        Conv(Params.Param w, Params.Param b, int kernel, int stride, int pad, Act act, OpProfile profile, boolean first) {
            super(profile, first);
            this.w = w;
            this.b = b;
            this.act = act;
            this.kernel = kernel;
            this.stride = stride;
            this.pad = pad;
            this.args = pad == SAME ? convArgs(kernel, stride) : new int[] {kernel, kernel, stride, stride, pad, pad, 1, 1, 0, 0, 0};
        }

        private long outSize(long in) { return pad == SAME ? ceilDiv(in, stride) : (in + 2L * pad - kernel) / stride + 1; }

        @Override INDArray forward(INDArray x) {
            in = x;
            pre = like(pre, x.dataType(), x.size(0), w.shape[3], outSize(x.size(2)), outSize(x.size(3)));
            var op = DynamicCustomOp.builder("conv2d").addInputs(b == null ? new INDArray[] {x, w.value} : new INDArray[] {x, w.value, b.value});
            run(op.addOutputs(pre).addIntegerArguments(args).build());
            return activate(act, pre);
        }

        @Override INDArray backward(INDArray dy) {
            INDArray d = deactivate(act, pre, dy);
            dx = like(dx, in.dataType(), in.shape()); // libnd4j computes ∂L/∂x even for the first layer
            var op = b == null ? DynamicCustomOp.builder("conv2d_bp").addInputs(in, w.value, d).addOutputs(dx, w.grad)
                    : DynamicCustomOp.builder("conv2d_bp").addInputs(in, w.value, b.value, d).addOutputs(dx, w.grad, b.grad);
            run(op.addIntegerArguments(args).build());
            return first ? null : dx;
        }
    }

    /**
     * Transposed convolution with kernel = stride s (non-overlapping s×s output blocks): a 1×1 convolution to s²·O
     * channels (the bias b_o repeated for each of the s² channels of o), its channels rearranged into the blocks
     * (depth to space); then the activation. Backward: the blocks back to channels, then conv2d_bp; ∂L/∂b_o sums
     * the s² channels' bias gradients. The rearrangement is a copy through an index map made once per shape:
     * libnd4j's depth_to_space and space_to_depth took 10–40 ns per element, a quarter of an autoencoder step.
     */
    static final class BlockDeconv extends Layer {
        private final Params.Param w, b;
        private final Act act;
        private final int s;
        private final int[] args = convArgs(1, 1);
        private int[] blocks;                  // pre[k] = conv[blocks[k]]
        private INDArray bias, biasGrad;       // [s²·O]: b repeated, and its gradient
        private INDArray conv, pre, dconv, dx;

        BlockDeconv(Params.Param w, Params.Param b, int stride, Act act, OpProfile profile, boolean first) {
            super(profile, first);
            this.w = w;
            this.b = b;
            this.act = act;
            this.s = stride;
        }

        @Override INDArray forward(INDArray x) {
            in = x;
            DataType t = x.dataType();
            long o = b.shape[0];
            conv = like(conv, t, x.size(0), w.shape[3], x.size(2), x.size(3));
            pre = like(pre, t, x.size(0), o, x.size(2) * s, x.size(3) * s);
            if (blocks == null || blocks.length != pre.length()) blocks = depthToSpace(x.size(0), o, x.size(2), x.size(3), s);
            bias = like(bias, t, w.shape[3]);
            INDArray repeated = bias.reshape(s * s, o);
            profile.time("bias_repeat", () -> Nd4j.exec(new BroadcastCopyOp(repeated, b.value, repeated, 1)));
            run(DynamicCustomOp.builder("conv2d").addInputs(x, w.value, bias).addOutputs(conv).addIntegerArguments(args).build());
            profile.time("depth_to_space", () -> gather(conv, pre, blocks));
            return activate(act, pre);
        }

        @Override INDArray backward(INDArray dy) {
            INDArray d = deactivate(act, pre, dy);
            INDArray g = d;
            dconv = like(dconv, conv.dataType(), conv.shape());
            profile.time("space_to_depth", () -> scatter(g, dconv, blocks));
            dx = like(dx, in.dataType(), in.shape());
            biasGrad = like(biasGrad, bias.dataType(), bias.shape());
            run(DynamicCustomOp.builder("conv2d_bp").addInputs(in, w.value, bias, dconv).addOutputs(dx, w.grad, biasGrad).addIntegerArguments(args).build());
            profile.time("bias_bp", () -> biasGrad.reshape(s * s, b.shape[0]).sum(b.grad, 0));
            return first ? null : dx;
        }
    }

    /**
     * The index map of depth to space, NCHW: out[n, o, s·i + a, s·j + c] = in[n, (a·s + c)·O + o, i, j] for an input
     * [B, s²·O, H, W] (the channel order of the 1×1 convolution's weights, see {@link ConvStack#build}); returns, for
     * each element k of the output in c order, the element of the input it comes from.
     */
    static int[] depthToSpace(long batch, long o, long h, long w, int s) {
        int[] map = new int[Math.toIntExact(batch * o * h * s * w * s)];
        int k = 0;
        for (long n = 0; n < batch; n++)
            for (long q = 0; q < o; q++)
                for (long i = 0; i < h; i++)
                    for (int a = 0; a < s; a++)
                        for (long j = 0; j < w; j++)
                            for (int c = 0; c < s; c++)
                                map[k++] = (int) (((n * s * s * o + (a * s + c) * o + q) * h + i) * w + j);
        return map;
    }

    /** to[k] = from[map[k]]: both c-order, contiguous, float or double. */
    static void gather(INDArray from, INDArray to, int[] map) {
        INDArray f = plain(from);
        if (f.dataType() == DataType.FLOAT) {
            FloatBuffer src = f.data().asNioFloat(), dst = to.data().asNioFloat();
            int fo = (int) f.offset(), t0 = (int) to.offset();
            for (int k = 0; k < map.length; k++) dst.put(t0 + k, src.get(fo + map[k]));
        } else {
            DoubleBuffer src = f.data().asNioDouble(), dst = to.data().asNioDouble();
            int fo = (int) f.offset(), t0 = (int) to.offset();
            for (int k = 0; k < map.length; k++) dst.put(t0 + k, src.get(fo + map[k]));
        }
    }

    /** to[map[k]] = from[k]: the inverse of {@link #gather} for a one-to-one map. */
    static void scatter(INDArray from, INDArray to, int[] map) {
        INDArray f = plain(from);
        if (f.dataType() == DataType.FLOAT) {
            FloatBuffer src = f.data().asNioFloat(), dst = to.data().asNioFloat();
            int fo = (int) f.offset(), t0 = (int) to.offset();
            for (int k = 0; k < map.length; k++) dst.put(t0 + map[k], src.get(fo + k));
        } else {
            DoubleBuffer src = f.data().asNioDouble(), dst = to.data().asNioDouble();
            int fo = (int) f.offset(), t0 = (int) to.offset();
            for (int k = 0; k < map.length; k++) dst.put(t0 + map[k], src.get(fo + k));
        }
    }

    /** {@code a} itself when its elements lie in c order one after another, else a copy that does. */
    private static INDArray plain(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /**
     * 2×2 pooling, stride 2, VALID: max or average. Max pooling is written in Java: each window's first largest value
     * (in the order (0, 0), (0, 1), (1, 0), (1, 1), as libnd4j's and PyTorch's kernels take it) is found once in the
     * forward pass, and the backward pass sends ∂L/∂y to it, 0 to the other three. libnd4j's maxpool2d and maxpool2d_bp
     * took 16 and 23 ns per input value on Deep SVDD's [200, 8, 28, 28], this 4.3 and 0.6 ns; the same numbers.
     */
    static final class Pool extends Layer {
        private final boolean max;
        private static final int[] ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0}; // kernel, stride, padding, dilation, VALID, divisor mode, NCHW
        private INDArray out, dx;
        private int[] argmax; // max: out[k] = x[argmax[k]], x in c order

        Pool(boolean max, OpProfile profile, boolean first) {
            super(profile, first);
            this.max = max;
        }

        @Override INDArray forward(INDArray x) {
            in = x;
            out = like(out, x.dataType(), x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2);
            if (!max) run(DynamicCustomOp.builder("avgpool2d").addInputs(x).addOutputs(out).addIntegerArguments(ARGS).build());
            else profile.time("maxpool2d", () -> {
                if (argmax == null || argmax.length != out.length()) argmax = new int[Math.toIntExact(out.length())];
                windowMaxima(x, argmax);
                gather(x, out, argmax);
            });
            return out;
        }

        @Override INDArray backward(INDArray dy) {
            dx = like(dx, in.dataType(), in.shape());
            if (!max) run(DynamicCustomOp.builder("avgpool2d_bp").addInputs(in, dy).addOutputs(dx).addIntegerArguments(ARGS).build());
            else profile.time("maxpool2d_bp", () -> {
                dx.assign(0);
                scatter(dy, dx, argmax);
            });
            return first ? null : dx;
        }
    }

    /** For each 2×2 window (stride 2, VALID) of x [B, C, H, W], in the output's c order: the c-order index of its first largest value. */
    static void windowMaxima(INDArray x, int[] argmax) {
        INDArray f = plain(x);
        int o = (int) f.offset();
        java.util.function.IntToDoubleFunction v;
        if (f.dataType() == DataType.FLOAT) { FloatBuffer b = f.data().asNioFloat(); v = i -> b.get(o + i); }
        else { DoubleBuffer b = f.data().asNioDouble(); v = i -> b.get(o + i); }
        int h = (int) f.size(2), w = (int) f.size(3), planes = (int) (f.size(0) * f.size(1)), k = 0;
        for (int p = 0; p < planes; p++)
            for (int i = 0; i + 1 < h; i += 2)
                for (int j = 0; j + 1 < w; j += 2) {
                    int a = (p * h + i) * w + j, best = a;
                    double m = v.applyAsDouble(a), b = v.applyAsDouble(a + 1), c = v.applyAsDouble(a + w), d = v.applyAsDouble(a + w + 1);
                    if (b > m) { m = b; best = a + 1; }
                    if (c > m) { m = c; best = a + w; }
                    if (d > m) best = a + w + 1;
                    argmax[k++] = best;
                }
    }

    /**
     * Nearest-neighbour ×2 upsampling (PyTorch's F.interpolate(scale_factor=2) default): out[n, c, i, j] = x[n, c, ⌊i/2⌋, ⌊j/2⌋];
     * then the activation, which commutes with it (an elementwise function of copied values): Deep SVDD's decoder has
     * lrelu then upsampling, the same numbers. {@code view} [C, H, W]: the input is viewed as that image first (the
     * decoder's code z ∈ R³² as 2×4×4), null when it is one already. Backward: each input value's gradient is the sum
     * over its 2×2 block.
     */
    static final class Upsample extends Layer {
        private final long[] view;
        private final Act act;
        private INDArray image, up, dx;

        Upsample(long[] view, Act act, OpProfile profile, boolean first) {
            super(profile, first);
            this.view = view;
            this.act = act;
        }

        @Override INDArray forward(INDArray x) {
            in = x;
            image = view == null ? x : x.reshape(x.size(0), view[0], view[1], view[2]);
            up = like(up, x.dataType(), image.size(0), image.size(1), 2 * image.size(2), 2 * image.size(3));
            run(DynamicCustomOp.builder("upsampling2d").addInputs(image).addOutputs(up).addIntegerArguments(2, 2, 1).build()); // factors, NCHW
            return activate(act, up);
        }

        @Override INDArray backward(INDArray dy) {
            INDArray d = deactivate(act, up, dy);
            dx = like(dx, image.dataType(), image.shape());
            run(DynamicCustomOp.builder("upsampling2d_bp").addInputs(image, d).addOutputs(dx).addIntegerArguments(1).build()); // NCHW
            return first ? null : dx.reshape(in.shape());
        }
    }

    /**
     * The input [B, D] viewed as images [B, C, H, W] ({@code view} = [C, H, W], C·H·W = D); then the activation (Deep SVDD's
     * CIFAR-10 decoder). The MNIST decoder keeps its view and activation inside {@link Upsample}: the activation moved before
     * the upsampling gives the same forward values, but its backward pass rounds a·Σdy instead of Σ a·dy, which moved an
     * AUC of the runs made so far in its 5th decimal (93.818883 against 93.818815, measured).
     */
    static final class View extends Layer {
        private final long[] view;
        private final Act act;
        private INDArray image;

        View(long[] view, Act act, OpProfile profile, boolean first) {
            super(profile, first);
            this.view = view;
            this.act = act;
        }

        @Override INDArray forward(INDArray x) {
            in = x;
            image = x.reshape(x.size(0), view[0], view[1], view[2]);
            return activate(act, image);
        }

        @Override INDArray backward(INDArray dy) {
            return first ? null : deactivate(act, image, dy).reshape(in.shape());
        }
    }

    /** Fully connected y = x·W + b (b null: y = x·W) on x flattened to [B, D]; then the activation. */
    static final class Dense extends Layer {
        private final Params.Param w, b;
        private final Act act;
        private INDArray flat, pre, dx;

        Dense(Params.Param w, Params.Param b, Act act, OpProfile profile, boolean first) {
            super(profile, first);
            this.w = w;
            this.b = b;
            this.act = act;
        }

        @Override INDArray forward(INDArray x) {
            in = x;
            flat = x.rank() == 2 ? x : x.reshape(x.size(0), w.shape[0]);
            pre = like(pre, x.dataType(), x.size(0), w.shape[1]);
            profile.time("matmul", () -> {
                Nd4j.gemm(flat, w.value, pre, false, false, 1, 0);
                if (b != null) Nd4j.exec(new BroadcastAddOp(pre, b.value, pre, 1));
            });
            return activate(act, pre);
        }

        @Override INDArray backward(INDArray dy) {
            INDArray d = deactivate(act, pre, dy);
            INDArray g = d;
            profile.time("matmul_bp", () -> {
                Nd4j.gemm(flat, g, w.grad, true, false, 1, 0); // ∂L/∂W = xᵀ·δ
                if (b != null) g.sum(b.grad, 0);              // ∂L/∂b = Σ_rows δ
                if (!first) {
                    dx = like(dx, flat.dataType(), flat.shape());
                    Nd4j.gemm(g, w.value, dx, false, true, 1, 0); // ∂L/∂x = δ·Wᵀ
                }
            });
            return first ? null : dx.reshape(in.shape());
        }
    }

    /** conv2d's integer arguments: kernel, stride, no explicit padding, dilation 1, SAME, NCHW, weights [kH, kW, iC, oC]. */
    private static int[] convArgs(int kernel, int stride) {
        return new int[] {kernel, kernel, stride, stride, 0, 0, 1, 1, 1, 0, 0};
    }

    /**
     * {@code old} when it already has this type and shape (a buffer kept between steps), else a new array, and then
     * {@code old}'s memory is released at once. Waiting for the garbage collector to free it is not enough when batch
     * shapes alternate, as in the code's schedule (pair steps on 256 images, then classifier steps on 64; `--protocol official-code`): every
     * layer's buffers were replaced on every step, the Java heap hardly grew, and the off-heap memory reached 15-22 GB
     * within minutes, until the kernel killed the JVM. Callers use a layer's output before the next forward pass.
     */
    static INDArray like(INDArray old, DataType type, long... shape) {
        if (old != null && old.dataType() == type && Arrays.equals(old.shape(), shape)) return old;
        if (old != null && old.closeable()) old.close();
        return Nd4j.create(type, shape);
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
