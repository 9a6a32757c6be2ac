package oneclass.report;

import oneclass.report.ExpectedResults.Expected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The expected-results file of HRN Table 1 as loaded, spot-checked against the paper's printed table and
 * (where the paper's text is at hand) checked cell by cell against an independent parse of that table;
 * and the loader's errors on malformed files, each naming the file and line.
 */
class ExpectedResultsTest {
    /** Maven runs tests in lib/: the repository's expected-results/ is one level up. */
    static final Path TABLE1 = Path.of("..", "expected-results", "hrn_table1.csv");
    static final List<String> METHODS = List.of("OCSVM", "iForest", "DAE", "VAE", "DAGMM", "ADGAN", "OCGAN", "DSVDD",
            "ICS", "TQM", "HRN-L2", "HRN");
    static final List<String> ROWS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "avg");
    static final String HEADER = "dataset,class,method,paper_value,paper_std,tolerance,source";

    static Expected cell(ExpectedResults r, String dataset, String cls, String method) {
        return r.find(dataset, cls, method).orElseThrow(() -> new AssertionError("no cell " + dataset + "/" + cls + "/" + method));
    }

    @Test
    void table1HasEveryCell() {
        ExpectedResults r = ExpectedResults.load(TABLE1);
        assertEquals(396, r.all().size(), "3 datasets × 11 rows × 12 methods");
        for (String d : List.of("mnist", "fmnist", "cifar10"))
            for (String row : ROWS)
                for (String m : METHODS) assertTrue(r.find(d, row, m).isPresent(), d + "/" + row + "/" + m);
        assertEquals(Set.of("mnist", "fmnist", "cifar10"), r.all().stream().map(Expected::dataset).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(METHODS), r.all().stream().map(Expected::method).collect(Collectors.toSet()));
        assertEquals(TABLE1, r.file());
    }

    /** Cells read off the paper's Table 1 by hand (HRN NeurIPS 2020, p. 7). */
    @Test
    void spotChecksAgainstThePaper() {
        ExpectedResults r = ExpectedResults.load(TABLE1);
        Expected mnist2 = cell(r, "mnist", "2", "HRN"); // "96.5±0.1"
        assertEquals(96.5, mnist2.paperValue(), 0);
        assertEquals(0.1, mnist2.paperStd(), 0);
        assertEquals(1.0, mnist2.tolerance(), 0);
        assertEquals("HRN NeurIPS 2020, Table 1, mnist row 2, column HRN", mnist2.source());

        Expected cifarAvg = cell(r, "cifar10", "avg", "HRN"); // "71.32", no ± on average rows
        assertEquals(71.32, cifarAvg.paperValue(), 0);
        assertTrue(Double.isNaN(cifarAvg.paperStd()), "no ± printed → NaN");
        assertEquals(2.0, cifarAvg.tolerance(), 0, "CIFAR-10's tolerance is 2 points");

        assertEquals(84.4, cell(r, "fmnist", "6", "TQM").paperValue(), 0);
        assertTrue(Double.isNaN(cell(r, "fmnist", "6", "TQM").paperStd()), "baselines have no ±");
        assertEquals(69.9, cell(r, "cifar10", "1", "HRN").paperValue(), 0);   // "69.9±1.3"
        assertEquals(1.3, cell(r, "cifar10", "1", "HRN").paperStd(), 0);
        assertEquals(0.0, cell(r, "mnist", "0", "HRN").paperStd(), 0);        // "99.5±0.0": a printed zero is 0, not NaN
        assertEquals(97.50, cell(r, "mnist", "avg", "OCGAN").paperValue(), 0);
        assertEquals(51.8, cell(r, "fmnist", "avg", "DAGMM").paperValue(), 0); // kept as printed (mean of classes: 51.77)
        assertEquals(40.7, cell(r, "cifar10", "0", "TQM").paperValue(), 0);
        assertEquals(91.37, cell(r, "mnist", "avg", "HRN-L2").paperValue(), 0);
        assertTrue(r.find("mnist", "10", "HRN").isEmpty());
        assertTrue(r.find("mnist", "0", "hrn").isEmpty(), "method names are exact");
    }

    /**
     * Every one of the 396 cells against the table as it appears in the paper's text
     * (the development machines' copy of its text), parsed here independently of the CSV.
     * Skipped where that text is absent.
     */
    @Test
    void everyCellMatchesThePaperText() throws IOException {
        Path paper = Path.of("..", "..", "shared", "papers", "hrn-holistic-one-class-learning.txt");
        assumeTrue(Files.isRegularFile(paper), paper.toAbsolutePath() + " is absent: cell-by-cell check skipped");
        List<String> lines = Files.readAllLines(paper);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("Class OCSVM iForest")) { start = i; break; }
        assertTrue(start >= 0, "Table 1's header line not found in " + paper);
        Map<String, String> datasetOf = Map.of("MNIST", "mnist", "fMNIST", "fmnist", "CIFAR-10", "cifar10");
        ExpectedResults r = ExpectedResults.load(TABLE1);
        String dataset = null;
        int checked = 0;
        for (int i = start + 1; i < lines.size() && checked < 396; i++) {
            String line = lines.get(i).trim();
            if (datasetOf.containsKey(line)) { dataset = datasetOf.get(line); continue; }
            String[] t = line.split("\\s+");
            if (dataset == null || t.length != 13 || !(t[0].matches("\\d") || t[0].equals("Avg"))) continue;
            String row = t[0].equals("Avg") ? "avg" : t[0];
            for (int k = 0; k < 12; k++) {
                String[] vs = t[k + 1].split("±");
                Expected e = cell(r, dataset, row, METHODS.get(k));
                String where = dataset + "/" + row + "/" + METHODS.get(k) + " (paper: " + t[k + 1] + ")";
                assertEquals(Double.parseDouble(vs[0]), e.paperValue(), 0, where);
                if (vs.length == 2) assertEquals(Double.parseDouble(vs[1]), e.paperStd(), 0, where);
                else assertTrue(Double.isNaN(e.paperStd()), where);
                checked++;
            }
        }
        assertEquals(396, checked, "cells found in the paper's text");
    }

    private static Path write(Path dir, String... lines) throws IOException {
        Path f = dir.resolve("table.csv");
        Files.write(f, List.of(lines));
        return f;
    }

    private static void assertRejected(Path f, String lineRef, String detail) {
        var e = assertThrows(IllegalArgumentException.class, () -> ExpectedResults.load(f));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        if (lineRef != null) assertTrue(e.getMessage().contains(lineRef), "names " + lineRef + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(detail), "says '" + detail + "': " + e.getMessage());
    }

    @Test
    void aSmallWellFormedFileLoads(@TempDir Path dir) throws IOException {
        Path f = write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0,\"Table 1, row 0\"", "", "mnist,avg,HRN,97.59,,1.0,src");
        ExpectedResults r = ExpectedResults.load(f);
        assertEquals(2, r.all().size(), "the blank line is skipped");
        assertEquals("Table 1, row 0", cell(r, "mnist", "0", "HRN").source(), "a quoted comma stays in the field");
        assertTrue(Double.isNaN(cell(r, "mnist", "avg", "HRN").paperStd()));
    }

    @Test
    void wrongHeaderIsRejected(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, "dataset,class,method,value,std,tolerance,source", "mnist,0,HRN,99.5,0.0,1.0,x"),
                null, "the first line must be the header " + HEADER);
        assertRejected(write(dir), null, "header");
    }

    @Test
    void nonNumericValueIsRejected(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0,x", "mnist,1,HRN,99.9x,0.0,1.0,x"),
                "line 3", "paper_value '99.9x' is not a number");
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,,x"), "line 2", "tolerance '' is not a number");
    }

    @Test
    void duplicateCellIsRejected(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0,x", "mnist,1,HRN,99.9,0.0,1.0,x", "mnist,0,HRN,99.4,,1.0,y"),
                "line 4", "duplicate cell mnist/0/HRN");
    }

    @Test
    void wrongFieldCountIsRejected(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0"), "line 2", "6 fields, expected 7");
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0,a,b"), "line 2", "8 fields, expected 7");
    }

    /** Values are percentages: 9950 (a lost decimal point), a negative ± or tolerance is refused, naming the column. */
    @Test
    void valuesOutsideAPercentageAreRejected(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,-1,x"), "line 2", "tolerance -1 is outside [0, 100]");
        assertRejected(write(dir, HEADER, "mnist,0,HRN,9950,0.0,1.0,x"), "line 2", "paper_value 9950 is outside [0, 100]");
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,-0.1,1.0,x"), "line 2", "paper_std -0.1 is outside [0, 100]");
    }

    /** An unclosed quote (it would swallow the rest of the file) is named with the file and the line where the parser stopped. */
    @Test
    void anUnclosedQuoteNamesTheFile(@TempDir Path dir) throws IOException {
        assertRejected(write(dir, HEADER, "mnist,0,HRN,99.5,0.0,1.0,\"Table 1", "mnist,1,HRN,99.5,0.0,1.0,x"), "line", "quote");
    }

    /** Without --expected a script reads the copy built into it (JBang //FILES; here the class path): the same cells as the file. */
    @Test
    void theBuiltInCopyIsTheCommittedFile() {
        ExpectedResults built = ExpectedResults.of(null, "hrn_table1.csv");
        assertEquals(Path.of("expected-results", "hrn_table1.csv"), built.file());
        assertEquals(List.copyOf(ExpectedResults.load(Path.of("..", "expected-results", "hrn_table1.csv")).all()), List.copyOf(built.all()));
        var e = assertThrows(IllegalArgumentException.class, () -> ExpectedResults.of(Path.of("nope.csv"), "hrn_table1.csv"));
        assertTrue(e.getMessage().startsWith("--expected: ") && e.getMessage().endsWith("nope.csv not found"), e.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.csv");
        var e = assertThrows(UncheckedIOException.class, () -> ExpectedResults.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
