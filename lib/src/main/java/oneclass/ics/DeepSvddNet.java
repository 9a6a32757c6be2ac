package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The networks of one-class Deep SVDD (Ruff et al., ICML 2018; {@code oneclass.baseline.DeepSvdd} has the method and
 * where each setting comes from) on {@link Layers}, the engine of ICS's networks: φ, one of the authors' two LeNets
 * ({@link Lenet}), and the decoder of its pretraining autoencoder. No layer has a bias and batch normalization has no
 * γ, β. The MNIST LeNet (28×28 grey images):
 * <pre>
 *   φ:       conv 5×5 → 8 (pad 2), BN, lrelu, maxpool 2 ; conv 5×5 → 4 (pad 2), BN, lrelu, maxpool 2 ; dense 196 → 32
 *   decoder: z as 2×4×4, lrelu, ×2 ; conv 5×5 → 4 (pad 2), BN, lrelu, ×2 ; conv 5×5 → 8 (pad 1), BN, lrelu, ×2 ;
 *            conv 5×5 → 1 (pad 2), sigmoid
 * </pre>
 * The CIFAR-10 LeNet (32×32 colour images):
 * <pre>
 *   φ:       conv 5×5 → 32 (pad 2), BN, lrelu, maxpool 2 ; conv 5×5 → 64, BN, lrelu, maxpool 2 ;
 *            conv 5×5 → 128, BN, lrelu, maxpool 2 ; dense 2048 → 128
 *   decoder: BN(z), z as 8×4×4, lrelu ; conv 5×5 → 128 (pad 2), BN, lrelu, ×2 ; conv 5×5 → 64, BN, lrelu, ×2 ;
 *            conv 5×5 → 32, BN, lrelu, ×2 ; conv 5×5 → 3 (pad 2), sigmoid
 * </pre>
 * (the decoder's transposed convolutions, stride 1 with padding p, as the convolutions of their flipped kernels with
 * padding 4 − p). BN ε = 1e-4, momentum 0.1, leaky ReLU slope 0.01. Losses, each with its gradient written out:
 * <pre>
 *   autoencoder:  (1/B) Σᵢ Σⱼ (x̂ᵢⱼ − xᵢⱼ)²    ∂/∂oᵢⱼ = (2/B)(x̂ᵢⱼ − xᵢⱼ) x̂ᵢⱼ (1 − x̂ᵢⱼ),  x̂ = σ(o)
 *   Deep SVDD:    (1/B) Σᵢ ‖φ(xᵢ) − c‖²         ∂/∂φ(xᵢ) = (2/B)(φ(xᵢ) − c)
 * </pre>
 * Weight decay λ (PyTorch Adam's λ·W on the gradient) on every parameter, all of them kernels.
 */
public final class DeepSvddNet {
    public static final int SIDE = 28, REP = 32;
    public static final double LEAK = 0.01, BN_EPS = 1e-4, BN_MOMENTUM = 0.1;

    /**
     * Ruff et al.'s two LeNets, by the images they take. Initial weights as the authors' code draws them: the MNIST
     * networks PyTorch's default U(±1/√fan_in); the CIFAR-10 autoencoder's convolutions Glorot-uniform with the leaky
     * ReLU gain √(2 / (1 + 0.01²)), its dense layer the default.
     */
    public enum Lenet {
        MNIST(1, 28, 32, 8, 4), CIFAR10(3, 32, 128, 32, 64, 128);

        public final int channels, side, rep;
        final int[] widths; // φ's convolutions' output channels

        Lenet(int channels, int side, int rep, int... widths) {
            this.channels = channels;
            this.side = side;
            this.rep = rep;
            this.widths = widths;
        }

        /** Values per image, C·H·W. */
        public int features() { return channels * side * side; }

        /** The network for rows of {@code features} values, or empty. */
        public static java.util.Optional<Lenet> forFeatures(int features) {
            return java.util.Arrays.stream(values()).filter(l -> l.features() == features).findFirst();
        }

        /** A 5×5 kernel [5, 5, in, out] of a convolution, drawn as this network's code draws it. */
        INDArray kernel(SplittableRandom rng, int in, int out) {
            if (this == MNIST) return uniform(rng, 25L * in, 5, 5, in, out);
            double gain = Math.sqrt(2 / (1 + LEAK * LEAK));
            return symmetric(rng, gain * Math.sqrt(6.0 / (25L * in + 25L * out)), 5, 5, in, out);
        }
    }

    private final Lenet lenet;
    private final DataType type;
    private final OpProfile profile = new OpProfile();
    private final INDArray[] stats;  // φ's BN running statistics (μ, σ² per convolution), carried from pretraining into Deep SVDD
    INDArray[] weights;              // φ's kernels, the convolutions' [5, 5, in, out] and the dense layer's [flat, rep]: drawn, then trained

    /** The MNIST LeNet φ with its weights drawn from rng: U(±1/√fan_in), PyTorch's default, conv1, conv2, fc in this order. */
    public DeepSvddNet(SplittableRandom rng) { this(Lenet.MNIST, rng, DataType.FLOAT); }

    /** φ of {@code lenet}, its weights drawn from rng in layer order. */
    public DeepSvddNet(Lenet lenet, SplittableRandom rng) { this(lenet, rng, DataType.FLOAT); }

    /** As above in {@code type} (DOUBLE for the gradient checks). */
    DeepSvddNet(Lenet lenet, SplittableRandom rng, DataType type) {
        this.lenet = lenet;
        this.type = type;
        int n = lenet.widths.length;
        weights = new INDArray[n + 1];
        stats = new INDArray[2 * n];
        int in = lenet.channels;
        for (int i = 0; i < n; i++) {
            weights[i] = lenet.kernel(rng, in, lenet.widths[i]);
            stats[2 * i] = Nd4j.zeros(type, lenet.widths[i]);
            stats[2 * i + 1] = Nd4j.ones(type, lenet.widths[i]);
            in = lenet.widths[i];
        }
        int flat = in * (lenet.side >> n) * (lenet.side >> n);
        weights[n] = uniform(rng, flat, flat, lenet.rep);
    }

    /** The MNIST LeNet in {@code type}. */
    DeepSvddNet(SplittableRandom rng, DataType type) { this(Lenet.MNIST, rng, type); }

    /** Times the ops of the steps while it listens. */
    public OpProfile profile() { return profile; }

    /**
     * The autoencoder of the pretraining phase, φ and the decoder, its decoder's weights drawn from rng after φ's.
     * Training it trains φ's weights and BN statistics in place, for {@link #svdd} and {@link #phi}.
     */
    public Phase autoencoder(SplittableRandom rng, IUpdater adam, double weightDecay) {
        Params p = new Params(type);
        Encoder enc = new Encoder(p, true);
        return new Phase(p, enc, lenet == Lenet.MNIST ? mnistDecoder(p, rng) : cifarDecoder(p, rng), null, adam, weightDecay);
    }

    private Layers.Net mnistDecoder(Params p, SplittableRandom rng) {
        // ConvTranspose2d's default: PyTorch takes fan_in from the weight's second axis, the output channels
        INDArray[] w = {uniform(rng, 25 * 4, 5, 5, 2, 4), uniform(rng, 25 * 8, 5, 5, 4, 8), uniform(rng, 25 * 1, 5, 5, 8, 1)};
        Params.Param[] d = new Params.Param[3];
        for (int i = 0; i < 3; i++) d[i] = p.add(w[i], true);
        Layers.Act lrelu = new Layers.Act(LEAK);
        return new Layers.Net(List.of(
                new Layers.Upsample(new long[] {REP / 16, 4, 4}, lrelu, profile, false),                // [B, 2, 8, 8]
                new Layers.Conv(d[0], null, 5, 1, 2, null, profile, false),                              // [B, 4, 8, 8]
                bn(4, lrelu),
                new Layers.Upsample(null, null, profile, false),                                         // [B, 4, 16, 16]
                new Layers.Conv(d[1], null, 5, 1, 1, null, profile, false),                              // [B, 8, 14, 14]
                bn(8, lrelu),
                new Layers.Upsample(null, null, profile, false),                                         // [B, 8, 28, 28]
                new Layers.Conv(d[2], null, 5, 1, 2, null, profile, false)), new long[] {-1, 1, SIDE, SIDE}); // [B, 1, 28, 28]
    }

    private Layers.Net cifarDecoder(Params p, SplittableRandom rng) {
        int[] c = {8, 128, 64, 32, 3};
        Params.Param[] d = new Params.Param[4];
        for (int i = 0; i < 4; i++) d[i] = p.add(lenet.kernel(rng, c[i], c[i + 1]), true);
        Layers.Act lrelu = new Layers.Act(LEAK);
        return new Layers.Net(List.of(
                bn(lenet.rep, null),                                                                     // BN(z) [B, 128]
                new Layers.View(new long[] {8, 4, 4}, lrelu, profile, false),                            // [B, 8, 4, 4]
                new Layers.Conv(d[0], null, 5, 1, 2, null, profile, false), bn(128, lrelu),              // [B, 128, 4, 4]
                new Layers.Upsample(null, null, profile, false),                                         // [B, 128, 8, 8]
                new Layers.Conv(d[1], null, 5, 1, 2, null, profile, false), bn(64, lrelu),               // [B, 64, 8, 8]
                new Layers.Upsample(null, null, profile, false),                                         // [B, 64, 16, 16]
                new Layers.Conv(d[2], null, 5, 1, 2, null, profile, false), bn(32, lrelu),               // [B, 32, 16, 16]
                new Layers.Upsample(null, null, profile, false),                                         // [B, 32, 32, 32]
                new Layers.Conv(d[3], null, 5, 1, 2, null, profile, false)), new long[] {-1, 3, 32, 32}); // [B, 3, 32, 32]
    }

    /** Batch normalization in training mode with fresh statistics of its own: the decoder's, used in pretraining only. */
    private BatchNorm bn(int channels, Layers.Act act) {
        return new BatchNorm(Nd4j.zeros(type, channels), Nd4j.ones(type, channels), BN_EPS, BN_MOMENTUM, true, act, profile);
    }

    /** The Deep SVDD phase towards the centre c [rep]: φ alone, from its current weights and BN statistics. */
    public Phase svdd(double[] c, IUpdater adam, double weightDecay) {
        if (c.length != lenet.rep) throw new IllegalArgumentException("the centre must have " + lenet.rep + " coordinates, has " + c.length);
        Params p = new Params(type);
        Encoder enc = new Encoder(p, true);
        return new Phase(p, enc, null, Nd4j.create(c, new long[] {1, lenet.rep}, 'c').castTo(type), adam, weightDecay);
    }

    /** φ(x) in evaluation mode (BN's running statistics) for the n images of x (C·H·W values each), 1000 at a time: [n][rep]. */
    public double[][] phi(float[] x, int n) {
        Params p = new Params(type);
        Encoder enc = new Encoder(p, false);
        p.seal();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[][] out = new double[n][];
        for (int from = 0; from < n; from += 1000) {
            int b = Math.min(n, from + 1000) - from;
            INDArray f = enc.net.forward(images(x, order, from, b).castTo(type));
            for (int i = 0; i < b; i++) out[from + i] = f.getRow(i).toDoubleVector();
        }
        return out;
    }

    /** The images order[from … from+b) of the flat float array (C·H·W values each, channel planes in turn), as [b, C, H, W]. */
    public INDArray images(float[] x, int[] order, int from, int b) {
        int d = lenet.features();
        float[] f = new float[b * d];
        for (int i = 0; i < b; i++) System.arraycopy(x, order[from + i] * d, f, i * d, d);
        return Nd4j.create(f, new long[] {b, lenet.channels, lenet.side, lenet.side}, 'c');
    }

    /** φ on parameters added to p (initial values: φ's current weights); with {@code train}, BN in training mode. */
    private final class Encoder {
        final Params.Param[] w = new Params.Param[weights.length];
        final Layers.Net net;

        Encoder(Params p, boolean train) {
            for (int i = 0; i < w.length; i++) w[i] = p.add(weights[i], true);
            Layers.Act lrelu = new Layers.Act(LEAK);
            List<Layers.Layer> layers = new java.util.ArrayList<>();
            for (int i = 0; i < w.length - 1; i++) {                                                    // conv, BN, lrelu, maxpool: side / 2
                layers.add(new Layers.Conv(w[i], null, 5, 1, 2, null, profile, i == 0));
                layers.add(new BatchNorm(stats[2 * i], stats[2 * i + 1], BN_EPS, BN_MOMENTUM, train, lrelu, profile));
                layers.add(new Layers.Pool(true, profile, false));
            }
            layers.add(new Layers.Dense(w[w.length - 1], null, null, profile, false));                    // [B, rep]
            net = new Layers.Net(List.copyOf(layers), new long[] {-1, lenet.rep});
        }

        /** From now on φ's weights are this network's (θ's views, trained in place). */
        void own() {
            for (int i = 0; i < w.length; i++) weights[i] = w[i].value;
        }
    }

    /** One training phase: its parameters θ (φ's kernels first), its network, its loss and Adam. */
    public final class Phase {
        private final Params params;
        private final Encoder enc;
        private final Layers.Net dec;   // null: the Deep SVDD phase
        private final INDArray c;       // [1, rep], the Deep SVDD phase's centre
        private final Optimizer optimizer;

        private Phase(Params params, Encoder enc, Layers.Net dec, INDArray c, IUpdater adam, double weightDecay) {
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
            params.seal();
            enc.own();
            this.params = params;
            this.enc = enc;
            this.dec = dec;
            this.c = c;
            // PyTorch's Adam(weight_decay=λ) adds λ·W to the gradient; the Optimizer's l2 adds 2·l2·W
            this.optimizer = new Optimizer(params, adam, weightDecay / 2, profile);
        }

        /** One Adam step on the batch x [B, C, H, W]; returns the batch's loss before it. */
        public double step(INDArray x) {
            double loss = loss(x, true);
            optimizer.step();
            return loss;
        }

        /** The batch's loss (training mode); with {@code backward} also its gradient g. */
        double loss(INDArray x, boolean backward) {
            INDArray in = x.castTo(type);
            long b = in.size(0);
            INDArray z = enc.net.forward(in);                                     // φ(x) [B, rep]
            if (dec == null) {
                INDArray diff = Nd4j.exec(new BroadcastSubOp(z, c, z.ulike(), 1)); // φ(x) − c
                double loss = diff.mul(diff).sumNumber().doubleValue() / b;
                if (backward) enc.net.backward(diff.muli(2.0 / b));
                return loss;
            }
            INDArray xhat = Transforms.sigmoid(dec.forward(z), true);             // [B, C, H, W]
            INDArray diff = xhat.sub(in);
            double loss = diff.mul(diff).sumNumber().doubleValue() / b;
            if (backward) enc.net.backward(dec.backward(diff.muli(xhat).muli(xhat.rsub(1)).muli(2.0 / b)));
            return loss;
        }

        /** θ and g (for the gradient checks). */
        Params params() { return params; }
    }

    /** U(±1/√fan_in) of the given shape (PyTorch's default for convolutions and linear layers), from rng, in float. */
    static INDArray uniform(SplittableRandom rng, long fanIn, long... shape) {
        return symmetric(rng, 1 / Math.sqrt(fanIn), shape);
    }

    /** U(±bound) of the given shape, from rng, in float. */
    static INDArray symmetric(SplittableRandom rng, double bound, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
