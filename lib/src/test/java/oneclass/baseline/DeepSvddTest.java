package oneclass.baseline;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Deep SVDD: preprocessing, centre and its ε rule, the score's distance, determinism, bad settings (the networks: ics.DeepSvddNetTest). */
class DeepSvddTest {
    static final int D = 28 * 28;

    /**
     * Rows [0, 1, 2, 3] and [1, 1, 1, 5]: means 1.5 and 2, mean absolute deviations (1.5 + .5 + .5 + 1.5)/4 = 1 and
     * (1 + 1 + 1 + 3)/4 = 1.5, so GCN gives [−1.5, −.5, .5, 1.5] and [−2/3, −2/3, −2/3, 2]. The training min and
     * max are −1.5 and 2, so min-max maps v to (v + 1.5)/3.5: [0, 1/3.5, 2/3.5, 3/3.5] and [(1.5 − 2/3)/3.5 ×3, 1];
     * a test row [0, 0, 0, 4] has the second row's GCN values and so the same scaled ones.
     */
    /** Ruff et al.'s 150 + 150 (MNIST) and 350 + 150 epochs (CIFAR-10) are the full budgets; fewer in either phase (or no pretraining) is shortened. */
    @Test
    void fewerEpochsThanRuffEtAlsAreAShortenedBudget() {
        DeepSvdd r = DeepSvdd.RUFF_2018;
        assertNull(r.shortened(784));
        assertNull(r.shortened(3072));
        DeepSvdd short10 = r.with(10, null, 10, null);
        assertEquals("10 + 10 of Ruff et al.'s 150 + 150 epochs (autoencoder + Deep SVDD)", short10.shortened(784));
        assertEquals("10 + 10 of Ruff et al.'s 350 + 150 epochs (autoencoder + Deep SVDD, CIFAR-10 LeNet)", short10.shortened(3072));
        assertEquals("0 + 150 of Ruff et al.'s 150 + 150 epochs (autoencoder + Deep SVDD)", r.with(0, null, null, null).shortened(784));
    }

    /**
     * Each network runs Ruff et al.'s own schedule: the CIFAR-10 autoencoder 350 epochs, lr/10 from 250, weight decay 0.5e-6.
     * Fewer epochs keep each milestone's fraction (MNIST 10 → 3, CIFAR-10 10 → 7).
     */
    @Test
    void eachNetworkHasItsAuthorsSchedule() {
        assertEquals(new DeepSvdd.Budget(150, 50, 0.5e-3, 150, 50, 0.5e-6), DeepSvdd.RUFF_2018.budget(784));
        assertEquals(new DeepSvdd.Budget(350, 250, 0.5e-6, 150, 50, 0.5e-6), DeepSvdd.RUFF_2018.budget(3072));
        DeepSvdd short10 = DeepSvdd.RUFF_2018.with(10, null, 10, null);
        assertEquals(new DeepSvdd.Budget(10, 3, 0.5e-3, 10, 3, 0.5e-6), short10.budget(784));
        assertEquals(new DeepSvdd.Budget(10, 7, 0.5e-6, 10, 3, 0.5e-6), short10.budget(3072));
        assertTrue(DeepSvdd.RUFF_2018.describe(3072).contains("CIFAR-10 LeNet 32-64-128-128") && DeepSvdd.RUFF_2018.describe(3072).contains("AE epochs=350 milestone=250 wd=5.0E-7"),
                DeepSvdd.RUFF_2018.describe(3072));
    }

    /** The MNIST settings' description is the fingerprint of every MNIST and Fashion-MNIST run: it changes only with a setting, and then those runs are rerun. */
    @Test
    void theMnistDescriptionIsTheOneTheRunsWereMadeWith() {
        assertEquals("DSVDD(one-class, MNIST LeNet 8-4-32 no bias, BN affine=false eps=1.0E-4, leaky=0.01, AE deconvs fan_in=out*25, GCN-l1 + min-max per class; AE epochs=150 "
                + "milestone=50 wd=5.0E-4; epochs=150 milestone=50 wd=5.0E-7; adam lr=1.0E-4 /10 at milestone, batch=200, centre eps=0.1)",
                DeepSvdd.RUFF_2018.describe(784));
        assertTrue(DeepSvdd.RUFF_2018.with(10, null, 10, null).describe(784).contains("AE epochs=10 milestone=3 wd=5.0E-4; epochs=10 milestone=3 wd=5.0E-7"));
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
                () -> DeepSvdd.RUFF_2018.normality(new double[3][1024], new double[1][1024], 1)).getMessage();
        assertTrue(msg.contains("28×28") && msg.contains("32×32") && msg.contains("1024 values"), msg);
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

