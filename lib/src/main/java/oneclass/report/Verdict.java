package oneclass.report;

/**
 * The outcome for one table cell, ours against the paper's.
 *
 * <p>The rule, written once: a cell reproduces when |ours − paper| ≤ margin, with
 * margin = tolerance + 2·√(σ_paper² + σ_ours²): the tolerance (from the expected-results file) absorbs
 * implementation-level differences, the σ term the seed-to-seed spread of both sides (σ_paper = 0 where
 * the paper prints no ±). See expected-results/README.md.
 */
public enum Verdict {
    WITHIN("within tolerance"),
    BELOW("BELOW paper"),
    ABOVE("ABOVE paper"),
    /** Our training diverged (a NaN measurement) where the paper reports a number. */
    DIVERGED("DIVERGED"),
    NOT_COMPARABLE("not comparable"),
    NO_PAPER_VALUE("no paper value");

    public final String label;

    Verdict(String label) { this.label = label; }

    public static double margin(double tolerance, double paperStd, double oursStd) {
        double sp = Double.isNaN(paperStd) ? 0 : paperStd, so = Double.isNaN(oursStd) ? 0 : oursStd;
        return tolerance + 2 * Math.sqrt(sp * sp + so * so);
    }

    public static Verdict judge(double ours, double paper, double margin) {
        double diff = ours - paper;
        return Math.abs(diff) <= margin ? WITHIN : diff < 0 ? BELOW : ABOVE;
    }

    /** Whether this verdict fails a {@code --check}. */
    public boolean fails() { return this == BELOW || this == ABOVE || this == DIVERGED; }
}
