package oneclass.baseline;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Deep SVDD: preprocessing, centre and its ε rule, the no-bias network, loss and score by hand, determinism, bad settings. */
class DeepSvddTest {
    static final int D = 28 * 28;

    /**
     * Rows [0, 1, 2, 3] and [1, 1, 1, 5]: means 1.5 and 2, mean absolute deviations (1.5 + .5 + .5 + 1.5)/4 = 1 and
     * (1 + 1 + 1 + 3)/4 = 1.5, so GCN gives [−1.5, −.5, .5, 1.5] and [−2/3, −2/3, −2/3, 2]. The training min and
     * max are −1.5 and 2, so min-max maps v to (v + 1.5)/3.5: [0, 1/3.5, 2/3.5, 3/3.5] and [(1.5 − 2/3)/3.5 ×3, 1];
     * a test row [0, 0, 0, 4] has the second row's GCN values and so the same scaled ones.
     */
    /** Ruff et al.'s 150 + 150 epochs are the full budget; fewer in either phase (or no pretraining) is shortened. */
    @Test
    void fewerEpochsThanRuffEtAlsAreAShortenedBudget() {
        assertNull(DeepSvdd.RUFF_2018.shortened(784));
        DeepSvdd r = DeepSvdd.RUFF_2018;
        DeepSvdd short10 = new DeepSvdd(10, 3, r.aeWeightDecay(), 10, 3, r.weightDecay(), r.lr(), r.batchSize(), r.eps());
        assertEquals("10 + 10 of Ruff et al.'s 150 + 150 epochs (autoencoder + Deep SVDD)", short10.shortened(784));
        DeepSvdd noPretraining = new DeepSvdd(0, 0, r.aeWeightDecay(), 150, 50, r.weightDecay(), r.lr(), r.batchSize(), r.eps());
        assertEquals("0 + 150 of Ruff et al.'s 150 + 150 epochs (autoencoder + Deep SVDD)", noPretraining.shortened(784));
    }

    @Test
    void globalContrastNormalizationThenMinMaxByHand() {
        double[][] g = DeepSvdd.globalContrastNormalization(new double[][] {{0, 1, 2, 3}, {1, 1, 1, 5}}, "training");
        assertArrayEquals(new double[] {-1.5, -0.5, 0.5, 1.5}, g[0], 1e-12);
        assertArrayEquals(new double[] {-2 / 3.0, -2 / 3.0, -2 / 3.0, 2}, g[1], 1e-12);
        float[] s = DeepSvdd.minMax(g, -1.5, 2);
        double a = (1.5 - 2 / 3.0) / 3.5; // 0.238095
        assertArrayEquals(new float[] {0, (float) (1 / 3.5), (float) (2 / 3.5), (float) (3 / 3.5), (float) a, (float) a, (float) a, 1}, s, 1e-6f);
        assertEquals(0.238095, a, 1e-6);

        // preprocess() on 784-pixel images made of these rows repeated 196 times: GCN's mean and mean |dev| are unchanged
        double[][] train = {repeat(0, 1, 2, 3), repeat(1, 1, 1, 5)}, test = {repeat(0, 0, 0, 4)};
        float[][] p = DeepSvdd.preprocess(train, test);
        assertEquals(2 * D, p[0].length);
        assertEquals(0, p[0][0], 1e-6);
        assertEquals(3 / 3.5, p[0][3], 1e-6);
        assertEquals(1, p[0][D + 3], 1e-6);
        assertArrayEquals(new float[] {(float) a, (float) a, (float) a, 1}, java.util.Arrays.copyOfRange(p[1], D - 4, D), 1e-6f);
    }

    static double[] repeat(double... pattern) {
        double[] r = new double[D];
        for (int i = 0; i < D; i++) r[i] = pattern[i % pattern.length];
        return r;
    }

