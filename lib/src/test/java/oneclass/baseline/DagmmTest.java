package oneclass.baseline;

import oneclass.metric.Auc;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** DAGMM: the mixture's estimate (Eq. 5), its energy (Eq. 6), the covariance penalty, determinism. */
class DagmmTest {

    /** N(z; μ, Σ) in 2-D from the explicit 2×2 inverse and determinant. */
    static double normal2(double[] z, double[] mu, double[][] s) {
        double det = s[0][0] * s[1][1] - s[0][1] * s[1][0], a = z[0] - mu[0], b = z[1] - mu[1];
        double q = (s[1][1] * a * a - 2 * s[0][1] * a * b + s[0][0] * b * b) / det;
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    }

    /**
     * φ = (0.3, 0.7), μ₁ = (0, 0), Σ₁ = I, μ₂ = (1, 2), Σ₂ = [[2, 0.5], [0.5, 1]]: E(z) = −log Σₖ φₖ N(z; μₖ, Σₖ)
     * is 2.568676 at z = (0.5, 1) and 2.827780 at the origin (numpy's inv/det gives the same digits).
     */
    /** The paper's epochs per setting (picked by the data's width) are the full budget; fewer are shortened. */
    @Test
    void fewerEpochsThanZongEtAlsAreAShortenedBudget() {
        assertNull(Dagmm.PAPER.shortened(6));
        Dagmm p = Dagmm.PAPER;
        assertEquals("400 of Zong et al.'s 20000 epochs (thyroid's setting)", new Dagmm(400, p.lr(), p.lambdaEnergy(), p.lambdaCov()).shortened(6));
        assertEquals("2 of Zong et al.'s 200 epochs (kddcup99's setting)", new Dagmm(2, p.lr(), p.lambdaEnergy(), p.lambdaCov()).shortened(118));
        assertNull(new Dagmm(10_000, p.lr(), p.lambdaEnergy(), p.lambdaCov()).shortened(274), "Arrhythmia's own 10,000");
    }

    @Test
    void energyOfAHandMadeMixture() {
        double[] phi = {0.3, 0.7};
        double[][] mu = {{0, 0}, {1, 2}};
        double[][][] sigma = {{{1, 0}, {0, 1}}, {{2, 0.5}, {0.5, 1}}};
        double[][] z = {{0.5, 1}, {0, 0}};
        Dagmm.Gmm g = new Dagmm.Gmm(phi, mu, sigma, null);
        for (int i = 0; i < 2; i++)
            assertEquals(-Math.log(phi[0] * normal2(z[i], mu[0], sigma[0]) + phi[1] * normal2(z[i], mu[1], sigma[1])), g.energy(z[i], 0), 1e-12);
        assertEquals(2.568676, g.energy(z[0], 0), 1e-6);
        assertEquals(2.827780, g.energy(z[1], 0), 1e-6);
    }

    /** A 3-D component with a full covariance: E = −log N = ½ rᵀΣ⁻¹r + ½ log|2πΣ|, Σ⁻¹ by ND4J's inverse, |Σ| by cofactors. */
    @Test
    void energyMatchesTheDirectFormulaIn3d() {
        double[][] s = {{2, 0.3, -0.2}, {0.3, 1, 0.4}, {-0.2, 0.4, 1.5}};
        double[] mu = {0.1, -0.2, 0.3}, z = {1, 0.5, -1};
        var inv = org.nd4j.linalg.inverse.InvertMatrix.invert(Nd4j.createFromArray(s), false);
        var r = Nd4j.createFromArray(new double[] {z[0] - mu[0], z[1] - mu[1], z[2] - mu[2]}).reshape(3, 1);
        double q = r.transpose().mmul(inv).mmul(r).getDouble(0);
        double det = 2 * (1 * 1.5 - 0.4 * 0.4) - 0.3 * (0.3 * 1.5 - 0.4 * -0.2) + -0.2 * (0.3 * 0.4 - 1 * -0.2);
        double e = new Dagmm.Gmm(new double[] {1}, new double[][] {mu}, new double[][][] {s}, null).energy(z, 0);
        assertEquals(0.5 * q + 0.5 * Math.log(Math.pow(2 * Math.PI, 3) * det), e, 1e-10);
        assertArrayEquals(inv.toDoubleMatrix()[1], Dagmm.inverseFromCholesky(Dagmm.cholesky(s))[1], 1e-10);
    }

