package oneclass.data;

import java.util.List;
import java.util.Objects;

/**
 * A non-image benchmark of HRN Table 2 as read from its file: {@code rows} instances of
 * {@code columns.size()} features, each marked novel (the anomaly to detect) or nominal (the one class
 * to learn).
 *
 * <p>Row {@code i} occupies {@code x[i*cols .. (i+1)*cols)}. Values are float because the models train
 * in float32; nothing is scaled here ({@code tabular.TabularSplit.minMaxScaled()} scales with statistics of the
 * training split only). {@code novel[i]} is true for "normal." traffic in KDDCUP99 and for the outliers
 * ({@code y = 1}) of the ODDS files: HRN Sec. 4.1 treats the KDDCUP99 minority and the Thyroid
 * hyperfunction class as novel.
 *
 * <p>{@code sha256} is of the file's bytes as stored (a .gz file's compressed bytes), for the run
 * record. The arrays are not copied: treat them as read-only.
 */
public record TabularData(String name, List<String> columns, float[] x, boolean[] novel, String sha256) {

    public TabularData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(novel, "novel");
        Objects.requireNonNull(sha256, "sha256");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(name + ": columns is empty; a data set needs at least one feature");
        }
        if ((long) novel.length * columns.size() != x.length) {
            throw new IllegalArgumentException(name + ": x.length is " + x.length + ", expected novel.length ("
                    + novel.length + ") x columns (" + columns.size() + ") = " + (long) novel.length * columns.size());
        }
    }

    /** Number of instances. */
    public int rows() {
        return novel.length;
    }

    /** Number of features. */
    public int cols() {
        return columns.size();
    }

    /** Feature {@code j} of instance {@code i}. */
    public float value(int i, int j) {
        return x[i * cols() + j];
    }

    /** Number of novel instances (anomalies). */
    public int novelCount() {
        int n = 0;
        for (boolean b : novel) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
