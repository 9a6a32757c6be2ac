package oneclass.baseline;

import oneclass.ics.DeepSvddNet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One-class Deep SVDD (Ruff et al., "Deep One-Class Classification", ICML 2018), the DSVDD column of HRN
 * Table 1 and ICS Table 1 ("OCSVM, IF and DSVDD shared the settings from [9]", ICS Sec. 3). A network φ
 * without bias terms maps x to R³²; training minimizes the mean squared distance to a centre c fixed
 * beforehand (Eq. 4 of Ruff et al., one-class objective):
 * <pre>
 *   min_W  (1/n) Σᵢ ‖φ(xᵢ; W) − c‖²  +  (λ/2) Σ_l ‖W^l‖²_F
 * </pre>
 * and the normality score is −‖φ(x) − c‖² (higher = more normal).
 *
 * <p>The settings are those of the authors' code for the paper's MNIST experiments (the paper itself is not
 * on this machine; docs/baselines.md lists each choice and its source):
 * <ul>
 *   <li>inputs: global contrast normalization with the l1 norm per image, x ← (x − x̄) / mean|x − x̄|, then
 *       min-max scaling with the minimum and maximum over the normal class's training images (so "per
 *       class"), applied to train and test alike ({@link #preprocess});</li>
 *   <li>φ, the MNIST LeNet: conv 5×5 → 8 (pad 2), BN, leaky ReLU, 2×2 max-pool; conv 5×5 → 4 (pad 2), BN,
 *       leaky ReLU, 2×2 max-pool; dense 196 → 32. No layer has a bias, and batch normalization has no affine
 *       parameters (γ, β), which would be biases too; BN ε = 1e-4, running-statistics momentum 0.1, leaky
 *       ReLU slope 0.01 (PyTorch's default);</li>
 *   <li>autoencoder pretraining: φ as the encoder and the mirrored decoder (reshape to 2×4×4, leaky ReLU,
 *       ×2 upsampling; conv 5×5 → 4 (pad 2), BN, leaky ReLU, ×2; conv 5×5 → 8 (pad 1), BN, leaky ReLU, ×2;
 *       conv 5×5 → 1 (pad 2), sigmoid), loss the batch mean of Σⱼ (x̂ⱼ − xⱼ)²; φ's weights and BN running
 *       statistics are then copied into the Deep SVDD network;</li>
 *   <li>c = the mean of φ(x) over the training images in one forward pass (evaluation mode, before any
 *       Deep SVDD step), each coordinate with |cⱼ| &lt; ε moved to ±ε by its sign, ε = 0.1, since a zero
 *       coordinate can be matched trivially by zero weights (Ruff et al.'s code; a coordinate exactly 0 has
 *       no sign and stays 0, as there);</li>
 *   <li>both phases: Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), batch 200, learning rate 1e-4 divided by 10 from the
 *       milestone epoch on; autoencoder 150 epochs, milestone 50, weight decay 0.5e-3; Deep SVDD 150
 *       epochs, milestone 50, weight decay 0.5e-6. Weight decay is PyTorch Adam's: λ·W added to the
 *       gradient, i.e. the term (λ/2)‖W‖².</li>
 *   <li>weights: PyTorch's default initialization U(±1/√fan_in), drawn from the run's seed.</li>
 * </ul>
 * On CIFAR-10 (32 × 32 colour images) the network is the authors' CIFAR-10 LeNet, three such modules (32, 64,
 * 128 channels) and a dense layer 2048 → 128, its autoencoder's code batch-normalized before the decoder, the
 * autoencoder's convolutions Glorot-initialized with the leaky ReLU gain, and its own schedule: autoencoder 350
 * epochs, milestone 250, weight decay 0.5e-6 ({@link DeepSvddNet} draws both networks). Each network has its
 * {@link Budget}; a row of any other size is refused.
 * The networks, their losses and gradients are {@link DeepSvddNet} (on ICS's direct-op engine); this class holds the
 * preprocessing, the centre, the training schedule and the score.
 *
 * @param mnist     the budget on 28 × 28 grey images (MNIST, Fashion-MNIST)
 * @param cifar10   the budget on 32 × 32 colour images (CIFAR-10)
 * @param lr        Adam's learning rate in both phases, before the milestone
 * @param batchSize images per Adam step
 * @param eps       the centre rule's ε
 */
public record DeepSvdd(Budget mnist, Budget cifar10, double lr, int batchSize, double eps) implements OneClassBaseline {
    /**
     * One network's training budget.
     *
     * @param aeEpochs      autoencoder pretraining epochs
     * @param aeMilestone   the epoch from which the autoencoder's learning rate is lr/10 (= aeEpochs: never)
     * @param aeWeightDecay the autoencoder's weight decay λ
     * @param epochs        Deep SVDD epochs
     * @param milestone     the epoch from which Deep SVDD's learning rate is lr/10 (= epochs: never)
     * @param weightDecay   Deep SVDD's weight decay λ
     */
    public record Budget(int aeEpochs, int aeMilestone, double aeWeightDecay, int epochs, int milestone, double weightDecay) {
        public Budget {
            if (aeEpochs < 0) throw new IllegalArgumentException("DSVDD autoencoder epochs must be >= 0 (0: no pretraining), got " + aeEpochs);
            if (epochs < 1) throw new IllegalArgumentException("DSVDD epochs must be >= 1, got " + epochs);
            if (aeEpochs > 0 && (aeMilestone < 1 || aeMilestone > aeEpochs))
                throw new IllegalArgumentException("DSVDD autoencoder milestone must be in [1, " + aeEpochs + "] (the autoencoder epochs), got " + aeMilestone);
            if (milestone < 1 || milestone > epochs)
                throw new IllegalArgumentException("DSVDD milestone must be in [1, " + epochs + "] (the epochs), got " + milestone);
            if (!(aeWeightDecay >= 0)) throw new IllegalArgumentException("DSVDD autoencoder weight decay must be >= 0, got " + aeWeightDecay);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("DSVDD weight decay must be >= 0, got " + weightDecay);
        }

        /**
         * This budget with other epochs (null: keep), each milestone at the same fraction of its phase as here (50 of 150,
         * 250 of 350; at least 1), and other weight decays (null: keep).
         */
        public Budget with(Integer aeEpochs, Double aeWeightDecay, Integer epochs, Double weightDecay) {
            int ae = aeEpochs != null ? aeEpochs : this.aeEpochs, ep = epochs != null ? epochs : this.epochs;
            return new Budget(ae, scaled(ae, aeMilestone, this.aeEpochs), aeWeightDecay != null ? aeWeightDecay : this.aeWeightDecay,
                    ep, scaled(ep, milestone, this.epochs), weightDecay != null ? weightDecay : this.weightDecay);
        }

        private static int scaled(int epochs, int milestone, int of) {
            return epochs == of ? milestone : Math.max(1, (int) Math.round(epochs * (double) milestone / of));
        }

        /** Fewer epochs than {@code full}'s, or no pretraining: "A + B of Ruff et al.'s C + D epochs (autoencoder + Deep SVDD)"; else null. */
        String shortenedFrom(Budget full, String network) {
            return aeEpochs >= full.aeEpochs && epochs >= full.epochs ? null
                    : aeEpochs + " + " + epochs + " of Ruff et al.'s " + full.aeEpochs + " + " + full.epochs + " epochs (autoencoder + Deep SVDD" + network + ")";
        }
    }

    /** Ruff et al.'s MNIST schedule (Deep-SVDD-PyTorch README's MNIST example; Deep-SVDD's Theano scripts). */
    public static final Budget RUFF_MNIST = new Budget(150, 50, 0.5e-3, 150, 50, 0.5e-6);
    /** Ruff et al.'s CIFAR-10 schedule (Deep-SVDD-PyTorch README's CIFAR-10 example). */
    public static final Budget RUFF_CIFAR10 = new Budget(350, 250, 0.5e-6, 150, 50, 0.5e-6);
    /** The authors' settings on both networks. */
    public static final DeepSvdd RUFF_2018 = new DeepSvdd(RUFF_MNIST, RUFF_CIFAR10, 1e-4, 200, 0.1);

    static final double LEAK = DeepSvddNet.LEAK, BN_EPS = DeepSvddNet.BN_EPS;

    public DeepSvdd {
        java.util.Objects.requireNonNull(mnist, "mnist budget");
        java.util.Objects.requireNonNull(cifar10, "cifar10 budget");
        if (!(lr > 0)) throw new IllegalArgumentException("DSVDD learning rate must be > 0, got " + lr);
        if (batchSize < 2) throw new IllegalArgumentException("DSVDD batch size must be >= 2 (batch normalization), got " + batchSize);
        if (!(eps >= 0)) throw new IllegalArgumentException("DSVDD centre eps must be >= 0, got " + eps);
    }

    /** Both budgets with other epochs and weight decays (null: the budget's own), as {@link Budget#with}. */
    public DeepSvdd with(Integer aeEpochs, Double aeWeightDecay, Integer epochs, Double weightDecay) {
        return new DeepSvdd(mnist.with(aeEpochs, aeWeightDecay, epochs, weightDecay), cifar10.with(aeEpochs, aeWeightDecay, epochs, weightDecay),
                lr, batchSize, eps);
    }

    @Override public String name() { return "DSVDD"; }

    /** The network for rows of {@code features} values. */
    static DeepSvddNet.Lenet lenet(int features, String what) {
        return DeepSvddNet.Lenet.forFeatures(features).orElseThrow(() -> new IllegalArgumentException(
                "DSVDD runs Ruff et al.'s LeNets on 28×28 grey images (784 values: MNIST, Fashion-MNIST) or 32×32 colour images "
                        + "(3072 values: CIFAR-10), but a " + what + " row has " + features + " values"));
    }

    /** The budget of the network for rows of {@code features} values. */
    public Budget budget(int features) {
        return lenet(features, "training") == DeepSvddNet.Lenet.MNIST ? mnist : cifar10;
    }

    /** Fewer epochs than Ruff et al.'s for that network (150 + 150 MNIST, 350 + 150 CIFAR-10), or no pretraining, is a shortened budget. */
    @Override public String shortened(int features) {
        return DeepSvddNet.Lenet.forFeatures(features).map(l -> l == DeepSvddNet.Lenet.MNIST ? mnist.shortenedFrom(RUFF_MNIST, "")
                : cifar10.shortenedFrom(RUFF_CIFAR10, ", CIFAR-10 LeNet")).orElse(null);
    }

    /** Both networks' settings (for the run record's list of methods). */
    @Override public String describe() {
        return describe(DeepSvddNet.Lenet.MNIST.features()) + " / " + describe(DeepSvddNet.Lenet.CIFAR10.features());
    }

    /** The settings the rows of {@code features} values run with, the runs' fingerprints (MNIST's gained the decoder's fan_in on 2026-12-04, when it was corrected). */
    @Override public String describe(int features) {
        boolean mnistNet = lenet(features, "training") == DeepSvddNet.Lenet.MNIST;
        Budget b = budget(features);
        String net = mnistNet ? "MNIST LeNet 8-4-32 no bias, BN affine=false eps=" + BN_EPS + ", leaky=" + LEAK + ", AE deconvs fan_in=out*25"
                : "CIFAR-10 LeNet 32-64-128-128 no bias, BN affine=false eps=" + BN_EPS + ", leaky=" + LEAK + ", AE convs xavier-uniform gain=lrelu, AE code BN1d";
        return "DSVDD(one-class, " + net
                + ", GCN-l1 + min-max per class; AE epochs=" + b.aeEpochs + " milestone=" + b.aeMilestone + " wd=" + b.aeWeightDecay
                + "; epochs=" + b.epochs + " milestone=" + b.milestone + " wd=" + b.weightDecay + "; adam lr=" + lr + " /10 at milestone, batch="
                + batchSize + ", centre eps=" + eps + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        if (train.length < 2) throw new IllegalArgumentException("DSVDD needs at least 2 training images, got " + train.length);
        float[][] x = preprocess(train, test);
        int n = train.length;
        Budget b = budget(train[0].length);
        SplittableRandom rng = new SplittableRandom(seed);
        DeepSvddNet net = new DeepSvddNet(lenet(train[0].length, "training"), rng);
        if (b.aeEpochs() > 0) fit(net, net.autoencoder(rng, adam(n, b.aeEpochs(), b.aeMilestone()), b.aeWeightDecay()), x[0], n, b.aeEpochs(), rng);
        double[] c = centre(net.phi(x[0], n), eps);
        fit(net, net.svdd(c, adam(n, b.epochs(), b.milestone()), b.weightDecay()), x[0], n, b.epochs(), rng);
        double[][] phi = net.phi(x[1], test.length);
        double[] score = new double[test.length];
        for (int i = 0; i < score.length; i++) score[i] = -squaredDistance(phi[i], c);
        return score;
    }

    // ---- preprocessing ------------------------------------------------------------------------------------------

    /**
     * GCN (l1) of every row, then (x − min) / (max − min) with min and max over all training values after GCN:
     * [train, test] as float images (784 or 3072 values each). A constant row has no contrast to normalize and is an error.
     */
    static float[][] preprocess(double[][] train, double[][] test) {
        requireImages(train, "training");
        requireImages(test, "test");
        double[][] gTrain = globalContrastNormalization(train, "training"), gTest = globalContrastNormalization(test, "test");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] r : gTrain) for (double v : r) { min = Math.min(min, v); max = Math.max(max, v); }
        return new float[][] {minMax(gTrain, min, max), minMax(gTest, min, max)};
    }

    /** x ← (x − x̄) / ((1/D) Σⱼ |xⱼ − x̄|) per row (Ruff et al.'s GCN with the l1 norm; the D cancels in min-max). */
    static double[][] globalContrastNormalization(double[][] rows, String what) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            double mean = 0;
            for (double v : r) mean += v;
            mean /= r.length;
            double l1 = 0;
            for (double v : r) l1 += Math.abs(v - mean);
            l1 /= r.length;
            if (!(l1 > 0)) throw new IllegalArgumentException("DSVDD: " + what + " image " + i + " is constant (" + r[0]
                    + " everywhere); global contrast normalization divides by its mean absolute deviation, 0");
            out[i] = new double[r.length];
            for (int j = 0; j < r.length; j++) out[i][j] = (r[j] - mean) / l1;
        }
        return out;
    }

    /** (x − min) / (max − min), flattened row after row. */
    static float[] minMax(double[][] rows, double min, double max) {
        float[] f = new float[rows.length * rows[0].length];
        int k = 0;
        for (double[] r : rows) for (double v : r) f[k++] = (float) ((v - min) / (max - min));
        return f;
    }

    private static void requireImages(double[][] rows, String what) {
        if (rows.length == 0) throw new IllegalArgumentException("DSVDD: no " + what + " images");
        lenet(rows[0].length, what);
    }

    // ---- centre, distance -------------------------------------------------------------------------------------

    /** c = mean of the rows of φ [n][d]; then cⱼ ← −ε where −ε &lt; cⱼ &lt; 0 and cⱼ ← ε where 0 &lt; cⱼ &lt; ε. */
    static double[] centre(double[][] phi, double eps) {
        double[] c = new double[phi[0].length];
        for (double[] p : phi) for (int j = 0; j < c.length; j++) c[j] += p[j];
        for (int j = 0; j < c.length; j++) {
            c[j] /= phi.length;
            if (Math.abs(c[j]) < eps && c[j] < 0) c[j] = -eps;
            else if (Math.abs(c[j]) < eps && c[j] > 0) c[j] = eps;
        }
        return c;
    }

    /** ‖a − b‖². */
    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }

    // ---- training ---------------------------------------------------------------------------------------------

    /**
     * {@code epochs} passes of a phase's Adam steps over the n images, the order shuffled by rng every epoch, the last
     * batch short. (BN's running statistics move towards each batch's in the forward pass, see {@code ics.BatchNorm}.)
     */
    void fit(DeepSvddNet net, DeepSvddNet.Phase phase, float[] x, int n, int epochs, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
            for (int from = 0; from < n; from += batchSize)
                phase.step(net.images(x, order, from, Math.min(n, from + batchSize) - from));
        }
    }

    /** Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) with learning rate lr until the milestone epoch and lr/10 from it, for n images a pass. */
    Adam adam(int n, int epochs, int milestone) {
        int perEpoch = (n + batchSize - 1) / batchSize;
        Map<Integer, Double> schedule = new HashMap<>(Map.of(0, lr));
        if (milestone < epochs) schedule.put(milestone * perEpoch, lr / 10);
        return new Adam(new MapSchedule(ScheduleType.ITERATION, schedule));
    }
}
