package oneclass.baseline;

import oneclass.ics.Optimizer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Only the MNIST network is here: a row must be a 28 × 28 grey image (MNIST, Fashion-MNIST). Ruff et al.'s
 * CIFAR-10 LeNet (three modules, 128 units) is not implemented, and such rows are refused.
 *
 * @param aeEpochs      autoencoder pretraining epochs
 * @param aeMilestone   the epoch from which the autoencoder's learning rate is lr/10 (= aeEpochs: never)
 * @param aeWeightDecay the autoencoder's weight decay λ
 * @param epochs        Deep SVDD epochs
 * @param milestone     the epoch from which Deep SVDD's learning rate is lr/10 (= epochs: never)
 * @param weightDecay   Deep SVDD's weight decay λ
 * @param lr            Adam's learning rate in both phases, before the milestone
 * @param batchSize     images per Adam step
 * @param eps           the centre rule's ε
 */
public record DeepSvdd(int aeEpochs, int aeMilestone, double aeWeightDecay, int epochs, int milestone, double weightDecay,
                       double lr, int batchSize, double eps) implements OneClassBaseline {
    /** The authors' MNIST settings (Deep-SVDD-PyTorch README's MNIST example; Deep-SVDD's Theano scripts). */
    public static final DeepSvdd RUFF_2018 = new DeepSvdd(150, 50, 0.5e-3, 150, 50, 0.5e-6, 1e-4, 200, 0.1);

    static final int SIDE = 28, REP = 32;
    static final double LEAK = 0.01, BN_EPS = 1e-4, BN_MOMENTUM = 0.1;

    public DeepSvdd {
        if (aeEpochs < 0) throw new IllegalArgumentException("DSVDD autoencoder epochs must be >= 0 (0: no pretraining), got " + aeEpochs);
        if (epochs < 1) throw new IllegalArgumentException("DSVDD epochs must be >= 1, got " + epochs);
        if (aeEpochs > 0 && (aeMilestone < 1 || aeMilestone > aeEpochs))
            throw new IllegalArgumentException("DSVDD autoencoder milestone must be in [1, " + aeEpochs + "] (the autoencoder epochs), got " + aeMilestone);
        if (milestone < 1 || milestone > epochs)
            throw new IllegalArgumentException("DSVDD milestone must be in [1, " + epochs + "] (the epochs), got " + milestone);
        if (!(aeWeightDecay >= 0)) throw new IllegalArgumentException("DSVDD autoencoder weight decay must be >= 0, got " + aeWeightDecay);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("DSVDD weight decay must be >= 0, got " + weightDecay);
        if (!(lr > 0)) throw new IllegalArgumentException("DSVDD learning rate must be > 0, got " + lr);
        if (batchSize < 2) throw new IllegalArgumentException("DSVDD batch size must be >= 2 (batch normalization), got " + batchSize);
        if (!(eps >= 0)) throw new IllegalArgumentException("DSVDD centre eps must be >= 0, got " + eps);
    }

    /** The milestone when none is given: a third of the epochs, as the authors' 50 of 150 (at least 1). */
    public static int defaultMilestone(int epochs) {
        return Math.max(1, (int) Math.round(epochs / 3.0));
    }

    @Override public String name() { return "DSVDD"; }

    /** Fewer epochs than Ruff et al.'s 150 + 150 (autoencoder + Deep SVDD), or no pretraining, is a shortened budget. */
    @Override public String shortened(int features) {
        DeepSvdd full = RUFF_2018;
        return aeEpochs >= full.aeEpochs && epochs >= full.epochs ? null
                : aeEpochs + " + " + epochs + " of Ruff et al.'s " + full.aeEpochs + " + " + full.epochs + " epochs (autoencoder + Deep SVDD)";
    }

    @Override public String describe() {
        return "DSVDD(one-class, MNIST LeNet 8-4-32 no bias, BN affine=false eps=" + BN_EPS + ", leaky=" + LEAK
                + ", GCN-l1 + min-max per class; AE epochs=" + aeEpochs + " milestone=" + aeMilestone + " wd=" + aeWeightDecay
                + "; epochs=" + epochs + " milestone=" + milestone + " wd=" + weightDecay + "; adam lr=" + lr + " /10 at milestone, batch="
                + batchSize + ", centre eps=" + eps + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        if (train.length < 2) throw new IllegalArgumentException("DSVDD needs at least 2 training images, got " + train.length);
        float[][] x = preprocess(train, test);
        int n = train.length;
        SplittableRandom rng = new SplittableRandom(seed);
        Lenet net = new Lenet(rng);
        if (aeEpochs > 0) {
            Autoencoder ae = new Autoencoder(net, rng);
            fit(ae.sd, ae.params, ae.bns, Map.of(), x[0], n, aeEpochs, aeMilestone, aeWeightDecay, rng);
            net.copyEncoderFrom(ae.sd);  // the BN layers (and their running statistics) are the encoder's own objects
        }
        Svdd svdd = new Svdd(net);
        double[] c = centre(svdd.phi(x[0], n), eps);
        INDArray cArr = Nd4j.create(toFloat(c), new long[] {1, REP}, 'c');
        fit(svdd.sd, svdd.params, svdd.bns, Map.of("c", cArr), x[0], n, epochs, milestone, weightDecay, rng);
        double[][] phi = svdd.phi(x[1], test.length);
        double[] score = new double[test.length];
        for (int i = 0; i < score.length; i++) score[i] = -squaredDistance(phi[i], c);
        return score;
    }

    // ---- preprocessing ------------------------------------------------------------------------------------------

    /**
     * GCN (l1) of every row, then (x − min) / (max − min) with min and max over all training values after GCN:
     * [train, test] as float images of 784 values each. A constant row has no contrast to normalize and is an error.
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
        if (rows[0].length != SIDE * SIDE)
            throw new IllegalArgumentException("DSVDD runs the MNIST LeNet of Ruff et al. on 28×28 grey images (784 values), but a " + what
                    + " row has " + rows[0].length + " values; their CIFAR-10 network is not implemented here");
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
     * Adam on the graph's loss over {@code epochs} passes of the n images (order shuffled by rng every epoch,
     * the last batch short), learning rate lr until the milestone epoch and lr/10 from it, weight decay λ on
     * every parameter (all are weights). After every step each BN layer's running statistics move towards the
     * batch's: r ← (1 − m)·r + m·b, with the unbiased batch variance, as PyTorch's.
     */
    void fit(SameDiff sd, List<String> params, List<Bn> bns, Map<String, INDArray> fixed, float[] x, int n, int epochs, int milestone,
             double weightDecay, SplittableRandom rng) {
        int perEpoch = (n + batchSize - 1) / batchSize;
        Map<Integer, Double> schedule = new HashMap<>(Map.of(0, lr));
        if (milestone < epochs) schedule.put(milestone * perEpoch, lr / 10);
        // PyTorch's Adam(weight_decay=λ) adds λ·W to the gradient; the Optimizer's l2 adds 2·l2·W
        Optimizer opt = new Optimizer(sd, params, new Adam(new MapSchedule(ScheduleType.ITERATION, schedule)), weightDecay / 2, params);
        List<String> outputs = new ArrayList<>(List.of("loss"));
        for (Bn bn : bns) outputs.addAll(List.of(bn.name + "_mean", bn.name + "_var"));
        Map<String, INDArray> feed = new HashMap<>(fixed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
            for (int from = 0; from < n; from += batchSize) {
                int b = Math.min(n, from + batchSize) - from;
                feed.put("x", images(x, order, from, b));
                OutAndGrad og = sd.calculateGradientsAndOutputs(feed, outputs, params);
                opt.step(og.getGradients());
                for (Bn bn : bns) bn.update(og.getOutputs(), b);
            }
        }
    }

    /** The images order[from … from+b) of the flat float array, as [b, 1, 28, 28]. */
    static INDArray images(float[] x, int[] order, int from, int b) {
        int d = SIDE * SIDE;
        float[] f = new float[b * d];
        for (int i = 0; i < b; i++) System.arraycopy(x, order[from + i] * d, f, i * d, d);
        return Nd4j.create(f, new long[] {b, 1, SIDE, SIDE}, 'c');
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    // ---- the networks -----------------------------------------------------------------------------------------

    /**
     * A batch normalization layer without affine parameters: in training mode x̂ = (x − μ_B) / √(σ²_B + ε) with the
     * batch's mean and (biased) variance per channel; in evaluation mode the running statistics, fed as
     * placeholders {@code <name>_rm}, {@code <name>_rv} [1, C, 1, 1]. Holds those running statistics.
     */
    static final class Bn {
        final String name;
        final int channels;
        final long perChannel; // values per channel and image (H·W)
        INDArray runningMean, runningVar;

        Bn(String name, int channels, long perChannel) {
            this.name = name;
            this.channels = channels;
            this.perChannel = perChannel;
            runningMean = Nd4j.zeros(DataType.FLOAT, 1, channels, 1, 1);
            runningVar = Nd4j.ones(DataType.FLOAT, 1, channels, 1, 1);
        }

        /** x [B, C, H, W] normalized; training mode names its batch statistics {@code <name>_mean}, {@code <name>_var} [C]. */
        SDVariable apply(SameDiff sd, SDVariable x, boolean train) {
            if (train) {
                SDVariable mean = x.mean(name + "_mean", 0, 2, 3);
                SDVariable centred = x.sub(sd.reshape(mean, 1, channels, 1, 1));
                SDVariable var = centred.mul(centred).mean(name + "_var", 0, 2, 3);
                return centred.div(sd.math().sqrt(sd.reshape(var, 1, channels, 1, 1).add(BN_EPS)));
            }
            SDVariable rm = sd.placeHolder(name + "_rm", DataType.FLOAT, 1, channels, 1, 1);
            SDVariable rv = sd.placeHolder(name + "_rv", DataType.FLOAT, 1, channels, 1, 1);
            return x.sub(rm).div(sd.math().sqrt(rv.add(BN_EPS)));
        }

        void update(Map<String, INDArray> outputs, int batch) {
            long m = batch * perChannel;
            INDArray mean = outputs.get(name + "_mean").reshape(1, channels, 1, 1);
            INDArray unbiased = outputs.get(name + "_var").reshape(1, channels, 1, 1).mul((double) m / (m - 1));
            runningMean = runningMean.mul(1 - BN_MOMENTUM).addi(mean.mul(BN_MOMENTUM));
            runningVar = runningVar.mul(1 - BN_MOMENTUM).addi(unbiased.mul(BN_MOMENTUM));
        }

        void feed(Map<String, INDArray> feed) {
            feed.put(name + "_rm", runningMean);
            feed.put(name + "_rv", runningVar);
        }
    }

    /** The encoder φ's weights (conv1 [5, 5, 1, 8], conv2 [5, 5, 8, 4], fc [196, 32]) and its BN layers' running statistics. */
    static final class Lenet {
        static final List<String> WEIGHTS = List.of("conv1_W", "conv2_W", "fc_W");
        final Map<String, INDArray> weights = new LinkedHashMap<>();
        final Bn bn1 = new Bn("bn1", 8, SIDE * SIDE), bn2 = new Bn("bn2", 4, (SIDE / 2) * (SIDE / 2));

        Lenet(SplittableRandom rng) {
            weights.put("conv1_W", uniform(rng, 25, 5, 5, 1, 8));
            weights.put("conv2_W", uniform(rng, 25 * 8, 5, 5, 8, 4));
            weights.put("fc_W", uniform(rng, 4 * 7 * 7, 4 * 7 * 7, REP));
        }

        /** φ(x): x [B, 1, 28, 28] → [B, 32], the weights being variables of sd already. */
        SDVariable encode(SameDiff sd, SDVariable x, boolean train) {
            SDVariable h = conv(sd, x, "conv1_W", 2);                                     // [B, 8, 28, 28]
            h = pool(sd, sd.nn().leakyRelu(bn1.apply(sd, h, train), LEAK));             // [B, 8, 14, 14]
            h = conv(sd, h, "conv2_W", 2);                                                // [B, 4, 14, 14]
            h = pool(sd, sd.nn().leakyRelu(bn2.apply(sd, h, train), LEAK));             // [B, 4, 7, 7]
            return sd.reshape(h, -1, 4 * 7 * 7).mmul(sd.getVariable("fc_W"));          // [B, 32]
        }

        void addWeights(SameDiff sd) {
            weights.forEach((name, w) -> sd.var(name, w.dup()));
        }

        /** The pretrained encoder's weights, from the autoencoder's graph. */
        void copyEncoderFrom(SameDiff ae) {
            for (String w : WEIGHTS) weights.put(w, ae.getArrForVarName(w).dup());
        }
    }

    /** The autoencoder of the pretraining phase: φ and the decoder; "loss" = batch mean of Σⱼ (x̂ⱼ − xⱼ)². */
    static final class Autoencoder {
        final SameDiff sd = SameDiff.create();
        final List<String> params = new ArrayList<>(Lenet.WEIGHTS);
        final List<Bn> bns;

        /** The decoder's weights are drawn from rng after the encoder's. */
        Autoencoder(Lenet enc, SplittableRandom rng) {
            enc.addWeights(sd);
            sd.var("dconv1_W", uniform(rng, 25 * 2, 5, 5, 2, 4));
            sd.var("dconv2_W", uniform(rng, 25 * 4, 5, 5, 4, 8));
            sd.var("dconv3_W", uniform(rng, 25 * 8, 5, 5, 8, 1));
            params.addAll(List.of("dconv1_W", "dconv2_W", "dconv3_W"));
            Bn bn3 = new Bn("bn3", 4, 8 * 8), bn4 = new Bn("bn4", 8, 14 * 14);
            bns = List.of(enc.bn1, enc.bn2, bn3, bn4);
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1, SIDE, SIDE);
            SDVariable z = enc.encode(sd, x, true);
            SDVariable h = up(sd, sd.nn().leakyRelu(sd.reshape(z, -1, REP / 16, 4, 4), LEAK)); // [B, 2, 8, 8]
            h = conv(sd, h, "dconv1_W", 2);                                                  // [B, 4, 8, 8]
            h = up(sd, sd.nn().leakyRelu(bn3.apply(sd, h, true), LEAK));                    // [B, 4, 16, 16]
            h = conv(sd, h, "dconv2_W", 1);                                                  // [B, 8, 14, 14]
            h = up(sd, sd.nn().leakyRelu(bn4.apply(sd, h, true), LEAK));                    // [B, 8, 28, 28]
            SDVariable xHat = sd.nn().sigmoid(conv(sd, h, "dconv3_W", 2));                  // [B, 1, 28, 28]
            SDVariable diff = xHat.sub(x);
            diff.mul(diff).sum(1, 2, 3).mean().rename("loss");
            sd.setLossVariables("loss");
        }
    }

    /** The Deep SVDD phase: "loss" = batch mean of ‖φ(x) − c‖² (training mode); "phi" = φ(x) in evaluation mode. */
    static final class Svdd {
        final SameDiff sd = SameDiff.create();
        final List<String> params = new ArrayList<>(Lenet.WEIGHTS);
        final List<Bn> bns;
        final Lenet enc;

        Svdd(Lenet enc) {
            this.enc = enc;
            enc.addWeights(sd);
            bns = List.of(enc.bn1, enc.bn2);
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1, SIDE, SIDE);
            SDVariable c = sd.placeHolder("c", DataType.FLOAT, 1, REP);
            SDVariable d = enc.encode(sd, x, true).sub(c);
            d.mul(d).sum(1).mean().rename("loss");
            sd.setLossVariables("loss");
            enc.encode(sd, x, false).rename("phi");
        }

        /** φ(x) in evaluation mode (BN running statistics) for the n images of x, [n][32]. */
        double[][] phi(float[] x, int n) {
            Map<String, INDArray> feed = new HashMap<>();
            enc.bn1.feed(feed);
            enc.bn2.feed(feed);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            double[][] out = new double[n][];
            for (int from = 0; from < n; from += 1000) {
                int b = Math.min(n, from + 1000) - from;
                feed.put("x", images(x, order, from, b));
                INDArray p = sd.output(feed, "phi").get("phi");
                for (int i = 0; i < b; i++) out[from + i] = p.getRow(i).toDoubleVector();
            }
            return out;
        }
    }

    /** A 5×5 convolution, stride 1, {@code pad} zeros on every side, no bias. */
    static SDVariable conv(SameDiff sd, SDVariable x, String w, int pad) {
        return sd.cnn().conv2d(x, sd.getVariable(w), Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build());
    }

    static SDVariable pool(SameDiff sd, SDVariable x) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).paddingMode(PaddingMode.VALID).isNHWC(false).build());
    }

    /** Nearest-neighbour ×2 upsampling (PyTorch's F.interpolate(scale_factor=2) default). */
    static SDVariable up(SameDiff sd, SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, 2, true);
    }

    /** U(±1/√fan_in) of the given shape (PyTorch's default for convolutions and linear layers), from rng. */
    static INDArray uniform(SplittableRandom rng, long fanIn, long... shape) {
        double bound = 1 / Math.sqrt(fanIn);
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
