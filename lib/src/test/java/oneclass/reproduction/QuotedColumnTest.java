package oneclass.reproduction;

import oneclass.hrn.HrnGrid;
import oneclass.ics.IcsGrid;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Verdict;
import oneclass.run.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HRN Table 1's ICS column, which HRN copied from ICS Table 1's Ours column, judged from our ics_table1 runs: a reader
 * composition over the ICS results folder, with no file copied into HRN's.
 */
class QuotedColumnTest {
    @TempDir Path results;
    static final Path EXPECTED = Path.of("..", "expected-results");
    final Section table1 = Sections.get("hrn_table1");

    static IcsGrid.RunResult ics(String method, String dataset, int cls, String protocol, double auc) {
        return new IcsGrid.RunResult(dataset, "full", cls, method, 10, protocol, 1, auc, 6000, 600, 10000, 1.0, "f00d", "cfg", null);
    }

    /** ICS Table 1's printed Ours value of an MNIST digit. */
    static double oursPrinted(int digit) {
        return ExpectedResults.load(EXPECTED.resolve("ics_table1.csv")).find("mnist", String.valueOf(digit), "Ours").orElseThrow().paperValue();
    }

    static Comparison.Row row(ReproductionReport.Evaluated e, String method, String cls) {
        return e.rows().stream().filter(r -> r.dataset().equals("mnist") && r.method().equals(method) && r.cls().equals(cls)).findFirst().orElseThrow();
    }

    /**
     * ten MNIST Ours runs at ICS's printed values, except digit 4 at 84.0 (printed 86.5 ± 1.3); and one NNwDS run, which is
     * not HRN's column
     */
    void storeIcsRuns(String protocol) {
        ResultStore<IcsGrid.RunResult> store = new ResultStore<>(results.resolve("ics_table1").resolve(protocol), IcsGrid.RunResult.class);
        for (int c = 0; c < 10; c++) store.put(ics("Ours", "mnist", c, protocol, c == 4 ? 84.0 : oursPrinted(c)));
        store.put(ics("NNwDS", "mnist", 0, protocol, 96.9));
    }

    @Test
    void anIcsRunFolderMadeByHandFillsHrnTable1sIcsColumn() throws Exception {
        storeIcsRuns("paper");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(table1, results, EXPECTED);
        assertNull(e.main(), "HRN itself has no runs");
        assertEquals(results.resolve("ics_table1/paper"), e.quoted().get("ICS").dir());
        assertEquals(10, e.quoted().get("ICS").runs(), "only the Ours runs");
        assertEquals(98.9, row(e, "ICS", "0").ours(), 1e-9);
        assertEquals(Verdict.WITHIN, row(e, "ICS", "0").verdict());
        // HRN prints ICS's values without their ±: digit 4's margin is the tolerance, 1.0, and 84.0 is 2.5 below 86.5
        assertEquals(Verdict.BELOW, row(e, "ICS", "4").verdict());
        assertEquals(1.0, row(e, "ICS", "4").margin(), 1e-9);
        // the average, which ICS does not print, is judged against HRN's 94.23: ours is 94.23 - 2.5/10
        assertEquals(94.23 - 0.25, row(e, "ICS", Cells.AVG).ours(), 1e-9);
        assertEquals(Verdict.WITHIN, row(e, "ICS", Cells.AVG).verdict());
        assertTrue(e.rows().stream().noneMatch(r -> r.method().equals("NNwDS")), "ICS's other columns stay in ICS Table 1");
        // counted columns: HRN, HRN-L2 (66 cells, not run) and ICS (11 judged, 22 not run); iForest, OCSVM, DAE, VAE, DAGMM, DSVDD
        // not run yet; ADGAN, OCGAN, TQM out of scope
        assertEquals(new ReproductionReport.Tally(10, 1, 0, 88, 198, 99), e.tally());
        ReproductionReport.NotRun fmnist = e.notRun().stream().filter(n -> n.method().equals("ICS") && n.dataset().equals("fmnist")).findFirst().orElseThrow();
        assertTrue(fmnist.why().startsWith("no fmnist runs in " + results.resolve("ics_table1/paper")), fmnist.why());
        assertTrue(fmnist.why().contains(SectionsTest.note("ics_table1", "fmnist")), "ICS Table 1's own reason: " + fmnist.why());

        // the same run of digit 4 is within ICS Table 1's margin, 1.0 + 2 · 1.3
        ReproductionReport.Evaluated ics = ReproductionReport.evaluate(Sections.get("ics_table1"), results, EXPECTED);
        assertEquals(Verdict.WITHIN, row(ics, "Ours", "4").verdict());

        String md = ReproductionReport.markdown(List.of(e), results, null, "p");
        assertTrue(md.contains("**No runs of its own**: no runs in `" + results.resolve("hrn_table1") + "/{paper,official-code}`"), md);
        assertTrue(md.contains("**Column ICS** is quoted from [ICS Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10]"
                + "(#ics-table-1-one-class-auc-per-class-on-mnist-fashion-mnist-cifar-10) and judged from our runs of it: `"
                + results.resolve("ics_table1/paper") + "` (10 runs)"), md);
        assertTrue(md.contains(Sections.COLUMNS.quoted("hrn_table1", "ICS")), "the note on where the protocols differ");
        assertTrue(md.contains("| ICS: `ics_table1/paper` |"), "the headline table names the folder judged: " + md);
        assertTrue(md.contains("| 4 | 84.00 ± 0.00 | 86.50 | ▼ |"), md);
        assertFalse(Files.exists(results.resolve("hrn_table1")), "nothing is copied into HRN's folder");
    }

