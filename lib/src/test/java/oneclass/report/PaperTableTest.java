package oneclass.report;

import oneclass.run.Cli;
import oneclass.run.OutputSet;
import oneclass.run.RunRecord;
import oneclass.run.ScriptOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** The paper's table as a mixin: its default file in --help, --expected, and the one call that ends a table script. */
class PaperTableTest {
    @TempDir Path tmp;

    /** One run of a hand-made table: class 0 at 90 % against the paper's 99 ± 1 (BELOW), class 1 at 95 % against 95 (within). */
    record Run(String dataset, int cls, String method, long seed, double auc) {}

    static final List<Run> RUNS = List.of(new Run("mnist", 0, "HRN", 1, 90.0), new Run("mnist", 1, "HRN", 1, 95.0));

    @Command(name = "hrn_table1")
    static class Script implements Callable<Integer> {
        @Mixin ScriptOptions where;
        @Mixin PaperTable paper = new PaperTable("hrn_table1.csv", "HRN, NeurIPS 2020, Table 1");

        public Integer call() {
            List<Cells.Measurement> ms = RUNS.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.auc())).toList();
            List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(ms), paper.expected(), c -> null);
            return paper.report(where.out("paper"), "Hand-made table", rows, Run.class, RUNS, List.of("mnist"), List.of("a warning"),
                    where.record().put("protocol", "paper"));
        }
    }

    Path expectedCsv() throws Exception {
        Path csv = tmp.resolve("mine.csv");
        Files.writeString(csv, """
                dataset,class,method,paper_value,paper_std,tolerance,source
                mnist,0,HRN,99.0,,1.0,hand-made
                mnist,1,HRN,95.0,,1.0,hand-made
                """);
        return csv;
    }

    /** Runs the script with stdout captured; returns the exit status. */
    static int run(Script s, StringBuilder out, String... args) {
        PrintStream was = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return Cli.command(s).execute(args);
        } finally {
            System.setOut(was);
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void helpNamesTheBuiltInTable() {
        String help = new CommandLine(new Script()).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains("The paper's table (default: expected-results/hrn_table1.csv, built into the script"), help);
    }

    @Test
    void withoutExpectedTheBuiltInTableIsRead() {
        Script s = new Script();
        new CommandLine(s).parseArgs();
        assertEquals(Path.of("expected-results", "hrn_table1.csv"), s.paper.expected().file());
        assertTrue(s.paper.expected().find("mnist", "0", "HRN").isPresent());
    }

    @Test
    void reportPrintsWritesRecordsAndReturnsTheCheckStatus() throws Exception {
        Path csv = expectedCsv(), outDir = tmp.resolve("out");
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(new Script(), out, "--expected", csv.toString(), "--out", outDir.toString()), out.toString());
        assertTrue(out.toString().contains("Hand-made table"), out.toString());
        assertTrue(out.toString().contains("verdicts: {WITHIN=1, BELOW=1, NO_PAPER_VALUE=1}"), out.toString());
        for (String f : List.of("summary.csv", "summary.md", "runs.csv", "chart-mnist.png", "run-record.json"))
            assertTrue(Files.size(outDir.resolve(f)) > 0, f);
        assertTrue(OutputSet.verified(outDir).containsKey("run-record.json"), "the record is part of the committed output set");
        String md = Files.readString(outDir.resolve("summary.md"));
        assertTrue(md.contains("Source of the paper's numbers: `" + csv + "` (HRN, NeurIPS 2020, Table 1)"), md);
        assertTrue(md.contains("**a warning**"), md);
        Path record = outDir.resolve("run-record.json");
        assertEquals(csv.toString(), RunRecord.value(record, "expected").orElseThrow());
        assertEquals("{WITHIN=1, BELOW=1, NO_PAPER_VALUE=1}", RunRecord.value(record, "verdicts").orElseThrow());
        assertEquals("paper", RunRecord.value(record, "protocol").orElseThrow());
        assertEquals("--expected " + csv + " --out " + outDir, RunRecord.value(record, "args").orElseThrow());

        assertEquals(1, run(new Script(), new StringBuilder(), "--expected", csv.toString(), "--out", outDir.toString(), "--check"),
                "class 0 is BELOW the paper: --check fails");
    }

    @Test
    void averagesOnlyArePrintedWhenAsked() throws Exception {
        Script s = new Script();
        s.paper = new PaperTable("hrn_table1.csv", "HRN, NeurIPS 2020, Table 1").printingAveragesOnly();
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(s, out, "--expected", expectedCsv().toString(), "--out", tmp.resolve("avg").toString()));
        assertTrue(out.toString().contains(" avg "), out.toString());
        assertFalse(out.toString().contains("BELOW paper"), "the per-class rows are not printed: " + out);
        assertTrue(Files.readString(tmp.resolve("avg/summary.csv")).contains("BELOW"), "but they are written");
    }
}
