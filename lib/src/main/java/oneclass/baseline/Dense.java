package oneclass.baseline;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * What the deep baselines (DAE, VAE, DAGMM) share besides {@link DenseNet}: their layers' activations, the input
 * check of the Bernoulli models, and batches of rows and of Gaussian noise as ND4J matrices. Every random
 * number (weights, order, noise, dropout masks) is drawn in Java from the run's seed; no ND4J random op is
 * used, so a seed gives the same numbers whatever ran before or beside it. (Float sums inside ND4J still
 * depend on its thread count; the scripts run each run on one thread, {@link oneclass.run.Threads}.)
 */
final class Dense {
    private Dense() {}

    /** A layer's activation. */
    enum Act { RELU, TANH, SIGMOID, NONE }

    /**
     * Fails unless every training value lies in [0, 1], where the Bernoulli likelihood is defined: with
     * a target x > 1 the cross-entropy falls without bound as the logit grows, and training diverges.
     */
    static void requireUnitInterval(double[][] train, String method) {
        for (int i = 0; i < train.length; i++)
            for (int j = 0; j < train[i].length; j++)
                if (!(train[i][j] >= 0 && train[i][j] <= 1))
                    throw new IllegalArgumentException(method + " models inputs in [0, 1] (a Bernoulli decoder), but training row " + i
                            + " has " + train[i][j] + " in column " + j + "; scale the data to [0, 1] first (the image tables give pixels / 255)");
    }

    /** Rows {@code rows} of x, flattened row by row as floats: [rows.length · D]. */
    static float[] rowValues(double[][] x, int[] rows) {
        int d = x[0].length;
        float[] f = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < d; j++) f[i * d + j] = (float) x[rows[i]][j];
        return f;
    }

    /** Rows {@code rows} of x as a float matrix [rows.length, D]. */
    static INDArray rows(double[][] x, int[] rows) {
        return matrix(rowValues(x, rows), rows.length, x[0].length);
    }

    /**
     * f (row by row) as a [rows, cols] float matrix, copied in one block: Nd4j.create(float[], …) took ~0.8 ms
     * for a 256 × 784 batch, this ~0.05 ms (measured).
     */
    static INDArray matrix(float[] f, int rows, int cols) {
        if (f.length != (long) rows * cols) throw new IllegalArgumentException(f.length + " values for a " + rows + " x " + cols + " matrix");
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, cols}, 'c');
        ((FloatPointer) m.data().addressPointer()).put(f);
        return m;
    }

    /** A [rows, cols] float matrix of independent N(0, 1) draws from rng. */
    static INDArray gaussian(int rows, int cols, SplittableRandom rng) {
        float[] f = new float[rows * cols];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        return matrix(f, rows, cols);
    }

    /**
     * m [rows, cols] as Java doubles, row by row, through one bulk copy of a c-order duplicate: ND4J's
     * toDoubleMatrix took ~90 ms for a [1024, 3] array (measured), longer than the whole DAGMM step.
     */
    static double[][] toRows(INDArray m) {
        int rows = (int) m.rows(), cols = (int) m.columns();
        double[] flat = m.dup('c').data().asDouble();
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        return out;
    }

    /** A vector's values as Java doubles (see {@link #toRows}). */
    static double[] toVector(INDArray v) {
        double[] flat = v.dup('c').data().asDouble();
        return flat.length == v.length() ? flat : java.util.Arrays.copyOf(flat, (int) v.length());
    }
}
