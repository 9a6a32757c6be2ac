package oneclass.baseline;

import java.util.SplittableRandom;

/** Rows drawn without replacement (a partial Fisher-Yates shuffle of the row indices). */
final class Subsample {
    private Subsample() {}

    /** {@code n} rows of {@code x} drawn without replacement, or all of them (same order) when n is 0 or ≥ the row count. */
    static double[][] rows(double[][] x, int n, SplittableRandom rng) {
        if (n <= 0 || n >= x.length) return x;
        int[] idx = new int[x.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
            out[i] = x[idx[i]];
        }
        return out;
    }
}