    /** The score's distance: ‖(0.8/1.0001, 0, 3) − (1, 0, 2)‖² = (0.8/1.0001 − 1)² + 1 = 1.040032. */
    @Test
    void squaredDistanceByHand() {
        assertEquals(1.040032, DeepSvdd.squaredDistance(new double[] {0.8 / 1.0001, 0, 3}, new double[] {1, 0, 2}), 1e-6);
    }

    /** A short real training (1 + 1 epochs on 24 images): the same seed gives the same scores, another seed others. */
    @Test
    void sameSeedSameNumbers() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] train = new double[24][D], test = new double[5][D];
        for (double[][] set : new double[][][] {train, test})
            for (double[] r : set) for (int j = 0; j < D; j++) r[j] = rng.nextDouble() < 0.2 ? rng.nextDouble() : 0;
        DeepSvdd.Budget budget = new DeepSvdd.Budget(1, 1, 0.5e-3, 2, 1, 0.5e-6);
        DeepSvdd m = new DeepSvdd(budget, budget, 1e-4, 10, 0.1);
        double[] a = m.normality(train, test, 11), b = m.normality(train, test, 11), c = m.normality(train, test, 12);
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c));
        for (double s : a) assertTrue(s < 0 && Double.isFinite(s), "score " + s);
    }

    @Test
    void settingsOutOfRangeAreClearErrors() {
        String msg = assertThrows(IllegalArgumentException.class, () -> new DeepSvdd.Budget(150, 50, 0.5e-3, 150, 50, -1e-6)).getMessage();
        assertTrue(msg.contains("weight decay") && msg.contains("-1.0E-6"), msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd.Budget(150, 50, -1, 150, 50, 0)).getMessage().contains("autoencoder weight decay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd.Budget(150, 50, 0, 150, 151, 0)).getMessage().contains("milestone"));
        DeepSvdd.Budget ok150 = DeepSvdd.RUFF_MNIST;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(ok150, ok150, 0, 200, 0.1)).getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeepSvdd(ok150, ok150, 1e-4, 1, 0.1)).getMessage().contains("batch"));
        BaselineOptions o = new BaselineOptions();
        o.dsvddWeightDecay = -0.1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.parse("DSVDD")).getMessage().contains("DSVDD weight decay"));
        BaselineOptions ok = new BaselineOptions();
        assertEquals(DeepSvdd.RUFF_2018, ok.parse("dsvdd").orElseThrow());
        DeepSvdd nine = (DeepSvdd) ok.epochsFallback(9).parse("DSVDD").orElseThrow();
        assertEquals(new DeepSvdd.Budget(9, 3, 0.5e-3, 9, 3, 0.5e-6), nine.budget(784));
        assertEquals(new DeepSvdd.Budget(9, 6, 0.5e-6, 9, 3, 0.5e-6), nine.budget(3072));
        ok.dsvddAeEpochs = 0;  // no pretraining
        assertEquals(new DeepSvdd.Budget(0, 1, 0.5e-3, 9, 3, 0.5e-6), ((DeepSvdd) ok.parse("DSVDD").orElseThrow()).budget(784));
        ok.dsvddAeEpochs = -1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.parse("DSVDD")).getMessage().contains("autoencoder epochs"));
        ok.dsvddAeEpochs = null;
        ok.dsvddAeWeightDecay = 0.0;  // one value for both networks when given
        DeepSvdd noDecay = (DeepSvdd) ok.parse("DSVDD").orElseThrow();
        assertEquals(0.0, noDecay.budget(784).aeWeightDecay());
        assertEquals(0.0, noDecay.budget(3072).aeWeightDecay());
    }
}
