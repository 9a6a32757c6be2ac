package oneclass.tabular;

import oneclass.data.TabularData;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The train / validation / test split of a non-image data set, by one of the two protocols behind HRN
 * Table 2, and the min-max scaling fitted on its training part.
 *
 * <p>Training and validation hold nominal instances only (one-class learning). The test set holds the
 * remaining nominal instances and every novel one; {@code testNovel[i]} is true for a novel test
 * instance (the positive class of {@link TopKThreshold}). Row {@code i} of a matrix occupies
 * {@code [i*cols, (i+1)*cols)}. {@code trainRows}, {@code validationRows} and {@code testRows} are the
 * row numbers in the {@link TabularData} they came from, ascending: the random draw decides WHICH rows
 * go where, file order decides their order (a training loop shuffles its own batches).
 *
 * <p>Sizes each rule gives for the paper's data sets, against what HRN Sec. 4.1 states:
 * <pre>
 *                       nominal novel | rule: train + val   test         | paper: train   test
 *   Thyroid (TQM)          3679    93 |       1655 + 184    1840 + 93    |        1839    1933
 *   Arrhythmia (halves)     386    66 |        193 + 0       193 + 66    |         193     259
 *   KDDCUP99 (TQM)       396743 97278 |     178534 + 19837  198372 + 97278 |    450000   44021
 * </pre>
 * Thyroid and Arrhythmia match if the paper's "training" counts the validation part (1655 + 184 = 1839,
 * 1840 + 93 = 1933). KDDCUP99 does not and cannot: 450,000 training instances are more than the 396,743
 * nominal (attack) records, so the paper's "450000 training ... 44021 test" is not a one-class split of
 * this file; we follow the TQM rule the paper says it follows and report the discrepancy.
 */
