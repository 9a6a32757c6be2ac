package oneclass.report;

import oneclass.run.OutputSet;
import oneclass.run.RunRecord;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The paper's table a script reproduces, as a picocli mixin: where its numbers are ({@code --expected}, by default the
 * copy of {@code expected-results/<table>} built into the script), whether a miss fails the run ({@code --check}), and
 * the one call that ends every table script ({@link #report}): print the comparison and the verdict counts, write
 * {@code summary.*}, {@code runs.csv} and the charts ({@link Report}) with the run record, and return the exit status.
 *
 * <pre>{@code @Mixin PaperTable paper = new PaperTable("hrn_table3.csv", "HRN, NeurIPS 2020, Table 3");}</pre>
 */
public final class PaperTable {
    @Spec(Spec.Target.MIXEE) CommandSpec script;

    @Option(names = "--expected", paramLabel = "CSV",
            description = "The paper's table (default: ${DEFAULT-VALUE}, built into the script, so it runs from any folder).")
    Path expectedFile;

    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.")
    boolean check;

    private final String table, source;
    private Predicate<Comparison.Row> printed = r -> true;
    private String valueTitle = "AUC %";
    private ExpectedResults expected;

    /**
     * @param table  the file in {@code expected-results/}, e.g. {@code hrn_table3.csv} (the script's {@code //FILES} line builds it in)
     * @param source the table in the paper, e.g. "HRN, NeurIPS 2020, Table 3", named in {@code summary.md}
     */
    public PaperTable(String table, String source) {
        this.table = table;
        this.source = source;
        this.expectedFile = Path.of("expected-results", table); // what --help shows as the default; expected() reads the built-in copy
    }

    /** Prints only the rows averaged over classes (the paper's table has no per-class rows); every row is still written. */
    public PaperTable printingAveragesOnly() {
        printed = r -> r.cls().equals(Cells.AVG);
        return this;
    }

    /** What the table's values are, for the charts' y axis (default: "AUC %"), e.g. "accuracy %". */
    public PaperTable values(String title) {
        valueTitle = title;
        return this;
    }

    /** The paper's numbers: the {@code --expected} file when given, else the built-in table; read once. */
    public ExpectedResults expected() {
        if (expected == null) {
            boolean given = script != null && script.commandLine().getParseResult() != null
                    && script.commandLine().getParseResult().hasMatchedOption("--expected");
            expected = ExpectedResults.of(given ? expectedFile : null, table);
        }
        return expected;
    }

    /**
     * Prints the comparison ({@code title}, then the verdict counts), writes {@code summary.csv}, {@code runs.csv},
     * {@code chart-<dataset>.png}, {@code summary.md} and {@code run-record.json} (with the expected file and the
     * verdicts added) into {@code outDir} as one output set, and returns the exit status: 1 under {@code --check} when a
     * comparable cell falls outside its tolerance, else 0.
     *
     * @param rows     the comparison, e.g. {@code Comparison.compare(cells, paper.expected(), note)}
     * @param runs     every run behind the rows, of type {@code runType} (written as runs.csv)
     * @param datasets the data sets that get a chart and a section in summary.md, in order
     * @param warnings lines printed in bold before the tables, e.g. that a data set is only a subset
     * @param record   the script's run record ({@code ScriptOptions.record()} with its configs and data provenance)
     */
    public <R extends Record> int report(Path outDir, String title, List<Comparison.Row> rows, Class<R> runType, List<R> runs,
                                         List<String> datasets, List<String> warnings, RunRecord record) {
        return report(outDir, title, rows, runType, runs, datasets, warnings, record, outputs -> {});
    }

    /** As above; {@code more} writes the script's own further files into the same output set before it is committed. */
    public <R extends Record> int report(Path outDir, String title, List<Comparison.Row> rows, Class<R> runType, List<R> runs,
                                         List<String> datasets, List<String> warnings, RunRecord record, Consumer<OutputSet> more) {
        System.out.println();
        System.out.println(Comparison.table(title, rows.stream().filter(printed).toList()).printAll());
        Map<Verdict, Long> counts = Comparison.counts(rows);
        System.out.println("verdicts: " + counts);

        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected().file() + "` (" + source + ")", rows, runType, runs, datasets, warnings, valueTitle);
        more.accept(outputs);
        record.put("expected", expected().file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-*.png, run-record.json");
        return check && Comparison.anyFails(rows) ? 1 : 0;
    }
}
