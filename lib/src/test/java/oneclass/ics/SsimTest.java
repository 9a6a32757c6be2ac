package oneclass.ics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SSIM against values computed independently with numpy/scipy (Wang et al.'s formula: an 11×11 Gaussian
 * window, σ = 1.5, normalized; {@code scipy.signal.convolve2d(..., mode='valid')} for the local moments;
 * C₁ = 1e-4, C₂ = 9e-4; mean of the map), and against cases worked by hand.
 */
class SsimTest {
    /** x[i][j] = ((7i + 3j) mod 11) / 10 on a 12×13 grid: two 11×11 windows vertically, three horizontally. */
    static float[] patternX(int r, int c) {
        float[] x = new float[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) x[i * c + j] = ((i * 7 + j * 3) % 11) / 10f;
        return x;
    }

    static float[] patternY(int r, int c) {
        float[] y = new float[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) y[i * c + j] = ((i * 5 + j * 2) % 7) / 6f;
        return y;
    }

    @Test
    void identicalImagesHaveSsimOne() {
        float[] x = patternX(12, 13);
        assertEquals(1.0, new Ssim(12, 13, 1).of(x, x.clone()), 1e-12);
    }

    /**
     * Constant images a = 0.5 and b = 0.25 on one 11×11 window: σ = 0, so SSIM = (2ab + C₁)/(a² + b² + C₁)
     * = (0.25 + 1e-4)/(0.3125 + 1e-4) = 0.2501/0.3126 = 0.8000639795...
     */
    @Test
    void constantImagesByHand() {
        float[] a = new float[121], b = new float[121];
        java.util.Arrays.fill(a, 0.5f);
        java.util.Arrays.fill(b, 0.25f);
        assertEquals(0.2501 / 0.3126, new Ssim(11, 11, 1).of(a, b), 1e-12);
        assertEquals(0.8000639795265515, new Ssim(11, 11, 1).of(a, b), 1e-12);
    }

    /** numpy/scipy reference: ssim(x, y) = -0.41401149595451464 for the two patterns (6 window positions). */
    @Test
    void matchesReferenceOnAStructuredPair() {
        assertEquals(-0.41401149595451464, new Ssim(12, 13, 1).of(patternX(12, 13), patternY(12, 13)), 1e-6);
    }

    /** numpy/scipy reference: y = 0.8x + 0.1 (in float32) gives 0.9757263582711267. */
    @Test
    void matchesReferenceOnAnAffineCopy() {
        float[] x = patternX(12, 13), y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 0.8f * x[i] + 0.1f;
        assertEquals(0.9757263582711267, new Ssim(12, 13, 1).of(x, y), 1e-6);
    }

    @Test
    void isSymmetric() {
        Ssim s = new Ssim(12, 13, 1);
        float[] x = patternX(12, 13), y = patternY(12, 13);
        assertEquals(s.of(x, y), s.of(y, x), 1e-15);
    }

    /** Colour: the mean over channels of the per-channel SSIMs (here 1 and the pattern pair's value). */
    @Test
    void colourIsTheMeanOverChannels() {
        float[] x = patternX(12, 13), y = patternY(12, 13);
        float[] a = new float[2 * x.length], b = new float[2 * x.length];
        System.arraycopy(x, 0, a, 0, x.length);
        System.arraycopy(x, 0, b, 0, x.length);      // channel 0 identical: SSIM 1
        System.arraycopy(x, 0, a, x.length, x.length);
        System.arraycopy(y, 0, b, x.length, x.length); // channel 1: the reference pair
        assertEquals((1 + -0.41401149595451464) / 2, new Ssim(12, 13, 2).of(a, b), 1e-6);
    }

    @Test
    void gaussianWindowSumsToOneAndPeaksInTheMiddle() {
        double[] g = Ssim.gaussian1d(11, 1.5);
        assertEquals(1.0, java.util.Arrays.stream(g).sum(), 1e-12);
        assertEquals(Math.exp(-25 / 4.5) / Math.exp(0), g[0] / g[5], 1e-12);
    }

    @Test
    void rejectsImagesSmallerThanTheWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ssim(10, 28, 1));
        assertTrue(e.getMessage().contains("11x11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ssim(12, 13, 1).of(new float[5], new float[156]));
    }
}
