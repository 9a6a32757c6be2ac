package oneclass.hrn;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HRN's 2-norm instance normalization (Sec. 3.2): x ↦ x/‖x‖₂ − mean(x/‖x‖₂), per instance. The worked
 * examples are exact in real arithmetic; the float results are compared to 1e-8, about one float ulp at
 * these magnitudes (ulp(0.1f) ≈ 7.5e-9), i.e. they must be the nearest floats to the exact values.
 */
class InstanceNorm2Test {

    /** x = (3, 4): ‖x‖ = 5, x/‖x‖ = (0.6, 0.8), mean 0.7, result (−0.1, 0.1). */
    @Test
    void threeFourFive() {
        float[] x = {3, 4};
        InstanceNorm2.PAPER.apply(x, 0, 2);
        assertEquals(-0.1f, x[0], 1e-8f);
        assertEquals(0.1f, x[1], 1e-8f);
    }

    /** x = (1, 2, 2): ‖x‖ = 3, x/‖x‖ = (1/3, 2/3, 2/3), mean 5/9, result (−2/9, 1/9, 1/9). */
    @Test
    void oneTwoTwo() {
        float[] x = {1, 2, 2};
        InstanceNorm2.PAPER.apply(x, 0, 3);
        assertEquals(-2 / 9f, x[0], 1e-8f);
        assertEquals(1 / 9f, x[1], 1e-8f);
        assertEquals(1 / 9f, x[2], 1e-8f);
    }

    /** Only x[from, from + dim) changes: the neighbours 9 and 7 stay as they are. */
    @Test
    void appliesOnlyToTheGivenRange() {
        float[] x = {9, 3, 4, 7};
        InstanceNorm2.PAPER.apply(x, 1, 2);
        assertEquals(9f, x[0]);
        assertEquals(-0.1f, x[1], 1e-8f);
        assertEquals(0.1f, x[2], 1e-8f);
        assertEquals(7f, x[3]);
    }

    /** The authors' CIFAR-10 offset is added after centring: (3, 4) ↦ (−0.1 + 0.006, 0.1 + 0.006) = (−0.094, 0.106). */
    @Test
    void offsetIsAddedAfterCentring() {
        float[] x = {3, 4};
        new InstanceNorm2(0.006f).apply(x, 0, 2);
        assertEquals(-0.094f, x[0], 1e-8f);
        assertEquals(0.106f, x[1], 1e-8f);
        assertEquals(0.006, (x[0] + x[1]) / 2, 1e-8, "the mean is the offset");
    }

    /** An all-zero instance (a blank image) has no direction: it stays 0 (plus the offset), not NaN from 0/0. */
    @Test
    void allZeroStaysZero() {
        float[] x = {0, 0, 0, 0};
        InstanceNorm2.PAPER.apply(x, 0, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0}, x);
        float[] y = {5, 0, 0, 0, 0};
        new InstanceNorm2(0.006f).apply(y, 1, 4);
        assertArrayEquals(new float[] {5, 0.006f, 0.006f, 0.006f, 0.006f}, y);
    }

    /**
     * On random vectors: the result equals x/‖x‖ − mean computed independently in double (to 1e-6, float
     * rounding of values below 1), its mean is 0 (to 1e-6), and scaling x by c &gt; 0 changes nothing
     * (brightness invariance, the point of the normalization).
     */
    @Test
    void randomVectorsAreUnitDirectionMinusItsMean() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int d = 1 + r.nextInt(800);
            float[] x = new float[d], scaled = new float[d];
            double[] expected = new double[d];
            double sq = 0;
            for (int i = 0; i < d; i++) {
                x[i] = (float) r.nextDouble(0, 1);
                scaled[i] = 4 * x[i];
                sq += (double) x[i] * x[i];
            }
            double mean = 0;
            for (int i = 0; i < d; i++) mean += (expected[i] = x[i] / Math.sqrt(sq));
            mean /= d;
            for (int i = 0; i < d; i++) expected[i] -= mean;

            InstanceNorm2.PAPER.apply(x, 0, d);
            InstanceNorm2.PAPER.apply(scaled, 0, d);
            double got = 0;
            for (int i = 0; i < d; i++) {
                assertEquals(expected[i], x[i], 1e-6, "d=" + d + " i=" + i);
                assertEquals(x[i], scaled[i], 1e-6, "scale invariance, d=" + d + " i=" + i);
                got += x[i];
            }
            assertEquals(0, got / d, 1e-6, "mean after normalization, d=" + d);
        }
    }

    /**
     * {@link Inputs#matrix} scales bytes by 1/255 and normalizes each image: bytes (51, 68) = 17·(3, 4) give
     * the (3, 4) example, (−0.1, 0.1); bytes (0, 0) give (0, 0); rows come in the order of the indices.
     */
    @Test
    void inputsScaleAndNormalizeEachImage() {
        Images images = new Images("tiny", 1, 2, 1, new byte[] {51, 68, 0, 0, (byte) 255, 0}, new int[] {4, 5, 6});
        INDArray m = Inputs.matrix(images, new int[] {2, 0, 1}, InstanceNorm2.PAPER);
        assertArrayEquals(new long[] {3, 2}, m.shape());
        // image 2 = (255, 0) → (1, 0) → mean 0.5 → (0.5, −0.5)
        assertEquals(0.5f, m.getFloat(0, 0), 1e-8f);
        assertEquals(-0.5f, m.getFloat(0, 1), 1e-8f);
        assertEquals(-0.1f, m.getFloat(1, 0), 1e-7f);
        assertEquals(0.1f, m.getFloat(1, 1), 1e-7f);
        assertEquals(0f, m.getFloat(2, 0));
        assertEquals(0f, m.getFloat(2, 1));
        assertEquals(3, Inputs.matrix(images, InstanceNorm2.PAPER).rows());
    }
}
