package oneclass.hrn;

/**
 * HRN's 2-norm instance-level normalization (Sec. 3.2): x := x/‖x‖₂, then the instance's own mean is
 * subtracted so that its features are zero-mean. It is per instance, not per feature across the data set.
 *
 * <p>The authors' CIFAR-10 code adds a constant (0.006) afterwards; {@code offset} reproduces that
 * (docs/official-code-facts.md). An all-zero instance is left at zero (plus offset) rather
 * than divided by 0.
 */
public record InstanceNorm2(float offset) {
    /** The paper's normalization: no offset. */
    public static final InstanceNorm2 PAPER = new InstanceNorm2(0f);

    /** Normalizes {@code x[from, from + dim)} in place. */
    public void apply(float[] x, int from, int dim) {
        double sq = 0;
        for (int i = from; i < from + dim; i++) sq += (double) x[i] * x[i];
        double norm = Math.sqrt(sq);
        double scale = norm == 0 ? 0 : 1 / norm, mean = 0;
        for (int i = from; i < from + dim; i++) mean += x[i] * scale;
        mean /= dim;
        for (int i = from; i < from + dim; i++) x[i] = (float) (x[i] * scale - mean + offset);
    }
}