    /**
     * Hard memberships: component 0 holds (0, 0) and (2, 0), component 1 holds (0, 1) and (0, 3), so
     * φ = (½, ½), μ₀ = (1, 0), Σ₀ = diag(1, 0), μ₁ = (0, 2), Σ₁ = diag(0, 1).
     */
    @Test
    void mixtureEstimateFromMemberships() {
        double[][] z = {{0, 0}, {2, 0}, {0, 1}, {0, 3}};
        double[][] gamma = {{1, 0}, {1, 0}, {0, 1}, {0, 1}};
        Dagmm.Gmm g = Dagmm.Gmm.fit(z, gamma);
        assertArrayEquals(new double[] {0.5, 0.5}, g.phi(), 1e-12);
        assertArrayEquals(new double[] {1, 0}, g.mu()[0], 1e-12);
        assertArrayEquals(new double[] {0, 2}, g.mu()[1], 1e-12);
        assertArrayEquals(new double[] {1, 0}, g.sigma()[0][0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, g.sigma()[0][1], 1e-12);
        assertArrayEquals(new double[] {0, 1}, g.sigma()[1][1], 1e-12);
        // P(Σ) = Σₖⱼ 1/Σₖⱼⱼ on the 3-D example's diagonals: 1/2 + 1 + 1/1.5 for one component
        double p = new Dagmm.Gmm(new double[] {1}, new double[][] {{0, 0, 0}}, new double[][][] {{{2, 0, 0}, {0, 1, 0}, {0, 0, 1.5}}}, null)
                .inverseDiagonalSum();
        assertEquals(0.5 + 1 + 1 / 1.5, p, 1e-12);
    }

    /** The mixture part's hand-written gradient (Gmm.lossAndGradient) in z and γ against central differences (step 1e-6). */
    @Test
    void mixtureGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 7, d = 3, k = 2;
        double[][] z = new double[n][d], gamma = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) z[i][j] = r.nextGaussian();
            double g0 = 0.1 + 0.8 * r.nextDouble();
            gamma[i] = new double[] {g0, 1 - g0};
        }
        double[][] dz = new double[n][d], dGamma = new double[n][k];
        double lossAt = Dagmm.Gmm.lossAndGradient(z, gamma, 0.1, 0.005, 1e-6, dz, dGamma);
        assertTrue(Double.isFinite(lossAt));
        for (double[][][] pair : new double[][][][] {{z, dz}, {gamma, dGamma}})
            for (int i = 0; i < n; i++)
                for (int j = 0; j < pair[0][i].length; j++) {
                    double v = pair[0][i][j], h = 1e-6;
                    pair[0][i][j] = v + h;
                    double up = Dagmm.Gmm.lossAndGradient(z, gamma, 0.1, 0.005, 1e-6, new double[n][d], new double[n][k]);
                    pair[0][i][j] = v - h;
                    double down = Dagmm.Gmm.lossAndGradient(z, gamma, 0.1, 0.005, 1e-6, new double[n][d], new double[n][k]);
                    pair[0][i][j] = v;
                    double numeric = (up - down) / (2 * h);
                    assertEquals(numeric, pair[1][i][j], 1e-7 + 1e-5 * Math.abs(numeric), "entry " + i + ", " + j);
                }
    }

    /** The whole objective J (Eq. 7) through the four networks, Thyroid's (6 features), against finite differences. */
    @Test
    void modelGradientMatchesFiniteDifferences() {
        Dagmm.Model m = new Dagmm.Model(6, Dagmm.Setting.THYROID, 0.1, 0.005, 1e-4, DataType.DOUBLE, new SplittableRandom(4));
        INDArray x = Nd4j.createFromArray(AutoencodersTest.uniform(9, 6, 5));
        INDArray keep = Dagmm.dropoutMask(9, Dagmm.Model.ESTIMATION_HIDDEN, new SplittableRandom(6)).castTo(DataType.DOUBLE);
        AutoencodersTest.checkGradients(m.net, () -> m.gradients(x, keep), () -> m.loss(x, keep));
    }

    /** 6 features (Thyroid's setting): normal rows near 0.3, anomalies near 0.7 in two features. */
    static double[][] rows(int n, boolean anomalous, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (double[] row : x) for (int j = 0; j < 6; j++) row[j] = (anomalous && j < 2 ? 0.7 : 0.3) + 0.05 * r.nextGaussian();
        return x;
    }

    @Test
    void separatesAShiftedClusterAndIsReproducible() {
        double[][] train = rows(400, false, 1), test = Arrays.copyOf(rows(40, false, 2), 80);
        System.arraycopy(rows(40, true, 3), 0, test, 40, 40);
        boolean[] normal = new boolean[80];
        Arrays.fill(normal, 0, 40, true);
        double[] s = new Dagmm(40, 1e-3, 0.1, 0.005).normality(train, test, 5);
        assertTrue(Auc.of(s, normal) > 0.95, "AUC " + Auc.of(s, normal) + ": " + Arrays.toString(s));
        Dagmm short_ = new Dagmm(3, 1e-3, 0.1, 0.005);
        double[] a = short_.normality(train, test, 5);
        assertArrayEquals(a, short_.normality(train, test, 5), "same seed, same numbers");
        assertFalse(Arrays.equals(a, short_.normality(train, test, 6)));
    }

    @Test
    void aRunBesideAnotherGivesTheSameNumbers() throws Exception {
        double[][] train = rows(400, false, 1), test = rows(40, true, 3);
        Dagmm dagmm = new Dagmm(3, 1e-3, 0.1, 0.005);
        double[] alone = dagmm.normality(train, test, 5);
        double[][] beside = new double[1][];
        Thread other = new Thread(() -> new Dagmm(3, 1e-3, 0.1, 0.005).normality(train, test, 6));
        Thread same = new Thread(() -> beside[0] = dagmm.normality(train, test, 5));
        other.start(); same.start(); other.join(); same.join();
        assertArrayEquals(alone, beside[0]);
    }

    @Test
    void settingsByWidthAndBadSettings() {
        assertEquals(Dagmm.Setting.THYROID, Dagmm.Setting.forWidth(6));
        assertEquals(Dagmm.Setting.ARRHYTHMIA, Dagmm.Setting.forWidth(274));
        assertEquals(Dagmm.Setting.KDDCUP99, Dagmm.Setting.forWidth(118));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dagmm(0, 1e-4, 0.1, 0.005)).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dagmm(null, 1e-4, -0.1, 0.005)).getMessage().contains("lambda1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dagmm(null, 1e-4, 0.1, -1)).getMessage().contains("lambda2"));
        BaselineOptions o = new BaselineOptions();
        assertEquals(Dagmm.PAPER, o.parse("dagmm").orElseThrow());
        o.epochsFallback(3);
        assertEquals(3, ((Dagmm) o.parse("DAGMM").orElseThrow()).epochs());
    }
}
