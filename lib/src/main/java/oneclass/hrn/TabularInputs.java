package oneclass.hrn;

import oneclass.tabular.TabularSplit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Non-image instances as HRN's network sees them (HRN Table 2): the rows of a {@link TabularSplit}
 * part, already min-max scaled by {@link TabularSplit#minMaxScaled()}, then each row put through HRN's
 * 2-norm instance normalization ({@link InstanceNorm2}, Sec. 3.2). The paper states the normalization
 * for its method as a whole and tunes its hyper-parameters once for "all datasets" (Sec. 4.2), so it is
 * applied here too; {@code norm == null} skips it (for measuring what it does on feature vectors, where
 * a row's norm carries information that images' brightness does not).
 *
 * <p>The split's arrays are copied, never changed: the same split can be turned into inputs twice.
 */
public final class TabularInputs {
    private TabularInputs() {}

    /**
     * Rows of {@code x} (row-major, {@code cols} features each) as a float matrix [N, cols], each row
     * normalized by {@code norm}, or as they are when {@code norm} is null.
     */
    public static INDArray matrix(float[] x, int cols, InstanceNorm2 norm) {
        if (cols <= 0) throw new IllegalArgumentException("cols must be > 0, got " + cols);
        if (x.length % cols != 0)
            throw new IllegalArgumentException("x.length " + x.length + " is not a multiple of cols " + cols);
        int n = x.length / cols;
        float[] m = x.clone();
        if (norm != null) for (int i = 0; i < n; i++) norm.apply(m, i * cols, cols);
        return Nd4j.create(m, new long[] {n, cols}, DataType.FLOAT);
    }

    /** The training part [trainSize, cols]: what HRN learns the one class from. */
    public static INDArray train(TabularSplit split, InstanceNorm2 norm) {
        return matrix(split.train(), split.cols(), norm);
    }

    /** The test part [testSize, cols], nominal and novel rows in the split's order ({@code split.testNovel()}). */
    public static INDArray test(TabularSplit split, InstanceNorm2 norm) {
        return matrix(split.test(), split.cols(), norm);
    }
}
