package oneclass.ics;

import oneclass.report.ExpectedResults;
import oneclass.report.ExpectedResults.Expected;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** expected-results/ics_table1.csv: every cell of the ICS paper's Table 1, checked against the paper's text. */
class IcsExpectedResultsTest {
    static final Path CSV = Path.of("..", "expected-results", "ics_table1.csv");
    static final List<String> METHODS = List.of("OCSVM", "HOG", "IF", "SSIM", "DSVDD", "NaiveNN", "NNwDS", "Ours");

    @Test
    void hasEveryCellWithItsTolerance() {
        ExpectedResults e = ExpectedResults.load(CSV);
        assertEquals(3 * 10 * 8, e.all().size());
        for (String d : List.of("mnist", "fmnist", "cifar10"))
            for (int c = 0; c < 10; c++)
                for (String m : METHODS) {
                    Expected x = e.find(d, String.valueOf(c), m).orElseThrow(() -> new AssertionError(d + "/" + m));
                    assertEquals(d.equals("cifar10") ? 2.0 : 1.0, x.tolerance(), d + "/" + c + "/" + m);
                }
        // spot checks by eye from the paper: Digit 0 Ours 98.9 (±0.0); Truck DSVDD 73.1 (±1.2); Shirt Ours 78.3 (±0.6)
        assertEquals(98.9, e.find("mnist", "0", "Ours").orElseThrow().paperValue());
        assertEquals(1.2, e.find("cifar10", "9", "DSVDD").orElseThrow().paperStd());
        assertEquals(78.3, e.find("fmnist", "6", "Ours").orElseThrow().paperValue());
    }

    /** The 30 rows of the paper's Table 1, parsed here independently of the CSV, cell by cell. */
    @Test
    void everyCellMatchesThePaperText() throws IOException {
        Path paper = Path.of("..", "..", "shared", "papers", "ics-intra-class-splitting.txt");
        assumeTrue(Files.isRegularFile(paper), paper.toAbsolutePath() + " is absent: cell-by-cell check skipped");
        String text = Files.readString(paper);
        Matcher row = Pattern.compile("(?m)^([A-Za-z][A-Za-z -]*?\\w) ((?:\\d+\\.\\d \\(±\\d+\\.\\d\\) ?){8})$").matcher(text);
        ExpectedResults e = ExpectedResults.load(CSV);
        int rows = 0;
        while (row.find()) {
            String d = rows < 10 ? "mnist" : rows < 20 ? "fmnist" : "cifar10";
            Matcher cell = Pattern.compile("(\\d+\\.\\d) \\(±(\\d+\\.\\d)\\)").matcher(row.group(2));
            for (String m : METHODS) {
                assertTrue(cell.find());
                Expected x = e.find(d, String.valueOf(rows % 10), m).orElseThrow();
                assertEquals(Double.parseDouble(cell.group(1)), x.paperValue(), 0.0, row.group(1) + " " + m);
                assertEquals(Double.parseDouble(cell.group(2)), x.paperStd(), 0.0, row.group(1) + " " + m);
                assertTrue(x.source().contains(row.group(1)), x.source());
            }
            rows++;
        }
        assertEquals(30, rows);
    }
}
