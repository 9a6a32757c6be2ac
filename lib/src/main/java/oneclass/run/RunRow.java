package oneclass.run;

/** A per-run result row: it names its run and the settings that produced it. */
public interface RunRow {
    /** Unique within a results directory, usable as a file name, e.g. {@code mnist_c3_HRN_s1}. */
    String key();

    /** A digest of every setting that affects the numbers; a resumed run must match it. */
    String fingerprint();

    /** What the progress line says when the run is done, e.g. {@code AUC 97.12%, 3.4s}. */
    default String summary() { return "stored"; }
}
