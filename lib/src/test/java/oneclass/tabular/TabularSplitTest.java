package oneclass.tabular;

import oneclass.data.TabularData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link TabularSplit}: the sizes each rule gives (worked by hand, and for the paper's three data sets
 * against the sizes HRN Sec. 4.1 states), that the parts are disjoint and cover the data, that rows are
 * copied intact, that the seed decides the draw, and the min-max scaling.
 */
class TabularSplitTest {

    /** nominal + novel instances of 2 features; row i is (i, −i), the novel ones last. */
    static TabularData data(int nominal, int novel) {
        int n = nominal + novel;
        float[] x = new float[2 * n];
        boolean[] isNovel = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            isNovel[i] = i >= nominal;
        }
        return new TabularData("synthetic", List.of("a", "b"), x, isNovel, "none");
    }

    /** Counts only, one feature: enough to check the sizes for the real data sets' class counts. */
    static TabularData counts(int nominal, int novel) {
        boolean[] isNovel = new boolean[nominal + novel];
        Arrays.fill(isNovel, nominal, nominal + novel, true);
        return new TabularData("counts", List.of("a"), new float[nominal + novel], isNovel, "none");
    }

    /**
     * 10 nominal, 3 novel, TQM: train + validation = ⌊10/2⌋ = 5, validation = round(0.05·10) = round(0.5) = 1
     * (Math.round rounds half up), train = 4; test = 10 − 5 = 5 nominal + 3 novel = 8.
     */
    @Test
    void tqmSizesByHand() {
        TabularSplit s = TabularSplit.of(data(10, 3), TabularSplit.Rule.TQM, new SplittableRandom(1));

        assertEquals(4, s.trainSize());
        assertEquals(1, s.validationSize());
        assertEquals(8, s.testSize());
        assertEquals(3, s.testNovelCount());
        assertEquals(2, s.cols());
    }

    /** 10 nominal, 3 novel, halves: train ⌊10/2⌋ = 5, no validation, test 5 + 3 = 8. */
    @Test
    void dagmmHalvesSizesByHand() {
        TabularSplit s = TabularSplit.of(data(10, 3), TabularSplit.Rule.DAGMM_HALVES, new SplittableRandom(1));

        assertEquals(5, s.trainSize());
        assertEquals(0, s.validationSize());
        assertEquals(0, s.validation().length);
        assertEquals(8, s.testSize());
    }

    /**
     * Thyroid (3679 nominal, 93 novel), TQM: ⌊3679/2⌋ = 1839 = 1655 train + round(183.95) = 184 validation;
     * test 3679 − 1839 = 1840 + 93 = 1933. HRN Sec. 4.1: "1839 for training and 1933 for testing": the
     * paper's training count includes the validation part.
     */
    @Test
    void thyroidSizesMatchThePaperCountingValidationAsTraining() {
        TabularSplit s = TabularSplit.of(counts(3679, 93), TabularSplit.Rule.TQM, new SplittableRandom(7));

        assertEquals(1655, s.trainSize());
        assertEquals(184, s.validationSize());
        assertEquals(1839, s.trainSize() + s.validationSize()); // paper: 1839 for training
        assertEquals(1933, s.testSize());                       // paper: 1933 for testing
    }

    /** Arrhythmia (386 normal, 66 anomalies), halves: 193 train; test 193 + 66 = 259, the paper's "193 ... 259". */
    @Test
    void arrhythmiaSizesMatchThePaper() {
        TabularSplit s = TabularSplit.of(counts(386, 66), TabularSplit.Rule.DAGMM_HALVES, new SplittableRandom(7));

        assertEquals(193, s.trainSize());
        assertEquals(259, s.testSize());
    }

    /**
     * KDDCUP99 (396,743 attacks nominal, 97,278 normal novel), TQM: ⌊396743/2⌋ = 198,371 =
     * 178,534 train + round(19,837.15) = 19,837 validation; test 198,372 + 97,278 = 295,650. The paper's
     * "450000 training ... 44021 test" (Sec. 4.1) cannot come from a one-class split of this file, whose
     * nominal class has only 396,743 records; the test records our numbers, not the paper's.
     */
    @Test
    void kddSizesFollowTheRuleNotThePapersNumbers() {
        TabularSplit s = TabularSplit.of(counts(396_743, 97_278), TabularSplit.Rule.TQM, new SplittableRandom(7));

        assertEquals(178_534, s.trainSize());
        assertEquals(19_837, s.validationSize());
        assertEquals(295_650, s.testSize());
        assertNotEquals(450_000, s.trainSize() + s.validationSize());
        assertTrue(450_000 > 396_743, "the paper's training count exceeds the nominal class");
    }

    /** Train and validation are nominal, test has every novel row; the three are disjoint and cover all rows. */
    @Test
    void partsAreDisjointCoverEverythingAndCopyRowsIntact() {
        TabularData d = data(40, 7);
        TabularSplit s = TabularSplit.of(d, TabularSplit.Rule.TQM, new SplittableRandom(3));

        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.trainRows()), Arrays.stream(s.validationRows())),
                Arrays.stream(s.testRows())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 47).toArray(), all);
        for (int r : s.trainRows()) {
            assertFalse(d.novel()[r]);
        }
        for (int r : s.validationRows()) {
            assertFalse(d.novel()[r]);
        }
        for (int i = 0; i < s.testSize(); i++) {
            assertEquals(d.novel()[s.testRows()[i]], s.testNovel()[i]);
        }
        assertEquals(7, s.testNovelCount());
        // row i of the data is (i, −i): each copied row must still say which row it was
        for (int i = 0; i < s.trainSize(); i++) {
            assertEquals(s.trainRows()[i], s.train()[2 * i]);
            assertEquals(-s.trainRows()[i], s.train()[2 * i + 1]);
        }
        for (int i = 0; i < s.testSize(); i++) {
            assertEquals(s.testRows()[i], s.test()[2 * i]);
        }
        assertEquals(s.validationRows()[0], s.validation()[0]);
        // ascending row numbers: file order within each part
        assertArrayEquals(IntStream.of(s.testRows()).sorted().toArray(), s.testRows());
        assertArrayEquals(IntStream.of(s.trainRows()).sorted().toArray(), s.trainRows());
    }

    @Test
    void theSeedDecidesTheDraw() {
        TabularData d = data(100, 5);
        TabularSplit a = TabularSplit.of(d, TabularSplit.Rule.TQM, new SplittableRandom(42));
        TabularSplit b = TabularSplit.of(d, TabularSplit.Rule.TQM, new SplittableRandom(42));
        TabularSplit c = TabularSplit.of(d, TabularSplit.Rule.TQM, new SplittableRandom(43));

        assertArrayEquals(a.trainRows(), b.trainRows());
        assertArrayEquals(a.test(), b.test());
        // C(100, 45)-odd draws: two seeds giving the same training rows would be a broken shuffle
        assertFalse(Arrays.equals(a.trainRows(), c.trainRows()));
    }

    /**
     * Train rows (0, 5), (2, 5), (4, 5); test rows (6, 5), (1, 7). Column 1: min 0, max 4 →
     * (x − 0)/4: train 0, 0.5, 1; test 6/4 = 1.5 (outside [0, 1]: the test set is unseen), 0.25.
     * Column 2 is constant 5 on train: only shifted, x − 5: train 0, test 0 and 2.
     */
    @Test
    void minMaxScalingUsesTheTrainingPartOnly() {
        TabularSplit s = new TabularSplit("hand", TabularSplit.Rule.DAGMM_HALVES, 2,
                new float[] {0, 5, 2, 5, 4, 5}, new float[0], new float[] {6, 5, 1, 7},
                new boolean[] {true, false}, new int[] {0, 1, 2}, new int[0], new int[] {3, 4});
        TabularSplit scaled = s.minMaxScaled();

        assertArrayEquals(new float[] {0, 0, 0.5f, 0, 1, 0}, scaled.train());
        assertArrayEquals(new float[] {1.5f, 0, 0.25f, 2}, scaled.test());
        assertArrayEquals(s.testNovel(), scaled.testNovel());
        assertArrayEquals(new float[] {0, 5, 2, 5, 4, 5}, s.train()); // the original is untouched
    }

    @Test
    void theRecordNamesTheInconsistentField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TabularSplit("x",
                TabularSplit.Rule.TQM, 2, new float[3], new float[0], new float[2], new boolean[1],
                new int[2], new int[0], new int[1]));
        assertEquals("x: train.length is 3, expected trainRows.length (2) x cols (2) = 4", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new TabularSplit("x", TabularSplit.Rule.TQM, 2,
                new float[4], new float[0], new float[2], new boolean[2], new int[2], new int[0], new int[1]));
        assertEquals("x: testNovel.length is 2, expected testRows.length 1", e.getMessage());
    }

    @Test
    void aDataSetWithoutNovelInstancesCannotBeSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularSplit.of(data(10, 0), TabularSplit.Rule.TQM, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("at least 2 nominal and 1 novel instance, got 10 and 0"), e.getMessage());
    }
}
