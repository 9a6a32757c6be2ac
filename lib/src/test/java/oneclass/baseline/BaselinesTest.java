package oneclass.baseline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class BaselinesTest {

    /** A 2-D Gaussian blob around the origin, drawn from a fixed seed. */
    static double[][] blob(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (double[] row : x) { row[0] = gauss(r); row[1] = gauss(r); }
        return x;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static final double[][] PROBES = {{0, 0}, {1.5, 0}, {6, 6}};

    static double rbf(double[] a, double[] b, double gamma) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.exp(-gamma * d);
    }

    /**
     * With ν = 1 every training point is a support vector at the same bound, so the decision function is
     * c·Σᵢ k(x, xᵢ) − ρ for some c > 0: ratios of score differences equal ratios of kernel-sum differences
     * whatever c and ρ are. This checks the kernel, the γ → σ conversion and the orientation exactly.
     */
    @Test
    void ocsvmWithNuOneIsAParzenWindowWithTheStatedGamma() {
        double[][] train = blob(200, 1);
        double gamma = 0.3;
        double[] s = new Ocsvm(1.0, gamma, 0, 1e-6).normality(train, PROBES, 7);
        double[] k = new double[PROBES.length];
        for (int p = 0; p < PROBES.length; p++) for (double[] x : train) k[p] += rbf(PROBES[p], x, gamma);
        assertEquals((k[0] - k[1]) / (k[0] - k[2]), (s[0] - s[1]) / (s[0] - s[2]), 1e-6);
        assertTrue(s[0] > s[1] && s[1] > s[2], "normality falls away from the blob: " + Arrays.toString(s));
    }

    /** ν bounds the fraction of training points outside the support from above (Schölkopf et al. 2001, Prop. 4). */
    @Test
    void ocsvmNuBoundsTheTrainingOutlierFraction() {
        double[][] train = blob(400, 2);
        double[] s = Ocsvm.ICS_PAPER.normality(train, train, 3);
        long outside = Arrays.stream(s).filter(v -> v < -1e-9).count();
        assertTrue(outside <= 0.15 * 400 + 1, outside + " training points outside the support, ν = 0.15 allows 60");
        assertTrue(outside >= 0.15 * 400 * 0.5, "ν = 0.15 should leave about 15 % outside, got " + outside);
    }

    @Test
    void iforestRanksTheOutlierLastAndIsReproducible() {
        double[][] train = blob(1000, 4);
        IsolationForestBaseline f = IsolationForestBaseline.LIU_2008;
        double[] a = f.normality(train, PROBES, 5), b = f.normality(train, PROBES, 5), c = f.normality(train, PROBES, 6);
        assertArrayEquals(a, b, "same seed, same forest");
        assertFalse(Arrays.equals(a, c), "another seed, another forest");
        assertTrue(a[0] > a[1] && a[1] > a[2], Arrays.toString(a));
        // s(x) = 2^(-E[h]/c(psi)) lies in (0, 1]; a point far outside is isolated near the root: s > 0.5
        assertTrue(-a[2] > 0.5 && -a[2] <= 1, "outlier score " + -a[2]);
        assertTrue(-a[0] < 0.5, "centre score " + -a[0]);
    }

    /**
     * Smile's shared Gaussian singleton caches half a Box–Muller pair: a draw made elsewhere (another run,
     * another thread) used to shift the random stream of the next forest.
     */
    @Test
    void iforestDoesNotDependOnWhatDrewFromSmilesGaussianBefore() throws Exception {
        double[][] train = new double[300][];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < train.length; i++) { train[i] = new double[20]; for (int j = 0; j < 20; j++) train[i][j] = r.nextDouble(); }
        double[][] test = java.util.Arrays.copyOf(train, 50);
        IsolationForestBaseline f = new IsolationForestBaseline(20, 64, 0);
        double[] a = f.normality(train, test, 5);
        smile.stat.distribution.GaussianDistribution.getInstance().rand();  // leaves a cached value behind
        assertArrayEquals(a, f.normality(train, test, 5));
        Thread other = new Thread(() -> { for (int i = 0; i < 50; i++) f.normality(train, test, 100 + i); });
        other.start();
        double[] b = f.normality(train, test, 5);
        other.join();
        assertArrayEquals(a, b, "a forest grown while another thread grows forests is the same");
    }

    @Test
    void ocsvmIsReproducibleAndSubsamplesFromTheSeed() {
        double[][] train = blob(300, 8);
        Ocsvm small = new Ocsvm(0.15, Double.NaN, 100, 1e-3);
        assertArrayEquals(small.normality(train, PROBES, 1), small.normality(train, PROBES, 1));
        assertFalse(Arrays.equals(small.normality(train, PROBES, 1), small.normality(train, PROBES, 2)));
    }

    @Test
    void subsampleDrawsDistinctRowsOrAll() {
        double[][] x = new double[10][];
        for (int i = 0; i < 10; i++) x[i] = new double[]{i};
        double[][] s = Subsample.rows(x, 4, new SplittableRandom(1));
        assertEquals(4, s.length);
        assertEquals(4, Arrays.stream(s).mapToDouble(r -> r[0]).distinct().count());
        assertSame(x, Subsample.rows(x, 0, new SplittableRandom(1)));
        assertSame(x, Subsample.rows(x, 10, new SplittableRandom(1)));
    }

    @Test
    void badSettingsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ocsvm(0, Double.NaN, 0, 1e-3)).getMessage().contains("nu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ocsvm(0.1, -1, 0, 1e-3)).getMessage().contains("gamma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IsolationForestBaseline(0, 256, 0)).getMessage().contains("trees"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IsolationForestBaseline(10, 1, 0)).getMessage().contains("subsample"));
    }

    @Test
    void optionsParseMethodNames() {
        BaselineOptions o = new BaselineOptions();
        o.ocsvmNu = 0.15; o.ocsvmMaxTrain = 10_000; o.iforestTrees = 100; o.iforestSubsample = 256;
        assertEquals(Ocsvm.ICS_PAPER, o.parse("ocsvm").orElseThrow());
        assertEquals(IsolationForestBaseline.LIU_2008, o.parse("iForest").orElseThrow());
        assertTrue(o.parse("HRN").isEmpty());
        assertEquals(oneclass.hrn.Method.HRN_L2, oneclass.hrn.Method.parse("hrn-l2", BaselineOptions.NAMES));
        String msg = assertThrows(IllegalArgumentException.class, () -> oneclass.hrn.Method.parse("svdd", BaselineOptions.NAMES)).getMessage();
        assertEquals("unknown method 'svdd'; valid: HRN, HRN-L2, OCSVM, iForest, HOG, DAE, VAE, DAGMM, DSVDD", msg);
        String unknown = assertThrows(IllegalArgumentException.class, () -> o.method("--baselines", "svdd")).getMessage();
        assertEquals("--baselines: unknown method 'svdd'; valid: OCSVM, iForest, HOG, DAE, VAE, DAGMM, DSVDD", unknown);
    }

    /** Each registry line makes the method its name says: the name is the column its results are stored under. */
    @Test
    void everyRegisteredMethodIsNamedByItsColumn() {
        BaselineOptions o = new BaselineOptions();
        for (String name : BaselineOptions.NAMES) {
            assertEquals(name, o.method("--methods", name).name());
            assertEquals(name, o.parse(name.toLowerCase(java.util.Locale.ROOT)).orElseThrow().name(), "any case");
        }
    }
}
