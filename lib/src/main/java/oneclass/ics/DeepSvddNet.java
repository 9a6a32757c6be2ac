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
 * where each setting comes from) on {@link Layers}, the engine of ICS's networks: φ, the authors' MNIST LeNet, and the
 * decoder of its pretraining autoencoder. No layer has a bias and batch normalization has no γ, β:
 * <pre>
 *   φ:       conv 5×5 → 8 (pad 2), BN, lrelu, maxpool 2 ; conv 5×5 → 4 (pad 2), BN, lrelu, maxpool 2 ; dense 196 → 32
 *   decoder: z as 2×4×4, lrelu, ×2 ; conv 5×5 → 4 (pad 2), BN, lrelu, ×2 ; conv 5×5 → 8 (pad 1), BN, lrelu, ×2 ;
 *            conv 5×5 → 1 (pad 2), sigmoid
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

    private final DataType type;
    private final OpProfile profile = new OpProfile();
    private final INDArray[] stats;  // φ's BN running statistics (bn1 μ, σ², bn2 μ, σ²), carried from pretraining into Deep SVDD
    INDArray[] weights;              // φ's kernels conv1 [5, 5, 1, 8], conv2 [5, 5, 8, 4], fc [196, 32]: drawn, then trained

    /** φ with its weights drawn from rng: U(±1/√fan_in), PyTorch's default, conv1, conv2, fc in this order. */
    public DeepSvddNet(SplittableRandom rng) { this(rng, DataType.FLOAT); }

    /** As above in {@code type} (DOUBLE for the gradient checks). */
    DeepSvddNet(SplittableRandom rng, DataType type) {
        this.type = type;
        weights = new INDArray[] {uniform(rng, 25, 5, 5, 1, 8), uniform(rng, 25 * 8, 5, 5, 8, 4), uniform(rng, 4 * 7 * 7, 4 * 7 * 7, REP)};
        stats = new INDArray[] {Nd4j.zeros(type, 8), Nd4j.ones(type, 8), Nd4j.zeros(type, 4), Nd4j.ones(type, 4)};
    }

    /** Times the ops of the steps while it listens. */
    public OpProfile profile() { return profile; }

    /**
     * The autoencoder of the pretraining phase, φ and the decoder, its decoder's weights drawn from rng after φ's.
     * Training it trains φ's weights and BN statistics in place, for {@link #svdd} and {@link #phi}.
     */
    public Phase autoencoder(SplittableRandom rng, IUpdater adam, double weightDecay) {
        INDArray[] w = {uniform(rng, 25 * 2, 5, 5, 2, 4), uniform(rng, 25 * 4, 5, 5, 4, 8), uniform(rng, 25 * 8, 5, 5, 8, 1)};
        Params p = new Params(type);
        Encoder enc = new Encoder(p, true);
        Params.Param[] d = new Params.Param[3];
        for (int i = 0; i < 3; i++) d[i] = p.add(w[i], true);
        Layers.Act lrelu = new Layers.Act(LEAK);
        INDArray[] bn3 = {Nd4j.zeros(type, 4), Nd4j.ones(type, 4)}, bn4 = {Nd4j.zeros(type, 8), Nd4j.ones(type, 8)}; // used in pretraining only
        Layers.Net dec = new Layers.Net(List.of(
                new Layers.Upsample(new long[] {REP / 16, 4, 4}, lrelu, profile, false),                // [B, 2, 8, 8]
                new Layers.Conv(d[0], null, 5, 1, 2, null, profile, false),                              // [B, 4, 8, 8]
                new BatchNorm(bn3[0], bn3[1], BN_EPS, BN_MOMENTUM, true, lrelu, profile),
                new Layers.Upsample(null, null, profile, false),                                         // [B, 4, 16, 16]
                new Layers.Conv(d[1], null, 5, 1, 1, null, profile, false),                              // [B, 8, 14, 14]
                new BatchNorm(bn4[0], bn4[1], BN_EPS, BN_MOMENTUM, true, lrelu, profile),
                new Layers.Upsample(null, null, profile, false),                                         // [B, 8, 28, 28]
                new Layers.Conv(d[2], null, 5, 1, 2, null, profile, false)), new long[] {-1, 1, SIDE, SIDE}); // [B, 1, 28, 28]
        return new Phase(p, enc, dec, null, adam, weightDecay);
    }

    /** The Deep SVDD phase towards the centre c [32]: φ alone, from its current weights and BN statistics. */
    public Phase svdd(double[] c, IUpdater adam, double weightDecay) {
        if (c.length != REP) throw new IllegalArgumentException("the centre must have " + REP + " coordinates, has " + c.length);
        Params p = new Params(type);
        Encoder enc = new Encoder(p, true);
        return new Phase(p, enc, null, Nd4j.create(c, new long[] {1, REP}, 'c').castTo(type), adam, weightDecay);
    }

    /** φ(x) in evaluation mode (BN's running statistics) for the n images of x (784 values each), 1000 at a time: [n][32]. */
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

    /** The images order[from … from+b) of the flat float array (784 values each), as [b, 1, 28, 28]. */
    public static INDArray images(float[] x, int[] order, int from, int b) {
        int d = SIDE * SIDE;
        float[] f = new float[b * d];
        for (int i = 0; i < b; i++) System.arraycopy(x, order[from + i] * d, f, i * d, d);
        return Nd4j.create(f, new long[] {b, 1, SIDE, SIDE}, 'c');
    }

    /** φ on parameters added to p (initial values: φ's current weights); with {@code train}, BN in training mode. */
    private final class Encoder {
        final Params.Param[] w = new Params.Param[3];
        final Layers.Net net;

        Encoder(Params p, boolean train) {
            for (int i = 0; i < 3; i++) w[i] = p.add(weights[i], true);
            Layers.Act lrelu = new Layers.Act(LEAK);
            net = new Layers.Net(List.of(
                    new Layers.Conv(w[0], null, 5, 1, 2, null, profile, true),                               // [B, 8, 28, 28]
                    new BatchNorm(stats[0], stats[1], BN_EPS, BN_MOMENTUM, train, lrelu, profile),
                    new Layers.Pool(true, profile, false),                                                   // [B, 8, 14, 14]
                    new Layers.Conv(w[1], null, 5, 1, 2, null, profile, false),                              // [B, 4, 14, 14]
                    new BatchNorm(stats[2], stats[3], BN_EPS, BN_MOMENTUM, train, lrelu, profile),
                    new Layers.Pool(true, profile, false),                                                   // [B, 4, 7, 7]
                    new Layers.Dense(w[2], null, null, profile, false)), new long[] {-1, REP});              // [B, 32]
        }

        /** From now on φ's weights are this network's (θ's views, trained in place). */
        void own() {
            for (int i = 0; i < 3; i++) weights[i] = w[i].value;
        }
    }

    /** One training phase: its parameters θ (φ's kernels first), its network, its loss and Adam. */
    public final class Phase {
        private final Params params;
        private final Encoder enc;
        private final Layers.Net dec;   // null: the Deep SVDD phase
        private final INDArray c;       // [1, 32], the Deep SVDD phase's centre
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

        /** One Adam step on the batch x [B, 1, 28, 28]; returns the batch's loss before it. */
        public double step(INDArray x) {
            double loss = loss(x, true);
            optimizer.step();
            return loss;
        }

        /** The batch's loss (training mode); with {@code backward} also its gradient g. */
        double loss(INDArray x, boolean backward) {
            INDArray in = x.castTo(type);
            long b = in.size(0);
            INDArray z = enc.net.forward(in);                                     // φ(x) [B, 32]
            if (dec == null) {
                INDArray diff = Nd4j.exec(new BroadcastSubOp(z, c, z.ulike(), 1)); // φ(x) − c
                double loss = diff.mul(diff).sumNumber().doubleValue() / b;
                if (backward) enc.net.backward(diff.muli(2.0 / b));
                return loss;
            }
            INDArray xhat = Transforms.sigmoid(dec.forward(z), true);             // [B, 1, 28, 28]
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
        double bound = 1 / Math.sqrt(fanIn);
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
