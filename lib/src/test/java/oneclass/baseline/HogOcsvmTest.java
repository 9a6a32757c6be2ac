package oneclass.baseline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** HOG on hand-made images whose histograms can be worked out, and the HOG + OCSVM column. */
class HogOcsvmTest {

    /**
     * A 24 × 24 image (3 × 3 cells of 8 × 8, one block) with a 3-pixel bar of 1s in the middle of every cell.
     * Around a horizontal bar the [−1, 0, 1] gradient (halved) has magnitude ½ at 14 pixels: the 6 above and
     * below point along y (orientation 0, bin 0: 6 · ½ = 3), the 4 at the bar's ends and beside them along x
     * (orientation π/2 = 4.5 bins, split ½ / ½ between bins 4 and 5: 1 each). A cell's histogram is thus
     * (3, 1, 1) in bins (0, 4, 5). A vertical bar is the transpose: its 6 side pixels point along x (1.5 to
     * each of bins 4 and 5) and its 4 end pixels along y (bin 0: 2), so (2, 1.5, 1.5).
     * L2-Hys over the block's 9 equal cells, horizontal: ‖·‖ = √(9·11), 3/√99 = 0.3015 → clipped to 0.2,
     * 1/√99 = 0.1005; renormalized by √(9·(0.04 + 2·0.1005²)) = 0.736083: 0.271708 and 0.136533.
     * Vertical: 2/√76.5 = 0.2287 → 0.2, 1.5/√76.5 = 0.171499; renormalized by √(9·(0.04 + 2·0.171499²)) = 0.943086:
     * 0.212070 and 0.181849.
     */
    @Test
    void barsGiveTheirWorkedOutHistograms() {
        HogOcsvm hog = HogOcsvm.ICS_PAPER;
        double[] horizontal = hog.features(new double[][] {bars(true)})[0], vertical = hog.features(new double[][] {bars(false)})[0];
        assertEquals(81, horizontal.length, "one block of 3 × 3 cells × 9 bins");
        for (int cell = 0; cell < 9; cell++) {
            assertCell(horizontal, cell, 0.271708, 0.136533);
            assertCell(vertical, cell, 0.212070, 0.181849);
        }
    }

    static void assertCell(double[] f, int cell, double bin0, double bins45) {
        double[] h = Arrays.copyOfRange(f, cell * 9, cell * 9 + 9);
        double[] expected = {bin0, 0, 0, 0, bins45, bins45, 0, 0, 0};
        assertArrayEquals(expected, h, 1e-5, "cell " + cell + ": " + Arrays.toString(h));
    }

    /** 24 × 24, row-major; in cell (i, j) a bar through (8i + 4, 8j + 4) along x (horizontal) or y. */
    static double[] bars(boolean horizontal) {
        double[] img = new double[24 * 24];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int t = -1; t <= 1; t++) {
                    int r = 8 * i + 4 + (horizontal ? 0 : t), c = 8 * j + 4 + (horizontal ? t : 0);
                    img[r * 24 + c] = 1;
                }
        return img;
    }

    /** MNIST's 28 × 28 gives one block (the last 4 rows and columns are unused), CIFAR-10's 3 × 32 × 32 four. */
    @Test
    void featureCountsOfTheHarnessImages() {
        assertEquals(81, HogOcsvm.ICS_PAPER.features(new double[][] {new double[784]})[0].length);
        assertEquals(324, HogOcsvm.ICS_PAPER.features(new double[][] {new double[3072]})[0].length);
        String msg = assertThrows(IllegalArgumentException.class, () -> HogOcsvm.ICS_PAPER.features(new double[][] {new double[118]})).getMessage();
        assertTrue(msg.contains("square images") && msg.contains("118"), msg);
    }

    /** A colour image whose planes differ: each pixel's gradient comes from the band where it is largest. */
    @Test
    void colourUsesTheStrongestBand() {
        double[] rgb = new double[3 * 24 * 24];
        System.arraycopy(bars(true), 0, rgb, 0, 576);                          // red: horizontal bars
        double[] v = bars(false);
        for (int i = 0; i < 576; i++) rgb[1152 + i] = 0.5 * v[i];             // blue: fainter vertical bars
        double[] f = HogOcsvm.ICS_PAPER.features(new double[][] {rgb})[0], red = HogOcsvm.ICS_PAPER.features(new double[][] {bars(true)})[0];
        assertFalse(Arrays.equals(f, red), "the blue bars add gradients where red has none");
        assertEquals(324 / 4, f.length);
    }

    @Test
    void hogThenOcsvmRanksBarsByOrientationAndIsReproducible() {
        double[][] train = new double[60][], test = new double[20][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 80; i++) {
            double[] img = bars(i < 70);            // training rows and the first 10 test rows: horizontal bars
            for (int k = 0; k < img.length; k++) img[k] += 0.05 * r.nextDouble();
            if (i < 60) train[i] = img; else test[i - 60] = img;
        }
        double[] s = HogOcsvm.ICS_PAPER.normality(train, test, 3);
        assertTrue(Arrays.stream(s, 0, 10).min().orElseThrow() > Arrays.stream(s, 10, 20).max().orElseThrow(), Arrays.toString(s));
        assertArrayEquals(s, HogOcsvm.ICS_PAPER.normality(train, test, 3));
    }

    @Test
    void optionsAndBadSettings() {
        BaselineOptions o = new BaselineOptions();
        assertEquals(HogOcsvm.ICS_PAPER, o.parse("HOG").orElseThrow());
        o.hogPixelsPerCell = 0;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.parse("hog")).getMessage().contains("pixels per cell"));
        o.hogPixelsPerCell = 8;
        o.ocsvmNu = 1.5;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.parse("hog")).getMessage().contains("nu"));
    }
}
