package oneclass.baseline;

/**
 * A classical one-class detector run inside the harness next to HRN: fitted on the normal class only,
 * then scoring every test row. Higher scores mean "more normal" (the orientation {@link oneclass.metric.Auc}
 * and HRN's f(x) use).
 */
public interface OneClassBaseline {
    /** The column name, as in the expected results ("OCSVM", "iForest"). */
    String name();

    /** Every setting that changes the numbers, for fingerprints and run records. */
    String describe();

    /** The settings that change the numbers on rows of {@code features} values (a method whose network depends on them says which). */
    default String describe(int features) { return describe(); }

    /**
     * @param train rows of the normal class [N][D] (not modified)
     * @param test  rows to score [M][D] (not modified)
     * @param seed  all randomness (subsampling, tree splits) is drawn from it
     * @return normality score per test row
     */
    double[] normality(double[][] train, double[][] test, long seed);

    /**
     * How these settings cut the training budget that the method's sources state, for rows of {@code features} values
     * (e.g. "10 + 10 of Ruff et al.'s 150 + 150 epochs"), or null when they do not. The report does not judge a
     * shortened run's cells against the paper.
     */
    default String shortened(int features) { return null; }
}
