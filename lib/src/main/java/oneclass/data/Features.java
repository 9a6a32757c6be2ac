package oneclass.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Labelled feature vectors: row i is {@code x[i*d .. (i+1)*d)}, {@code labels[i]} its class. They come from a
 * feature file ({@link FeatureFile}: vectors some other tool computed) or from a network's layer
 * ({@code features.FeatureExtractor}: one vector per image, in the image set's order). The arrays are not
 * copied (they can be large): treat them as read-only.
 *
 * @param sha256ByFile the file(s) read → sha256 of their decompressed content, for the run record (empty when
 *                     computed here: the images' checksums are recorded instead)
 */
public record Features(float[] x, int d, int[] labels, Map<String, String> sha256ByFile) implements Labelled {

    public Features {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if ((long) labels.length * d != x.length)
            throw new IllegalArgumentException("x.length " + x.length + " is not labels.length " + labels.length + " x d " + d);
        sha256ByFile = Collections.unmodifiableMap(new LinkedHashMap<>(sha256ByFile));
    }

    /** Vectors computed here, from no file. */
    public Features(float[] x, int d, int[] labels) {
        this(x, d, labels, Map.of());
    }

    public int n() { return labels.length; }

    /** Indices of the rows with this label, in order. */
    @Override
    public int[] indicesOf(int label) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    /** The rows at {@code indices}, row-major, copied: what {@code TabularInputs.matrix(.., d, norm)} takes. */
    public float[] rows(int[] indices) {
        float[] out = new float[Math.multiplyExact(indices.length, d)];
        for (int k = 0; k < indices.length; k++) System.arraycopy(x, indices[k] * d, out, k * d, d);
        return out;
    }

    /** The rows at {@code indices} as double[n][d], the form the in-harness baselines (Smile) take. */
    public double[][] doubleRows(int[] indices) {
        double[][] out = new double[indices.length][d];
        for (int k = 0; k < indices.length; k++)
            for (int j = 0; j < d; j++) out[k][j] = x[indices[k] * d + j];
        return out;
    }

    /** Every row, as {@link #doubleRows}. */
    public double[][] doubleRows() {
        return doubleRows(IntStream.range(0, n()).toArray());
    }

    @Override public String toString() { return "Features[" + n() + " x " + d + "]"; }

    /** The training and test vectors of a data set. */
    public record Split(Features train, Features test) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            if (train.d() != test.d()) throw new IllegalArgumentException("train has d = " + train.d() + ", test d = " + test.d());
        }

        /** Both parts' files → sha256, for the run record. */
        public Map<String, String> sha256ByFile() {
            Map<String, String> m = new LinkedHashMap<>(train.sha256ByFile());
            m.putAll(test.sha256ByFile());
            return m;
        }
    }
}
