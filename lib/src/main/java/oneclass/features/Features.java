package oneclass.features;

import java.util.Objects;

/**
 * Feature vectors of a labelled image set: row i is {@code x[i*d .. (i+1)*d)}, the activations of the
 * extractor's layer for image i, in the image set's order; {@code labels[i]} is that image's class.
 * The arrays are not copied (they can be large): treat them as read-only.
 */
public record Features(float[] x, int d, int[] labels) {

    public Features {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if ((long) labels.length * d != x.length)
            throw new IllegalArgumentException("x.length " + x.length + " is not labels.length " + labels.length + " x d " + d);
    }

    public int n() { return labels.length; }

    /** Indices of the rows with this label, in order. */
    public int[] indicesOf(int label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
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
        return doubleRows(java.util.stream.IntStream.range(0, n()).toArray());
    }

    @Override public String toString() { return "Features[" + n() + " x " + d + "]"; }

    /** The training and test images of a data set, through one extractor. */
    public record Split(Features train, Features test) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            if (train.d() != test.d()) throw new IllegalArgumentException("train has d = " + train.d() + ", test d = " + test.d());
        }
    }
}
