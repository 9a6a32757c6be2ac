package oneclass.hcl;

import oneclass.report.ExpectedResults;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * expected-results/hrn_table7.csv, HRN Table 7 transcribed: 4 rows × 7 methods = 28 cells, each checked
 * against the paper's text where the development machines hold it (the row's seven numbers, in column order).
 */
class HclTable7ExpectedTest {
    static final Path TABLE7 = Path.of("..", "expected-results", "hrn_table7.csv");
    static final Path PAPER = Path.of("..", "..", "shared", "papers", "hrn-holistic-one-class-learning.txt");
    static final List<String> METHODS = List.of("EWC", "LwF", "IMM", "PGMA", "RPSnet", "OWM", "HCL");
    /** Our data-set name → the row's label in the paper. */
    static final Map<String, String> ROWS = Map.of("mnist", "MNIST (10 classes)", "emnist", "EMNIST-47 (47 classes)",
            "dbpedia", "DBPedia (14 classes)", "dbpedia-pfe", "DBPedia (14 tasks)");

    @Test
    void holdsEveryCellWithItsTolerance() {
        ExpectedResults t = ExpectedResults.load(TABLE7);
        assertEquals(28, t.all().size());
        for (ExpectedResults.Expected e : t.all()) {
            assertEquals("final", e.cls());
            assertEquals(e.dataset().equals("emnist") ? 2.0 : 1.0, e.tolerance(), e.source());
            assertTrue(Double.isNaN(e.paperStd()), e.source());
            assertTrue(e.source().startsWith("HRN NeurIPS 2020, Table 7, row " + ROWS.get(e.dataset())), e.source());
        }
        assertEquals(97.00, t.find("mnist", "final", "HCL").orElseThrow().paperValue(), 0);
        assertEquals(80.05, t.find("emnist", "final", "HCL").orElseThrow().paperValue(), 0);
        assertEquals(93.51, t.find("dbpedia", "final", "HCL").orElseThrow().paperValue(), 0);
        assertEquals(96.23, t.find("dbpedia-pfe", "final", "HCL").orElseThrow().paperValue(), 0);
    }

    @Test
    void everyRowMatchesThePapersText() throws Exception {
        assumeTrue(Files.isRegularFile(PAPER), PAPER.toAbsolutePath() + " is absent: transcription check skipped");
        String text = Files.readString(PAPER);
        String table = text.substring(text.indexOf("Table 7:"), text.indexOf("4.5 Continual Learning"));
        ExpectedResults t = ExpectedResults.load(TABLE7);
        for (var row : ROWS.entrySet()) {
            String line = table.lines().filter(l -> l.startsWith(row.getValue())).findFirst().orElseThrow();
            String[] numbers = line.substring(row.getValue().length()).trim().split("\\s+");
            assertEquals(8, numbers.length, line); // the PFE column (yes/no), then seven numbers
            for (int m = 0; m < METHODS.size(); m++)
                assertEquals(Double.parseDouble(numbers[m + 1]), t.find(row.getKey(), "final", METHODS.get(m)).orElseThrow().paperValue(), 0,
                        row.getKey() + " " + METHODS.get(m));
            assertTrue(t.find(row.getKey(), "final", "HCL").orElseThrow().source().contains("(w/o PFE: " + numbers[0] + ")"));
        }
    }
}
