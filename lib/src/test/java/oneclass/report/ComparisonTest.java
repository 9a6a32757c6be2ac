package oneclass.report;

import oneclass.report.Cells.Cell;
import oneclass.report.Comparison.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our cells against a small expected-results file, each verdict worked by hand:
 * <pre>
 *   cell              ours (std)    paper (±)    tol  diff   margin                  verdict
 *   mnist/0/HRN       99.0 (0)      99.5 (0.0)   1    −0.5   1                       WITHIN
 *   mnist/2/HRN       95.0 (0.2)    96.5 (0.1)   1    −1.5   1 + 2√0.05 = 1.447      BELOW
 *   mnist/3/HRN       95.0 (0)      90.0 (—)     1    +5.0   1                       ABOVE
 *   mnist/avg/HRN     97.0, 3 of 10 classes      97.59       −0.59                   NOT_COMPARABLE
 *   mnist/4/HRN-L2    not in the file                                               NO_PAPER_VALUE
 *   cifar10/0/HRN     60.0 (0)      77.3 (0.2)   2    −17.3  2.4   but a "subset"    NOT_COMPARABLE
 * </pre>
 */
class ComparisonTest {

    static ExpectedResults expected(Path dir) throws IOException {
        Path f = dir.resolve("expected.csv");
        Files.write(f, List.of(ExpectedResultsTest.HEADER,
                "mnist,0,HRN,99.5,0.0,1.0,t", "mnist,2,HRN,96.5,0.1,1.0,t", "mnist,3,HRN,90.0,,1.0,t",
                "mnist,avg,HRN,97.59,,1.0,t", "cifar10,0,HRN,77.3,0.2,2.0,t", "fmnist,0,HRN,92.7,0.0,1.0,t"));
        return ExpectedResults.load(f);
    }

    static final List<Cell> CELLS = List.of(
            new Cell("cifar10", "0", "HRN", 5, 1, 60.0, 0.0),
            new Cell("mnist", Cells.AVG, "HRN", 5, 3, 97.0, 0.1),
            new Cell("mnist", "4", "HRN-L2", 5, 1, 91.0, 0.3),
            new Cell("mnist", "3", "HRN", 5, 1, 95.0, 0.0),
            new Cell("mnist", "2", "HRN", 5, 1, 95.0, 0.2),
            new Cell("mnist", "0", "HRN", 5, 1, 99.0, 0.0));

    static String subsetOnCifar(Cell c) {
        return c.dataset().equals("cifar10") ? "CIFAR-10 subset" : null;
    }

