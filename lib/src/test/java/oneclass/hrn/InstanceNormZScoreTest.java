package oneclass.hrn;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ulyanov et al.'s instance normalization ("Inst_Norm[79]" of HRN's Table 3): per instance and channel,
 * y = (x − μ)/√(σ² + ε) with the biased variance σ², and the {@link InputNorm} choices that
 * {@link Inputs#matrix(Images, int[], InputNorm)} accepts. Float results are compared to 2e-7, about one
 * float ulp at magnitudes near 1.2 (ulp(1.22f) ≈ 1.2e-7), i.e. they must be the nearest float or its
 * neighbour.
 */
class InstanceNormZScoreTest {
    private static final InstanceNormZScore EXACT = new InstanceNormZScore(0);

    /**
     * x = (1, 2, 3): μ = 2, σ² = (1 + 0 + 1)/3 = 2/3, σ = 0.816497. With ε = 0 the result is ±1/σ = ±√(3/2)
     * = (−1.2247449, 0, 1.2247449). With ε = 1e-5 inside the root: ±1/√(2/3 + 1e-5) = ±1.2247357 (smaller by
     * the factor 1/√(1 + 1.5e-5) ≈ 1 − 7.5e-6). Had ε been added to σ outside the root, the result would be
     * ±1/(σ + 1e-5) = ±1.2247299 — 5.8e-6 away, far beyond the tolerance, so the test pins where ε sits.
     */
    @Test
    void oneTwoThree() {
        float[] x = {1, 2, 3};
        EXACT.apply(x, 0, 3, 1);
        assertEquals(-1.2247449f, x[0], 2e-7f);
        assertEquals(0f, x[1], 0f);
        assertEquals(1.2247449f, x[2], 2e-7f);

        float[] y = {1, 2, 3};
        InstanceNormZScore.ULYANOV.apply(y, 0, 3, 1);
        assertEquals(-1.2247357f, y[0], 2e-7f);
        assertEquals(0f, y[1], 0f);
        assertEquals(1.2247357f, y[2], 2e-7f);
        assertEquals(1e-5, InstanceNormZScore.ULYANOV.eps(), 0);
    }

    /**
     * A 2-channel row (1, 2, 3 | 10, 10, 40), ε = 0, each channel normalized on its own:
     * channel 0 as above, (−1.2247449, 0, 1.2247449); channel 1: μ = 20, deviations (−10, −10, 20),
     * σ² = (100 + 100 + 400)/3 = 200, σ = 10√2, result (−1/√2, −1/√2, √2) = (−0.7071068, −0.7071068, 1.4142135).
     * Treated as one channel instead (μ = 11, σ² = (100+81+64+1+1+841)/6 = 181.33) the first value would be
     * −10/13.466 = −0.7426, so the per-channel split is what produces the numbers above. The neighbours
     * 9 and 7 outside [from, from + dim) are untouched.
     */
    @Test
    void perChannelOnATwoChannelRow() {
        float[] x = {9, 1, 2, 3, 10, 10, 40, 7};
        EXACT.apply(x, 1, 6, 2);
        float[] expected = {9, -1.2247449f, 0, 1.2247449f, -0.70710678f, -0.70710678f, 1.4142135f, 7};
        assertArrayEquals(expected, x, 2e-7f);

        float[] one = {1, 2, 3, 10, 10, 40};
        EXACT.apply(one, 0, 6, 1);
        assertEquals(-10 / Math.sqrt(1088 / 6.0), one[0], 2e-7);
    }

    /**
     * A constant channel has σ² = 0: it becomes all zeros with ε = 1e-5 (0/√ε) and also with ε = 0 (not 0/0
     * = NaN), while the other channel is normalized as usual: (0, 0 | 3, 4) → (0, 0 | −1, 1) with ε = 0
     * (μ = 3.5, σ = 0.5).
     */
    @Test
    void constantChannelBecomesZeroNotNaN() {
        float[] x = {0.5f, 0.5f, 3, 4};
        EXACT.apply(x, 0, 4, 2);
        assertArrayEquals(new float[] {0, 0, -1, 1}, x, 0f);
        float[] y = {0.5f, 0.5f, 0.5f};
        InstanceNormZScore.ULYANOV.apply(y, 0, 3, 1);
        assertArrayEquals(new float[] {0, 0, 0}, y, 0f);
    }

    /**
     * Random channels, ε = 0: the result equals (x − μ)/σ computed independently in double (to 1e-5, float
     * rounding of values up to a few units), each channel has mean 0 and biased variance 1 (to 1e-5), and an
     * affine change of a channel, a·x + b with a &gt; 0 (contrast and brightness), changes nothing — the
     * invariance the method is built for, and the one HRN's Sec. 3.2 says it does not need.
     */
    @Test
    void randomChannelsHaveZeroMeanUnitVarianceAndAffineInvariance() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int channels = 1 + r.nextInt(3), plane = 16 + r.nextInt(300), d = channels * plane;
            float[] x = new float[d], affine = new float[d];
            double[] expected = new double[d];
            for (int c = 0; c < channels; c++) {
                double a = r.nextDouble(0.5, 4), b = r.nextDouble(-1, 1), mean = 0, var = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    x[i] = (float) r.nextDouble(0, 1);
                    affine[i] = (float) (a * x[i] + b);
                    mean += x[i];
                }
                mean /= plane;
                for (int i = c * plane; i < (c + 1) * plane; i++) var += (x[i] - mean) * (x[i] - mean);
                var /= plane;
                for (int i = c * plane; i < (c + 1) * plane; i++) expected[i] = (x[i] - mean) / Math.sqrt(var);
            }
            EXACT.apply(x, 0, d, channels);
            EXACT.apply(affine, 0, d, channels);
            for (int c = 0; c < channels; c++) {
                double m = 0, v = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    assertEquals(expected[i], x[i], 1e-5, "trial " + trial + " i=" + i);
                    assertEquals(x[i], affine[i], 1e-4, "affine invariance, trial " + trial + " i=" + i);
                    m += x[i];
                    v += (double) x[i] * x[i];
                }
                assertEquals(0, m / plane, 1e-5, "channel mean, trial " + trial);
                assertEquals(1, v / plane, 1e-5, "channel variance, trial " + trial);
            }
        }
    }

    /** Bad arguments name the field: ε &lt; 0 or NaN, channels &lt; 1, dim not a multiple of channels. */
    @Test
    void rejectsBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstanceNormZScore(-1e-5)).getMessage().contains("eps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstanceNormZScore(Double.NaN)).getMessage().contains("eps"));
        float[] x = new float[6];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EXACT.apply(x, 0, 6, 0)).getMessage().contains("channels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EXACT.apply(x, 0, 5, 2)).getMessage().contains("dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputNorm.zScore(0)).getMessage().contains("channels"));
    }

    /**
     * {@link Inputs#matrix(Images, int[], InputNorm)} on a 1×3 image with 2 channel planes, bytes
     * (51, 102, 153 | 0, 0, 255), i.e. pixels 0.2·(1, 2, 3) and (0, 0, 1):
     * <ul>
     *   <li>NONE: the pixels themselves, (0.2, 0.4, 0.6, 0, 0, 1);</li>
     *   <li>z-score with 2 channels, ε = 1e-5: plane 0 has σ² = 0.04·2/3 = 0.0266667, so ε shrinks ±√(3/2)
     *       by 1/√(1 + 1e-5/0.0266667) = 1/√1.000375, to ±1.2245153; plane 1 has μ = 1/3, σ² = 2/9, so
     *       (−1/√2, −1/√2, √2)·1/√(1 + 4.5e-5) = (−0.7070909, −0.7070909, 1.4141817) — at pixel scale ε is
     *       visible in the 4th digit;</li>
     *   <li>2-norm: the same as the old {@code matrix(Images, int[], InstanceNorm2)}, which now delegates.</li>
     * </ul>
     */
    @Test
    void inputsAcceptAnyNormalization() {
        Images images = new Images("two-planes", 1, 3, 2,
                new byte[] {51, 102, (byte) 153, 0, 0, (byte) 255, 1, 2, 3, 4, 5, 6}, new int[] {0, 1});
        INDArray none = Inputs.matrix(images, new int[] {0}, InputNorm.NONE);
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f, 0, 0, 1}, none.toFloatVector(), 0f);

        INDArray z = Inputs.matrix(images, new int[] {0}, InputNorm.zScore(images.channels()));
        assertArrayEquals(new float[] {-1.2245153f, 0, 1.2245153f, -0.7070909f, -0.7070909f, 1.4141817f},
                z.toFloatVector(), 3e-7f);

        int[] both = {1, 0};
        INDArray oldWay = Inputs.matrix(images, both, InstanceNorm2.PAPER);
        INDArray newWay = Inputs.matrix(images, both, InputNorm.TWO_NORM);
        assertEquals(oldWay, newWay);
        INDArray offsetOld = Inputs.matrix(images, both, new InstanceNorm2(0.006f));
        assertEquals(offsetOld, Inputs.matrix(images, both, InputNorm.twoNorm(new InstanceNorm2(0.006f))));
        assertNotEquals(oldWay, offsetOld);
        assertNotEquals(newWay, Inputs.matrix(images, both, InputNorm.zScore(2)));
    }

    /** The names that run records print. */
    @Test
    void namesForRunRecords() {
        assertEquals("none", InputNorm.NONE.toString());
        assertEquals("2-norm", InputNorm.TWO_NORM.toString());
        assertEquals("2-norm(offset=0.006)", InputNorm.twoNorm(new InstanceNorm2(0.006f)).toString());
        assertEquals("z-score(channels=3,eps=1.0E-5)", InputNorm.zScore(3).toString());
    }
}
