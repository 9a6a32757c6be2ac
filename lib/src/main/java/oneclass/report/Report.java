package oneclass.report;

import oneclass.run.OutputSet;
import oneclass.run.RecordCsv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The files a table script leaves beside its runs: {@code summary.csv} (the comparison), {@code runs.csv}
 * (every run), {@code chart-<dataset>.png} and {@code summary.md}, into one {@link OutputSet} (the caller adds its
 * run record and commits the set).
 */
public final class Report {
    private Report() {}

    /**
     * @param source   where the paper's numbers come from, e.g. "`expected-results/hrn_table1.csv` (HRN, NeurIPS 2020, Table 1)"
     * @param warnings lines printed in bold before the tables, e.g. that a data set is only a subset
     */
    public static <R extends Record> void write(OutputSet outputs, String title, String source, List<Comparison.Row> rows,
                                                Class<R> runType, List<R> runs, List<String> datasets,
                                                List<String> warnings, String yTitle) {
        outputs.write("summary.csv", RecordCsv.write(Comparison.Row.class, rows).getBytes(StandardCharsets.UTF_8));
        outputs.write("runs.csv", RecordCsv.write(runType, runs).getBytes(StandardCharsets.UTF_8));

        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        md.append("Source of the paper's numbers: ").append(source).append(". ");
        md.append("Verdict rule and tolerances: `expected-results/README.md`.\n\n");
        md.append("Verdicts: ");
        Map<Verdict, Long> counts = Comparison.counts(rows);
        counts.forEach((v, k) -> md.append(k).append(" ").append(v.label).append("; "));
        md.append("\n\n");
        warnings.forEach(w -> md.append("**").append(w).append("**\n\n"));
        md.append("Marks: ✓ within tolerance, ▼ below the paper, ▲ above, ✗ training diverged, · not comparable.\n\n");
        for (String d : datasets) {
            String png = "chart-" + d + ".png";
            outputs.write(png, Charts.oursVsPaper(title + " -- " + d, rows, d, yTitle));
            md.append("## ").append(d).append("\n\n").append(Comparison.paperLayout(rows, d)).append('\n');
            md.append("![").append(d).append("](").append(png).append(")\n\n");
        }
        md.append("## Every cell\n\n").append(Comparison.markdown(rows));
        outputs.write("summary.md", md.toString().getBytes(StandardCharsets.UTF_8));
    }
}
