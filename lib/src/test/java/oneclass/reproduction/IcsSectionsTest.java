package oneclass.reproduction;

import oneclass.ics.IcsGrid;
import oneclass.ics.IcsResults;
import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.report.Verdict;
import oneclass.run.OutputSet;
import oneclass.run.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The readers of the ICS sections (Table 1, Fig. 4, the split): stored runs back into the report's cells, counted as the report counts them. */
class IcsSectionsTest {
    @TempDir Path results;
    static final Path EXPECTED = Path.of("..", "expected-results");

    static IcsGrid.RunResult run(String method, int cls, double rho, long seed, double auc) {
        return new IcsGrid.RunResult("mnist", "full", cls, method, rho, "paper", seed, auc, 100, 10, 1000, 1.0, "f00d", "cfg", null);
    }

    void store(String section, String protocol, List<IcsGrid.RunResult> runs) {
        ResultStore<IcsGrid.RunResult> s = new ResultStore<>(results.resolve(section).resolve(protocol), IcsGrid.RunResult.class);
        runs.forEach(s::put);
    }

    @Test
    void table1CountsOurFourColumnsAndLeavesThePapersBaselinesApart() {
        // paper, MNIST: Ours digit 0 = 98.9 ± 0.0, digit 1 = 99.8 ± 0.1; SSIM digit 0 = 98.7
        store("ics_table1", "paper", List.of(run("Ours", 0, 10, 1, 98.5), run("Ours", 0, 10, 2, 99.1), run("Ours", 1, 10, 1, 90.0),
                run("SSIM", 0, 0, 1, 97.0)));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_table1"), results, EXPECTED);
        assertEquals("paper", e.protocol());
        assertEquals(4, e.main().runs());
        Comparison.Row c0 = e.rows().stream().filter(r -> r.method().equals("Ours") && r.cls().equals("0")).findFirst().orElseThrow();
        assertEquals(98.8, c0.ours(), 1e-9);
        assertEquals(Verdict.WITHIN, c0.verdict());
        // 240 published cells: 120 in our four columns (3 judged, 117 not run), 120 in the paper's baselines (OCSVM, HOG, IF, DSVDD)
        assertEquals(new ReproductionReport.Tally(1, 2, 0, 117, 120, 0), e.tally());
        assertTrue(e.notRun().stream().anyMatch(n -> n.dataset().equals("fmnist") && n.why().contains(SectionsTest.note("ics_table1", "fmnist"))));
        assertTrue(e.notRun().stream().anyMatch(n -> n.dataset().equals("cifar10") && n.why().contains(SectionsTest.note("ics_table1", "cifar10"))));
        assertEquals(List.of("mnist"), List.copyOf(Notebook.charts(e).keySet()));
    }

    @Test
    void table1JudgesTheBaselineColumnsThatHaveRuns() {
        // paper, MNIST digit 0: OCSVM 98.2 ± 0.0, IF 96.2 ± 0.3, HOG 87.3 ± 0.0 (tolerance 1.0; margin 1.0 + 2·σ)
        store("ics_table1", "paper", List.of(run("OCSVM", 0, 0, 1, 98.22), run("IF", 0, 0, 1, 97.12), run("HOG", 0, 0, 1, 94.14)));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_table1"), results, EXPECTED);
        Comparison.Row hog = e.rows().stream().filter(r -> r.method().equals("HOG") && r.cls().equals("0")).findFirst().orElseThrow();
        assertEquals(Verdict.ABOVE, hog.verdict());
        // OCSVM, IF within, HOG above; not run: our four columns' 120 and the three run baselines' other 87; DSVDD's 30 stay apart
        assertEquals(new ReproductionReport.Tally(2, 1, 0, 207, 30, 0), e.tally());
    }

    @Test
    void table1InQuickModeIsNotComparable() {
        store("ics_table1", "paper-quick", List.of(run("Ours", 0, 10, 1, 98.9)));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_table1"), results, EXPECTED);
        assertEquals("paper-quick", e.protocol());
        assertEquals(new ReproductionReport.Tally(0, 0, 1, 119, 120, 0), e.tally());
        assertTrue(e.rows().get(0).note().contains("quick mode"), e.rows().get(0).note());
    }

    @Test
    void rhoCurveAveragesOverClassesPerRho() {
        store("ics_rho", "paper", List.of(run("Ours", 0, 5, 1, 90), run("Ours", 1, 5, 1, 80), run("Ours", 0, 50, 1, 70), run("Ours", 1, 50, 1, 60)));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_rho"), results, EXPECTED);
        Comparison.Row avg5 = e.rows().stream().filter(r -> r.method().equals("rho=5") && r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertEquals(85.0, avg5.ours(), 1e-9);
        Comparison.Row avg50 = e.rows().stream().filter(r -> r.method().equals("rho=50") && r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertEquals(65.0, avg50.ours(), 1e-9);
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 0, 0, 0), e.tally()); // the paper prints no point of the curve
        assertEquals(List.of("mnist"), List.copyOf(Notebook.charts(e).keySet()));
    }