    @Test
    void itReadsTheFolderIcsTable1JudgesAndAQuickRunIsNotComparable() {
        storeIcsRuns("paper-quick");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(table1, results, EXPECTED);
        assertEquals(results.resolve("ics_table1/paper-quick"), e.quoted().get("ICS").dir());
        assertEquals(Verdict.NOT_COMPARABLE, row(e, "ICS", "0").verdict());
        assertTrue(row(e, "ICS", "0").note().contains("quick mode"), row(e, "ICS", "0").note());
        assertEquals(new ReproductionReport.Tally(0, 0, 11, 88, 198, 99), e.tally());
        // the paper protocol's folder, when present, comes first, as in ICS Table 1's own section
        storeIcsRuns("paper");
        assertEquals(results.resolve("ics_table1/paper"), ReproductionReport.evaluate(table1, results, EXPECTED).quoted().get("ICS").dir());
    }

    @Test
    void withoutIcsRunsTheColumnIsNotRunYetAndSaysWhereItsRunsComeFrom() {
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(table1, results, EXPECTED);
        assertTrue(e.quoted().isEmpty());
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 66, 231, 99), e.tally());
        ReproductionReport.Unrun ics = e.unrun().stream().filter(u -> u.method().equals("ICS")).findFirst().orElseThrow();
        assertEquals(new ReproductionReport.Unrun("ICS", 33, null, "ics_table1"), ics);
        String md = ReproductionReport.markdown(List.of(e), results, null, "p");
        assertTrue(md.contains("ICS (33 cells; quoted from `ics_table1`, whose runs fill it: none in `" + results.resolve("ics_table1")
                + "/{paper,official-code,paper-quick,official-code-quick}`, `make ics-table1` runs them)"), md);
        // a folder of ICS runs without Ours runs fills nothing
        new ResultStore<>(results.resolve("ics_table1/paper"), IcsGrid.RunResult.class).put(ics("SSIM", "mnist", 0, "paper", 98.7));
        assertTrue(ReproductionReport.evaluate(table1, results, EXPECTED).quoted().isEmpty());
    }

    /**
     * The premise of the composition: HRN's ICS and DSVDD columns are ICS Table 1's Ours and DSVDD columns as printed, and
     * their averages are their means.
     */
    @Test
    void hrnTable1sIcsAndDsvddColumnsAreIcsTable1sAsPrinted() {
        ExpectedResults hrn = ExpectedResults.load(EXPECTED.resolve("hrn_table1.csv")), ics = ExpectedResults.load(EXPECTED.resolve("ics_table1.csv"));
        for (String[] column : List.of(new String[] {"ICS", "Ours"}, new String[] {"DSVDD", "DSVDD"}))
            for (String d : List.of("mnist", "fmnist", "cifar10")) {
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    double printed = ics.find(d, String.valueOf(c), column[1]).orElseThrow().paperValue();
                    assertEquals(printed, hrn.find(d, String.valueOf(c), column[0]).orElseThrow().paperValue(), 0, column[0] + " " + d + " class " + c);
                    sum += printed;
                }
                assertEquals(sum / 10, hrn.find(d, Cells.AVG, column[0]).orElseThrow().paperValue(), 0.005, column[0] + " " + d + " average");
            }
    }

    /** HRN Table 1's DSVDD column from ics_table1's DSVDD runs; hrn_table1's own DSVDD runs, where there are some, come first. */
    @Test
    void icsTable1sDsvddRunsFillHrnTable1sDsvddColumnUnlessHrnTable1HasItsOwn() {
        ResultStore<IcsGrid.RunResult> store = new ResultStore<>(results.resolve("ics_table1/paper"), IcsGrid.RunResult.class);
        store.put(ics("DSVDD", "mnist", 0, "paper", 97.5)); // printed 98.0 ± 0.7: within ICS's margin (1.0 + 2 · 0.7), within HRN's (1.0)
        store.put(ics("DSVDD", "mnist", 2, "paper", 89.4)); // printed 91.7 ± 0.8: within ICS's (2.6), below HRN's (1.0)
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(table1, results, EXPECTED);
        assertEquals(results.resolve("ics_table1/paper"), e.quoted().get("DSVDD").dir());
        assertFalse(e.quoted().containsKey("ICS"), "no Ours runs, no ICS column");
        assertEquals(Verdict.WITHIN, row(e, "DSVDD", "0").verdict());
        assertEquals(Verdict.BELOW, row(e, "DSVDD", "2").verdict());
        assertEquals(1.0, row(e, "DSVDD", "2").margin(), 1e-9);
        assertEquals(Verdict.NOT_COMPARABLE, row(e, "DSVDD", Cells.AVG).verdict(), "an average over 2 of 10 digits");
        ReproductionReport.Evaluated ics = ReproductionReport.evaluate(Sections.get("ics_table1"), results, EXPECTED);
        assertEquals(Verdict.WITHIN, row(ics, "DSVDD", "2").verdict());
        assertTrue(ReproductionReport.markdown(List.of(e), results, null, "p").contains(Sections.COLUMNS.quoted("hrn_table1", "DSVDD")));

        // a DSVDD run of hrn_table1's own: its column is judged from it, and ICS Table 1's runs stay out of it
        new ResultStore<>(results.resolve("hrn_table1/paper"), HrnGrid.RunResult.class).put(ColumnNotesTest.hrn("DSVDD", 2, 91.5));
        e = ReproductionReport.evaluate(table1, results, EXPECTED);
        assertFalse(e.quoted().containsKey("DSVDD"));
        assertEquals(Verdict.WITHIN, row(e, "DSVDD", "2").verdict());
        assertEquals(91.5, row(e, "DSVDD", "2").ours(), 1e-9);
        assertTrue(e.rows().stream().noneMatch(r -> r.method().equals("DSVDD") && r.cls().equals("0")), "ICS Table 1's digit-0 run is not HRN's");
    }
}