    static Row row(List<Row> rows, String dataset, String cls, String method) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.cls().equals(cls) && r.method().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + dataset + "/" + cls + "/" + method));
    }

    @Test
    void verdictsByHand(@TempDir Path dir) throws IOException {
        List<Row> rows = Comparison.compare(CELLS, expected(dir), ComparisonTest::subsetOnCifar);
        assertEquals(6, rows.size());

        Row within = row(rows, "mnist", "0", "HRN");
        assertEquals(Verdict.WITHIN, within.verdict());
        assertEquals(-0.5, within.diff(), 0);
        assertEquals(1.0, within.margin(), 0);
        assertEquals(99.5, within.paper(), 0);
        assertEquals(0.0, within.paperStd(), 0);
        assertEquals("", within.note());

        Row below = row(rows, "mnist", "2", "HRN");
        assertEquals(Verdict.BELOW, below.verdict());
        assertEquals(-1.5, below.diff(), 0);
        assertEquals(1 + 2 * Math.sqrt(0.05), below.margin(), 1e-12);

        Row above = row(rows, "mnist", "3", "HRN");
        assertEquals(Verdict.ABOVE, above.verdict());
        assertEquals(5.0, above.diff(), 0);
        assertEquals(1.0, above.margin(), 0, "no ± printed: σ_paper = 0");
    }

    @Test
    void avgOverFewerThanTenClassesIsNotComparable(@TempDir Path dir) throws IOException {
        List<Row> rows = Comparison.compare(CELLS, expected(dir), c -> null);
        Row avg = row(rows, "mnist", Cells.AVG, "HRN");
        assertEquals(Verdict.NOT_COMPARABLE, avg.verdict());
        assertEquals("average over 3 of 10 classes", avg.note());
        assertEquals(97.59, avg.paper(), 0, "the paper's value is still shown");
        assertEquals(97.0 - 97.59, avg.diff(), 1e-12);

        // the same average over all 10 classes is judged: |97.0 − 97.59| = 0.59 ≤ 1 + 2·0.1
        List<Row> full = Comparison.compare(List.of(new Cell("mnist", Cells.AVG, "HRN", 5, 10, 97.0, 0.1)), expected(dir), c -> null);
        assertEquals(Verdict.WITHIN, full.get(0).verdict());
        assertEquals(1.2, full.get(0).margin(), 1e-12);
    }

    @Test
    void reasonFunctionMakesACellNotComparable(@TempDir Path dir) throws IOException {
        List<Row> rows = Comparison.compare(CELLS, expected(dir), ComparisonTest::subsetOnCifar);
        Row cifar = row(rows, "cifar10", "0", "HRN");
        assertEquals(Verdict.NOT_COMPARABLE, cifar.verdict(), "17 points below, but on a subset: not judged");
        assertEquals("CIFAR-10 subset", cifar.note());
        assertEquals(2 + 2 * 0.2, cifar.margin(), 1e-12);
        // without the reason the same cell fails
        List<Row> judged = Comparison.compare(CELLS, expected(dir), c -> null);
        assertEquals(Verdict.BELOW, row(judged, "cifar10", "0", "HRN").verdict());
    }

    @Test
    void cellMissingFromTheFileHasNoPaperValue(@TempDir Path dir) throws IOException {
        Row none = row(Comparison.compare(CELLS, expected(dir), c -> null), "mnist", "4", "HRN-L2");
        assertEquals(Verdict.NO_PAPER_VALUE, none.verdict());
        assertTrue(Double.isNaN(none.paper()));
        assertTrue(Double.isNaN(none.diff()));
        assertTrue(Double.isNaN(none.margin()));
        assertEquals(91.0, none.ours(), 0);
        assertEquals(0.3, none.oursStd(), 0);
    }

    @Test
    void anyFailsAndCounts(@TempDir Path dir) throws IOException {
        List<Row> rows = Comparison.compare(CELLS, expected(dir), ComparisonTest::subsetOnCifar);
        assertTrue(Comparison.anyFails(rows));
        assertEquals(Map.of(Verdict.WITHIN, 1L, Verdict.BELOW, 1L, Verdict.ABOVE, 1L, Verdict.NOT_COMPARABLE, 2L,
                Verdict.NO_PAPER_VALUE, 1L), Comparison.counts(rows));
        List<Row> passing = rows.stream().filter(r -> !r.verdict().fails()).toList();
        assertEquals(4, passing.size());
        assertFalse(Comparison.anyFails(passing));
        assertFalse(Comparison.anyFails(List.of()));
    }

    /** mnist, then fmnist, then cifar10; within a dataset by method, the classes in order and avg last. */
    @Test
    void rowsAreInTableOrder(@TempDir Path dir) throws IOException {
        List<Cell> cells = new java.util.ArrayList<>(CELLS);
        cells.add(new Cell("fmnist", "0", "HRN", 5, 1, 92.0, 0.0));
        List<Row> rows = Comparison.compare(cells, expected(dir), c -> null);
        assertEquals(List.of("mnist/0/HRN", "mnist/2/HRN", "mnist/3/HRN", "mnist/avg/HRN", "mnist/4/HRN-L2",
                        "fmnist/0/HRN", "cifar10/0/HRN"),
                rows.stream().map(r -> r.dataset() + "/" + r.cls() + "/" + r.method()).toList());
    }

    @Test
    void markdownAndTableShowEveryRow(@TempDir Path dir) throws IOException {
        List<Row> rows = Comparison.compare(CELLS, expected(dir), ComparisonTest::subsetOnCifar);
        String md = Comparison.markdown(rows);
        assertEquals(2 + rows.size(), md.lines().count(), "header, rule, one line per row");
        assertTrue(md.contains("| mnist | 2 | HRN | 5 | 95.00 ± 0.20 | 96.50 ± 0.10 | -1.50 | 1.45 | **BELOW paper** |"), md);
        assertTrue(md.contains("not comparable (CIFAR-10 subset)"), md);
        assertEquals(rows.size(), Comparison.table("t", rows).rowCount());
        assertEquals("97.00", Comparison.pm(97.0, Double.NaN));
        assertEquals("", Comparison.pm(Double.NaN, 1));
    }

    /**
     * The paper's layout: a row per class, per method "ours | paper | mark". HRN: class 0 within (✓),
     * the 10-class avg within (|97.00 − 97.59| = 0.59 ≤ 1 + 2·0.1); HRN-L2: class 0 has no paper value
     * (no mark), its avg cell is missing (blank columns).
     */
    /** A diverged run (NaN mean) has no difference: the console table leaves the cell empty rather than print 0. */
    @Test
    void theConsoleTableShowsNoDifferenceForADivergedRow() {
        Comparison.Row diverged = new Comparison.Row("mnist", "0", "HRN", 1, Double.NaN, Double.NaN, 99.4, 0.1, Double.NaN, 1.2,
                Verdict.DIVERGED, "training diverged in at least one run");
        tech.tablesaw.api.Table t = Comparison.table("t", List.of(diverged));
        assertTrue(t.doubleColumn("diff").isMissing(0), t.print());
        assertEquals(1.2, t.doubleColumn("margin").get(0), 0);
    }

    @Test
    void paperLayoutByHand(@TempDir Path dir) throws IOException {
        List<Cell> cells = List.of(new Cell("mnist", "0", "HRN", 5, 1, 99.0, 0.0), new Cell("mnist", "0", "HRN-L2", 5, 1, 91.0, 0.3),
                new Cell("mnist", Cells.AVG, "HRN", 5, 10, 97.0, 0.1), new Cell("fmnist", "0", "HRN", 5, 1, 92.0, 0.0));
        List<Row> rows = Comparison.compare(cells, expected(dir), c -> null);
        assertEquals("""
                | class | HRN ours | paper | | HRN-L2 ours | paper | |
                |---|---:|---:|:-:|---:|---:|:-:|
                | 0 | 99.00 ± 0.00 | 99.50 ± 0.00 | ✓ | 91.00 ± 0.30 |  |  |
                | avg | 97.00 ± 0.10 | 97.59 | ✓ | | | |
                """, Comparison.paperLayout(rows, "mnist"));
        assertEquals("▼", Comparison.mark(Verdict.BELOW));
        assertEquals("▲", Comparison.mark(Verdict.ABOVE));
        assertEquals("·", Comparison.mark(Verdict.NOT_COMPARABLE));
    }
}