    static IcsGrid.RunResult timed(String method, int cls, long seed, double auc, double seconds) {
        return new IcsGrid.RunResult("mnist", "full", cls, method, method.equals("SSIM") ? 0 : 10, "paper", seed, auc, 100, 10, 1000, seconds,
                "f00d", "cfg", null);
    }

    @Test
    void widthCurveAveragesOursOverClassesAndAddsTheSplitsTimeToItsMinutes() {
        store("ics_width", "paper/w4", List.of(timed("Ours", 0, 1, 90, 60), timed("SSIM", 0, 1, 80, 120), timed("Ours", 2, 1, 70, 120),
                timed("SSIM", 2, 1, 60, 240)));
        store("ics_width", "paper/w16", List.of(timed("Ours", 0, 1, 95, 600), timed("SSIM", 0, 1, 85, 600), timed("Ours", 2, 1, 85, 300)));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_width"), results, EXPECTED);
        assertEquals("paper", e.protocol());
        assertEquals(4, e.main().runs()); // Ours' runs at both widths
        java.util.function.Function<String, Comparison.Row> avg = m -> e.rows().stream()
                .filter(r -> r.method().equals(m) && r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertEquals(80.0, avg.apply("width=4").ours(), 1e-9);
        assertEquals(90.0, avg.apply("width=16").ours(), 1e-9);
        assertEquals(4.5, avg.apply("minutes@width=4").ours(), 1e-9);      // (1 + 2) and (2 + 4) minutes
        assertTrue(e.rows().stream().noneMatch(r -> r.method().equals("minutes@width=16") && r.cls().equals("2"))); // no split time, no minutes
        assertEquals(List.of("width=4", "width=16"), Comparison.sweep(e.rows(), "mnist", "width=").stream().map(Comparison.Row::method).toList());
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 0, 0, 0), e.tally()); // the paper gives no width: nothing judged
        assertEquals(List.of("mnist-AUC", "mnist-minutes"), List.copyOf(Notebook.charts(e).keySet()));
    }

    @Test
    void splitSummaryAndItsPicturesAreRead() throws Exception {
        Path dir = results.resolve("ics_split").resolve("from-table1");
        OutputSet set = OutputSet.begin(dir);
        set.write("summary.csv", (IcsResults.SPLIT_HEADER + "\nmnist,0,1,5923,592,0.6560,0.4170,0.5000,97.98,100\n"
                + "mnist,1,1,6742,674,0.8000,0.6000,0.7000,99.42,100\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        set.write("split-mnist_c0_s1.png", Charts.curve("t", "x", "y", new double[] {1, 2}, new double[] {1, 2}, new double[] {0, 0}, 1));
        set.commit();
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("ics_split"), results, EXPECTED);
        assertEquals("from-table1", e.protocol());
        assertEquals(2, e.main().runs());
        Comparison.Row t = e.rows().stream().filter(r -> r.method().equals(IcsResults.SSIM_TYPICAL) && r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertEquals(72.8, t.ours(), 1e-9);
        assertEquals(List.of("mnist_c0_s1"), List.copyOf(Notebook.charts(e).keySet()));
        assertTrue(Notebook.markdown(e).contains("| 0 | 41.70 ± 0.00 |"), Notebook.markdown(e));
        // a summary changed after its set was written is named, skipped and counted in the report's headline
        Files.writeString(dir.resolve("summary.csv"), "dataset,cls\nmnist,0\n");
        ReproductionReport.Evaluated damaged = ReproductionReport.evaluate(Sections.get("ics_split"), results, EXPECTED);
        assertEquals(List.of(dir.resolve("summary.csv") + " is damaged"), damaged.damaged().stream().map(d -> d.substring(0, d.indexOf(" is damaged") + 11)).toList());
        assertTrue(ReproductionReport.headline(List.of(damaged)).contains("**1 damaged result file was skipped**"), ReproductionReport.headline(List.of(damaged)));
        // a set written whole but with the wrong columns is an error naming the file
        OutputSet wrong = OutputSet.begin(dir);
        wrong.write("summary.csv", "dataset,cls\nmnist,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        wrong.commit();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> ReproductionReport.evaluate(Sections.get("ics_split"), results, EXPECTED));
        assertTrue(x.getMessage().contains("summary.csv"), x.getMessage());
    }
}
