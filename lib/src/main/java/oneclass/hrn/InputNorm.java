package oneclass.hrn;

/**
 * The per-instance normalization applied to each input row before the network sees it — the part that
 * HRN's Table 3 varies: none (the "NLL" and "NLL+Hreg" rows), HRN's 2-norm instance normalization
 * ("2N_Inst_Norm", Sec. 3.2, {@link InstanceNorm2}) or the instance normalization of Ulyanov et al. 2016
 * ("Inst_Norm[79]", {@link InstanceNormZScore}).
 *
 * <p>Implementations normalize {@code x[from, from + dim)} in place. The constants and factories below
 * carry a readable {@code toString} for run records.
 */
@FunctionalInterface
public interface InputNorm {
    void apply(float[] x, int from, int dim);

    /** No normalization: pixels scaled to [0, 1] and nothing else. */
    InputNorm NONE = named("none", (x, from, dim) -> {});

    /** HRN's 2-norm instance normalization as the paper describes it (no offset). */
    InputNorm TWO_NORM = twoNorm(InstanceNorm2.PAPER);

    /** HRN's 2-norm instance normalization, e.g. with the authors' CIFAR-10 offset. */
    static InputNorm twoNorm(InstanceNorm2 norm) {
        return named(norm.offset() == 0 ? "2-norm" : "2-norm(offset=" + norm.offset() + ")", norm::apply);
    }

    /** Ulyanov et al.'s instance normalization with ε = 1e-5, per channel (1 for MNIST, 3 for CIFAR-10). */
    static InputNorm zScore(int channels) {
        return zScore(InstanceNormZScore.ULYANOV, channels);
    }

    static InputNorm zScore(InstanceNormZScore norm, int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        return named("z-score(channels=" + channels + ",eps=" + norm.eps() + ")",
                (x, from, dim) -> norm.apply(x, from, dim, channels));
    }

    private static InputNorm named(String name, InputNorm n) {
        return new InputNorm() {
            @Override public void apply(float[] x, int from, int dim) { n.apply(x, from, dim); }

            @Override public String toString() { return name; }
        };
    }
}
