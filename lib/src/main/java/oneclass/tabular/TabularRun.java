package oneclass.tabular;

import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.run.RecordCsv;
import oneclass.run.RunRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HRN Table 2 run's result ({@link TabularGrid}), one CSV file per run under {@code <out>/runs/}.
 * Metrics in %; under the top-k threshold precision = recall = F1 ({@link TopKThreshold}). It lives in the
 * library, not the script, so that the report reads stored runs with the same type that wrote them. {@code shortened}: how the
 * run's settings cut its protocol's or method's budget, null (also in older files) if they do not.
 */
public record TabularRun(String dataset, String method, String protocol, long seed, long trainSeed, int epochs,
                         double precision, double recall, double f1, double finalF1, double bestF1, int bestEpoch, double auc,
                         int k, double truePositives, int tiedAtThreshold, double finalLoss, double gradNorm,
                         int cols, int nTrain, int nValidationUnused, int nTest, boolean instanceNorm, double seconds,
                         String fingerprint, String config, @RecordCsv.Added String shortened) implements RunRow {
    public String key() { return key(dataset, method, seed); }

    public static String key(String dataset, String method, long seed) { return dataset + "_" + method + "_s" + seed; }

    /** The run in a few words, for the progress line. */
    @Override
    public String summary() {
        if (Double.isInfinite(finalLoss)) return "DIVERGED (non-finite loss), recorded as NaN";
        return String.format(Locale.ROOT, "F1 %.2f%%, %.1fs", finalF1, seconds)
                + (epochs > 0 ? String.format(Locale.ROOT, " (%.2fs/epoch)", seconds / epochs) : "");
    }

    /** The metrics the table reports, as cells whose class column holds the metric's name. */
    public static List<Cells.Measurement> measurements(List<TabularRun> runs) {
        List<Cells.Measurement> ms = new ArrayList<>();
        for (TabularRun r : runs) {
            ms.add(new Cells.Measurement(r.dataset(), "precision", r.method(), r.seed(), r.precision()));
            ms.add(new Cells.Measurement(r.dataset(), "recall", r.method(), r.seed(), r.recall()));
            ms.add(new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.f1()));
        }
        return ms;
    }

    /** The runs' precision, recall and F1 next to the paper's (expected-results/hrn_table2.csv: class = the metric). */
    public static List<Comparison.Row> compare(List<TabularRun> runs, ExpectedResults expected) {
        // Cells also averages over the "classes" (here: the three metrics), which Table 2 does not print.
        List<Cells.Cell> cells = Cells.aggregate(measurements(runs)).stream().filter(c -> !c.cls().equals(Cells.AVG)).toList();
        return Comparison.compare(cells, expected, Comparison.shortened(runs, TabularRun::dataset, TabularRun::method, TabularRun::shortened));
    }
}
