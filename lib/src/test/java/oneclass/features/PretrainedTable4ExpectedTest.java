package oneclass.features;

import oneclass.report.ExpectedResults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** expected-results/hrn_table4.csv, HRN Table 4 transcribed: four averages on CIFAR-10, checked against the paper's text. */
class PretrainedTable4ExpectedTest {
    static final Path TABLE4 = Path.of("..", "expected-results", "hrn_table4.csv");
    static final Path PAPER = Path.of("..", "..", "shared", "papers", "hrn-holistic-one-class-learning.txt");

    @Test
    void holdsTheFourPrintedAverages() {
        ExpectedResults t = ExpectedResults.load(TABLE4);
        assertEquals(4, t.all().size());
        assertEquals(96.6, t.find("cifar10", "avg", "HRN").orElseThrow().paperValue(), 0);
        assertEquals(64.8, t.find("cifar10", "avg", "OCGAN").orElseThrow().paperValue(), 0);
        assertEquals(86.6, t.find("cifar10", "avg", "ICS").orElseThrow().paperValue(), 0);
        assertEquals(53.5, t.find("cifar10", "avg", "TQM").orElseThrow().paperValue(), 0);
        for (ExpectedResults.Expected e : t.all()) {
            assertEquals(2.0, e.tolerance(), "the CIFAR-10 tolerance of expected-results/README.md");
            assertTrue(Double.isNaN(e.paperStd()), "Table 4 prints no ±");
            assertTrue(e.source().startsWith("HRN NeurIPS 2020, Table 4") && e.source().endsWith("column " + e.method()), e.source());
        }
    }

    @Test
    void matchesThePapersText() throws IOException {
        assumeTrue(Files.isRegularFile(PAPER), "the paper's text is absent (looked in " + PAPER.toAbsolutePath() + ")");
        List<String> lines = Files.readAllLines(PAPER);
        int header = lines.indexOf("Method OCGAN ICS TQM HRN");
        assertTrue(header > 0 && lines.get(header - 2).startsWith("Table 4: Average AUCs in % on CIFAR-10"), "Table 4 not found where expected");
        String[] printed = lines.get(header + 1).split(" ");
        String[] methods = lines.get(header).split(" ");
        assertEquals("AUC", printed[0]);
        ExpectedResults t = ExpectedResults.load(TABLE4);
        for (int i = 1; i < methods.length; i++)
            assertEquals(Double.parseDouble(printed[i]), t.find("cifar10", "avg", methods[i]).orElseThrow().paperValue(), 0, methods[i]);
    }
}