    @Test
    void constantImageAndWrongShapeAreClearErrors() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> DeepSvdd.preprocess(new double[][] {repeat(0, 1), repeat(0.5)}, new double[][] {repeat(0, 1)})).getMessage();
        assertTrue(msg.contains("training image 1 is constant"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> DeepSvdd.RUFF_2018.normality(new double[3][3072], new double[1][3072], 1)).getMessage();
        assertTrue(msg.contains("28×28") && msg.contains("3072"), msg);
    }

    /**
     * Two rows of φ: the mean is c = [0.05, −0.03, 0.2, 0, −0.1, 0.09]. With ε = 0.1: 0.05 → 0.1, −0.03 → −0.1, 0.2 stays
     * (|c| ≥ ε), 0 stays (no sign), −0.1 stays (|c| = ε is not below ε), 0.09 → 0.1. With ε = 0 nothing moves.
     */
    @Test
    void centreIsTheMeanWithNearZeroCoordinatesPushedToEps() {
        double[][] phi = {{0.04, -0.01, 0.5, 1, -0.1, 0.08}, {0.06, -0.05, -0.1, -1, -0.1, 0.10}};
        assertArrayEquals(new double[] {0.1, -0.1, 0.2, 0, -0.1, 0.1}, DeepSvdd.centre(phi, 0.1), 1e-12);
        assertArrayEquals(new double[] {0.05, -0.03, 0.2, 0, -0.1, 0.09}, DeepSvdd.centre(phi, 0), 1e-12);
    }

    /** The trainable variables are exactly the weight kernels: 8·25 + 4·8·25 + 196·32 = 7,272 values for φ, no bias, no BN γ/β. */
    @Test
    void theNetworksHaveNoBiasParameters() {
        DeepSvdd.Lenet enc = new DeepSvdd.Lenet(new SplittableRandom(1));
        DeepSvdd.Svdd svdd = new DeepSvdd.Svdd(enc);
        assertEquals(Map.of("conv1_W", 200L, "conv2_W", 800L, "fc_W", 6272L), variables(svdd.sd));
        assertEquals(List.of("conv1_W", "conv2_W", "fc_W"), svdd.params);
        DeepSvdd.Autoencoder ae = new DeepSvdd.Autoencoder(new DeepSvdd.Lenet(new SplittableRandom(1)), new SplittableRandom(2));
        assertEquals(Map.of("conv1_W", 200L, "conv2_W", 800L, "fc_W", 6272L, "dconv1_W", 200L, "dconv2_W", 800L, "dconv3_W", 200L), variables(ae.sd));
        assertEquals(variables(ae.sd).keySet(), new java.util.HashSet<>(ae.params));
    }

    static Map<String, Long> variables(SameDiff sd) {
        Map<String, Long> m = new TreeMap<>();
        for (var v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) m.put(v.name(), v.getArr().length());
        return m;
    }

    /**
     * What having no bias means for φ in evaluation mode with fresh BN statistics (mean 0, variance 1, so BN is x/√(1 + ε)):
     * φ is positively homogeneous, φ(0) = 0 and φ(2x) = 2φ(x) (leaky ReLU, max-pooling and the linear maps all commute
     * with a positive scale). One bias anywhere would break both.
     */
    @Test
    void phiWithoutBiasIsPositivelyHomogeneous() {
        DeepSvdd.Svdd svdd = new DeepSvdd.Svdd(new DeepSvdd.Lenet(new SplittableRandom(3)));
        SplittableRandom rng = new SplittableRandom(4);
        float[] x = new float[2 * D], x2 = new float[2 * D], zero = new float[D];
        for (int i = 0; i < x.length; i++) { x[i] = (float) rng.nextDouble(); x2[i] = 2 * x[i]; }
        double[][] p = svdd.phi(x, 2), p2 = svdd.phi(x2, 2), p0 = svdd.phi(zero, 1);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < DeepSvdd.REP; j++) assertEquals(2 * p[i][j], p2[i][j], 1e-5 * (1 + Math.abs(p[i][j])));
        assertArrayEquals(new double[DeepSvdd.REP], p0[0], 0);
        assertNotEquals(0, p[0][0]);
    }

    /**
     * φ by hand: conv1's filter 0 and conv2's filter 0 a centred δ (the rest 0), fc picks channel 0 at (0, 0). In
     * evaluation mode with fresh statistics each BN divides by √(1 + 1e-4), pixels are ≥ 0 so leaky ReLU passes
     * them, and the two max-pools take the maximum over the top-left 4 × 4 block: φ₀ = max(x[0..3, 0..3]) / (1 + 1e-4),
     * the other 31 coordinates 0. With c = (1, 0, …), the score −‖φ − c‖² is −(φ₀ − 1)².
     */
    @Test
    void phiAndScoreByHand() {
        DeepSvdd.Lenet enc = new DeepSvdd.Lenet(new SplittableRandom(1));
        enc.weights.replaceAll((k, w) -> Nd4j.zeros(DataType.FLOAT, w.shape()));
        enc.weights.get("conv1_W").putScalar(new long[] {2, 2, 0, 0}, 1);  // [kH, kW, iC, oC]
        enc.weights.get("conv2_W").putScalar(new long[] {2, 2, 0, 0}, 1);
        enc.weights.get("fc_W").putScalar(new long[] {0, 0}, 1);          // flat index 0 = channel 0, row 0, column 0
        DeepSvdd.Svdd svdd = new DeepSvdd.Svdd(enc);
        float[] x = new float[D];
        x[3 * 28 + 2] = 0.8f;   // inside the top-left 4×4 block
        x[4 * 28 + 4] = 0.9f;   // outside it
        x[0] = 0.3f;
        double phi0 = svdd.phi(x, 1)[0][0];
        assertEquals(0.8 / (1 + 1e-4), phi0, 1e-6);
        double[] c = new double[DeepSvdd.REP];
        c[0] = 1;
        assertEquals(-(phi0 - 1) * (phi0 - 1), -DeepSvdd.squaredDistance(svdd.phi(x, 1)[0], c), 1e-12);
        assertEquals(0.040032, (phi0 - 1) * (phi0 - 1), 1e-6); // (0.8/1.0001 − 1)²
    }

    /**
     * The training losses with every weight 0: φ = 0, so the Deep SVDD loss is the batch mean of ‖0 − c‖² = ‖c‖²
     * = 1 + 4 = 5 for c = (1, 2, 0, …) whatever the images; the autoencoder reconstructs σ(0) = 0.5 everywhere, so an
     * all-zero image costs 784 · 0.25 = 196 and one with 392 pixels at 1 and 392 at 0.5 costs 392 · 0.25 = 98: loss 147.
     */
    @Test
    void lossesByHand() {
        DeepSvdd.Lenet enc = new DeepSvdd.Lenet(new SplittableRandom(1));
        enc.weights.replaceAll((k, w) -> Nd4j.zeros(DataType.FLOAT, w.shape()));
        DeepSvdd.Svdd svdd = new DeepSvdd.Svdd(enc);
        float[] x = new float[3 * D];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) / 7f;
        INDArray c = Nd4j.zeros(DataType.FLOAT, 1, DeepSvdd.REP);
        c.putScalar(0, 0, 1);
        c.putScalar(0, 1, 2);
        INDArray batch = DeepSvdd.images(x, new int[] {0, 1, 2}, 0, 3);
        assertEquals(5, svdd.sd.output(Map.of("x", batch, "c", c), "loss").get("loss").getDouble(0), 1e-6);

        DeepSvdd.Autoencoder ae = new DeepSvdd.Autoencoder(new DeepSvdd.Lenet(new SplittableRandom(1)), new SplittableRandom(2));
        for (String p : ae.params) ae.sd.getArrForVarName(p).assign(0);
        float[] y = new float[2 * D];
        for (int i = 0; i < D; i++) y[D + i] = i < D / 2 ? 1 : 0.5f;
        assertEquals(147, ae.sd.output(Map.of("x", DeepSvdd.images(y, new int[] {0, 1}, 0, 2)), "loss").get("loss").getDouble(0), 1e-4);
    }

    /**
     * The hand-written batch normalization in training mode, on a double graph: per channel the output has mean 0 and
     * variance σ²/(σ² + 1e-4), and SameDiff's gradient of Σ out·w matches central differences (step 1e-6). (On the
     * whole float network, differences are too rough a reference: leaky ReLU's and max-pooling's kinks move them by
     * several per cent.)
     */
    @Test
    void batchNormForwardAndGradient() {
        SameDiff sd = SameDiff.create();
        SplittableRandom rng = new SplittableRandom(8);
        double[] v = new double[3 * 4 * 5 * 5], w = new double[v.length];
        for (int i = 0; i < v.length; i++) { v[i] = 2 * rng.nextGaussian() + 1; w[i] = rng.nextGaussian(); }
        var x = sd.var("x", Nd4j.create(v, new long[] {3, 4, 5, 5}, 'c'));
        DeepSvdd.Bn bn = new DeepSvdd.Bn("bn", 4, 25);
        var out = bn.apply(sd, x, true);
        out.mul(sd.constant(Nd4j.create(w, new long[] {3, 4, 5, 5}, 'c'))).sum().rename("loss");
        INDArray o = out.eval();
        for (int ch = 0; ch < 4; ch++) {
            INDArray xc = Nd4j.create(v, new long[] {3, 4, 5, 5}, 'c').get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(ch)), oc = o.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(ch));
            double var = populationVariance(xc);
            assertEquals(0, oc.meanNumber().doubleValue(), 1e-12);
            assertEquals(var / (var + 1e-4), populationVariance(oc), 1e-9);
        }
        sd.setLossVariables("loss");
        INDArray g = sd.calculateGradients(Map.of(), List.of("x")).get("x"), p = sd.getArrForVarName("x");
        for (int k = 0; k < p.length(); k++) {
            double orig = p.getDouble(k), h = 1e-6;
            p.putScalar(k, orig + h);
            double up = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            p.putScalar(k, orig - h);
            double down = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            p.putScalar(k, orig);
            assertEquals((up - down) / (2 * h), g.getDouble(k), 1e-6, "x[" + k + "]");
        }
    }

    static double populationVariance(INDArray a) {
        double[] v = a.dup().data().asDouble();
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        return java.util.Arrays.stream(v).map(t -> (t - m) * (t - m)).average().orElseThrow();
    }

    /**
     * Running statistics, PyTorch's rule with momentum 0.1 and the unbiased variance: a batch of 2 images of 2 values
     * per channel (m = 4) with batch means [1, 2] and biased variances [4, 0] moves the fresh (0, 1) to mean
     * [0.1, 0.2] and variance [0.9 + 0.1·4·4/3, 0.9] = [1.433333, 0.9].
     */
    @Test
    void runningStatisticsByHand() {
        DeepSvdd.Bn bn = new DeepSvdd.Bn("bn", 2, 2);
        bn.update(Map.of("bn_mean", Nd4j.createFromArray(1f, 2f), "bn_var", Nd4j.createFromArray(4f, 0f)), 2);
        assertArrayEquals(new double[] {0.1, 0.2}, bn.runningMean.dup().data().asDouble(), 1e-7);
        assertArrayEquals(new double[] {0.9 + 0.4 * 4 / 3, 0.9}, bn.runningVar.dup().data().asDouble(), 1e-6);
        assertEquals(1.433333, bn.runningVar.dup().data().asDouble()[0], 1e-6);
    }

    /** A short real training (1 + 1 epochs on 24 images): the same seed gives the same scores, another seed others. */
    @Test
    void sameSeedSameNumbers() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] train = new double[24][D], test = new double[5][D];
        for (double[][] set : new double[][][] {train, test})
            for (double[] r : set) for (int j = 0; j < D; j++) r[j] = rng.nextDouble() < 0.2 ? rng.nextDouble() : 0;
        DeepSvdd m = new DeepSvdd(1, 1, 0.5e-3, 2, 1, 0.5e-6, 1e-4, 10, 0.1);
        double[] a = m.normality(train, test, 11), b = m.normality(train, test, 11), c = m.normality(train, test, 12);
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c));
        for (double s : a) assertTrue(s < 0 && Double.isFinite(s), "score " + s);
    }

    @Test
    void settingsOutOfRangeAreClearErrors() {
        String msg = assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(150, 50, 0.5e-3, 150, 50, -1e-6, 1e-4, 200, 0.1)).getMessage();
        assertTrue(msg.contains("weight decay") && msg.contains("-1.0E-6"), msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(150, 50, -1, 150, 50, 0, 1e-4, 200, 0.1)).getMessage().contains("autoencoder weight decay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(150, 50, 0, 150, 151, 0, 1e-4, 200, 0.1)).getMessage().contains("milestone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(150, 50, 0, 150, 50, 0, 0, 200, 0.1)).getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(150, 50, 0, 150, 50, 0, 1e-4, 1, 0.1)).getMessage().contains("batch"));
        BaselineOptions o = new BaselineOptions();
        o.dsvddWeightDecay = -0.1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.parse("DSVDD")).getMessage().contains("DSVDD weight decay"));
        BaselineOptions ok = new BaselineOptions();
        assertEquals(DeepSvdd.RUFF_2018, ok.parse("dsvdd").orElseThrow());
        assertEquals(new DeepSvdd(9, 3, 0.5e-3, 9, 3, 0.5e-6, 1e-4, 200, 0.1), ok.epochsFallback(9).parse("DSVDD").orElseThrow());
        ok.dsvddAeEpochs = 0;  // no pretraining
        assertEquals(new DeepSvdd(0, 1, 0.5e-3, 9, 3, 0.5e-6, 1e-4, 200, 0.1), ok.parse("DSVDD").orElseThrow());
        ok.dsvddAeEpochs = -1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.parse("DSVDD")).getMessage().contains("autoencoder epochs"));
        assertEquals(50, DeepSvdd.defaultMilestone(150));
        assertEquals(1, DeepSvdd.defaultMilestone(1));
    }
}