public record TabularSplit(String name, Rule rule, int cols, float[] train, float[] validation, float[] test,
                           boolean[] testNovel, int[] trainRows, int[] validationRows, int[] testRows) {

    /** How the nominal instances are divided; every novel instance goes to the test set. */
    public enum Rule {
        /**
         * TQM (Wang et al., NeurIPS 2019), used by HRN for KDDCUP99 and Thyroid: of the n nominal
         * instances, ⌊n/2⌋ are for training and validation, the 5 % validation part being round(0.05·n)
         * of them; the other n − ⌊n/2⌋ (50 %) are tested.
         */
        TQM,
        /**
         * DAGMM (Zong et al., ICLR 2018), used by HRN for Arrhythmia: the nominal instances are split in
         * halves, ⌊n/2⌋ for training and the rest tested; no validation set.
         */
        DAGMM_HALVES
    }

    /** TQM's validation share of the nominal class. */
    public static final double TQM_VALIDATION_FRACTION = 0.05;

    public TabularSplit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(testNovel, "testNovel");
        Objects.requireNonNull(trainRows, "trainRows");
        Objects.requireNonNull(validationRows, "validationRows");
        Objects.requireNonNull(testRows, "testRows");
        if (cols <= 0) {
            throw new IllegalArgumentException(name + ": cols must be positive, got " + cols);
        }
        checkShape(name, "train", train, trainRows.length, cols);
        checkShape(name, "validation", validation, validationRows.length, cols);
        checkShape(name, "test", test, testRows.length, cols);
        if (testNovel.length != testRows.length) {
            throw new IllegalArgumentException(name + ": testNovel.length is " + testNovel.length + ", expected testRows.length "
                    + testRows.length);
        }
    }

    private static void checkShape(String name, String field, float[] m, int rows, int cols) {
        if ((long) rows * cols != m.length) {
            throw new IllegalArgumentException(name + ": " + field + ".length is " + m.length + ", expected " + field
                    + "Rows.length (" + rows + ") x cols (" + cols + ") = " + (long) rows * cols);
        }
    }

    /**
     * Splits {@code data} by {@code rule}. The nominal row numbers are shuffled (Fisher-Yates with
     * {@code random}) and cut in order: first the training part, then validation, then test.
     */
    public static TabularSplit of(TabularData data, Rule rule, SplittableRandom random) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(random, "random");
        int[] nominal = rowsWhere(data.novel(), false);
        int[] novel = rowsWhere(data.novel(), true);
        int n = nominal.length;
        if (n < 2 || novel.length == 0) {
            throw new IllegalArgumentException(data.name() + ": a split needs at least 2 nominal and 1 novel instance, got "
                    + n + " and " + novel.length);
        }
        int trainAndValidation = n / 2;
        int nValidation = rule == Rule.TQM ? (int) Math.round(TQM_VALIDATION_FRACTION * n) : 0;
        int nTrain = trainAndValidation - nValidation;

        shuffle(nominal, random);
        int[] trainRows = sorted(Arrays.copyOfRange(nominal, 0, nTrain));
        int[] validationRows = sorted(Arrays.copyOfRange(nominal, nTrain, trainAndValidation));
        int[] testNominal = Arrays.copyOfRange(nominal, trainAndValidation, n);
        int[] testRows = new int[testNominal.length + novel.length];
        System.arraycopy(testNominal, 0, testRows, 0, testNominal.length);
        System.arraycopy(novel, 0, testRows, testNominal.length, novel.length);
        Arrays.sort(testRows);

        boolean[] testNovel = new boolean[testRows.length];
        for (int i = 0; i < testRows.length; i++) {
            testNovel[i] = data.novel()[testRows[i]];
        }
        return new TabularSplit(data.name(), rule, data.cols(), gather(data, trainRows), gather(data, validationRows),
                gather(data, testRows), testNovel, trainRows, validationRows, testRows);
    }

    public int trainSize() {
        return trainRows.length;
    }

    public int validationSize() {
        return validationRows.length;
    }

    public int testSize() {
        return testRows.length;
    }

    /** Number of novel test instances: the k of {@link TopKThreshold}. */
    public int testNovelCount() {
        int k = 0;
        for (boolean b : testNovel) {
            if (b) {
                k++;
            }
        }
        return k;
    }

    /**
     * The same split with every column min-max scaled by the training part's extremes:
     * x' = (x − min_train) / (max_train − min_train), applied to train, validation and test alike.
     *
     * <p>Why the training part only: the validation and test instances must be unseen, so their
     * statistics may not shape the input (DAGMM's public kdd_cup.npz used all nominal records, test
     * half included). As a consequence validation and test values can fall outside [0, 1]. A column
     * that is constant on the training part (max = min) is only shifted, x' = x − min_train, as
     * scikit-learn's MinMaxScaler does; such a column is 0 for every training instance.
     *
     * <p>HRN does not say how it scaled the non-image data; this is the usual choice of the DAGMM/TQM line.
     */
    public TabularSplit minMaxScaled() {
        if (trainRows.length == 0) {
            throw new IllegalStateException(name + ": the training part is empty; there is nothing to fit the scaling on");
        }
        float[] min = new float[cols];
        float[] max = new float[cols];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < trainRows.length; i++) {
            for (int j = 0; j < cols; j++) {
                float v = train[i * cols + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        return new TabularSplit(name, rule, cols, scale(train, min, max), scale(validation, min, max), scale(test, min, max),
                testNovel, trainRows, validationRows, testRows);
    }

    private float[] scale(float[] m, float[] min, float[] max) {
        float[] out = new float[m.length];
        for (int k = 0; k < m.length; k++) {
            int j = k % cols;
            double range = max[j] > min[j] ? (double) max[j] - min[j] : 1.0;
            out[k] = (float) ((m[k] - (double) min[j]) / range);
        }
        return out;
    }

    private static int[] rowsWhere(boolean[] novel, boolean value) {
        int count = 0;
        for (boolean b : novel) {
            if (b == value) {
                count++;
            }
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < novel.length; i++) {
            if (novel[i] == value) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** Fisher-Yates: position i takes a uniform pick among positions 0..i. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    private static float[] gather(TabularData data, int[] rows) {
        int d = data.cols();
        float[] m = new float[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.x(), rows[i] * d, m, i * d, d);
        }
        return m;
    }
}
