package oneclass.hrn;

import oneclass.data.TabularData;
import oneclass.tabular.TabularSplit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link TabularInputs}: rows become a float matrix, each row 2-norm instance-normalized on its own; the
 * worked examples are those of {@link InstanceNorm2Test} (exact in real arithmetic, compared to 1e-7).
 */
class TabularInputsTest {

    /**
     * Three rows of 2 columns: (3, 4) ↦ (0.6, 0.8) − 0.7 = (−0.1, 0.1); (0, 0) stays (0, 0); (2, 0) ↦
     * (1, 0) − 0.5 = (0.5, −0.5). Each row is normalized by its own norm, not the matrix's.
     */
    @Test
    void normalizesEachRowOnItsOwn() {
        float[] x = {3, 4, 0, 0, 2, 0};
        INDArray m = TabularInputs.matrix(x, 2, InstanceNorm2.PAPER);
        assertArrayEquals(new long[] {3, 2}, m.shape());
        assertEquals(DataType.FLOAT, m.dataType());
        assertEquals(-0.1f, m.getFloat(0, 0), 1e-7f);
        assertEquals(0.1f, m.getFloat(0, 1), 1e-7f);
        assertEquals(0f, m.getFloat(1, 0));
        assertEquals(0f, m.getFloat(1, 1));
        assertEquals(0.5f, m.getFloat(2, 0), 1e-7f);
        assertEquals(-0.5f, m.getFloat(2, 1), 1e-7f);
        assertArrayEquals(new float[] {3, 4, 0, 0, 2, 0}, x, "the input array is not changed");
    }

    /** Without a normalization the values pass through exactly, row-major: x[i*cols + j] is m[i, j]. */
    @Test
    void withoutNormalizationTheRowsAreAsGiven() {
        float[] x = {1, 2, 3, 4, 5, 6};
        INDArray m = TabularInputs.matrix(x, 3, null);
        assertArrayEquals(new long[] {2, 3}, m.shape());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) assertEquals(x[i * 3 + j], m.getFloat(i, j));
    }

    @Test
    void rejectsARaggedArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TabularInputs.matrix(new float[5], 2, null));
        assertTrue(e.getMessage().contains("not a multiple of cols 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TabularInputs.matrix(new float[4], 0, null));
    }

    /**
     * From a split: the train and test matrices are the split's parts row for row, normalized. Data:
     * 6 nominal rows (i+1, 2(i+1)) and 2 novel rows; every row is a multiple of (1, 2), so after x/‖x‖
     * each is (1, 2)/√5 and after centring (−1, 1)/(2√5) ≈ (−0.2236, 0.2236), whatever the draw.
     */
    @Test
    void trainAndTestFromASplit() {
        int n = 8;
        float[] x = new float[2 * n];
        boolean[] novel = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i + 1;
            x[2 * i + 1] = 2 * (i + 1);
            novel[i] = i >= 6;
        }
        TabularSplit s = TabularSplit.of(new TabularData("t", List.of("a", "b"), x, novel, "none"),
                TabularSplit.Rule.DAGMM_HALVES, new SplittableRandom(4));
        INDArray train = TabularInputs.train(s, InstanceNorm2.PAPER);
        INDArray test = TabularInputs.test(s, InstanceNorm2.PAPER);
        assertArrayEquals(new long[] {3, 2}, train.shape());
        assertArrayEquals(new long[] {5, 2}, test.shape());
        double h = 1 / (2 * Math.sqrt(5));
        for (INDArray m : List.of(train, test))
            for (int i = 0; i < m.rows(); i++) {
                assertEquals(-h, m.getFloat(i, 0), 1e-7);
                assertEquals(h, m.getFloat(i, 1), 1e-7);
            }
        INDArray raw = TabularInputs.test(s, null);
        for (int i = 0; i < s.testSize(); i++) assertEquals(s.testRows()[i] + 1, raw.getFloat(i, 0), "test row " + i);
    }
}
