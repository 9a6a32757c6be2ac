package oneclass.report;

import oneclass.report.Cells.Cell;
import oneclass.report.Cells.Measurement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Aggregation of per-run numbers into cells, by hand. Measurements (mnist, HRN):
 * <pre>
 *            seed 1   seed 2   seed 3
 *   class 0    90       92       94
 *   class 1    80       86       —
 * </pre>
 * Class 0: mean 92, population std √((4 + 0 + 4)/3) = √(8/3) = 1.63299 (ddof 1 would give 2).
 * Class 1: mean 83, std √((9 + 9)/2) = 3.
 * avg: seed 3 misses class 1 and is left out; per seed the mean over classes, seed 1: 85, seed 2: 89;
 * then mean 87, std 2 over the two seeds. (Pooling all four class-0/1 values of seeds 1-2 instead would
 * give std √21 = 4.58; averaging the classes' stds, 2.3.)
 */
class CellsTest {

    static List<Measurement> example() {
        return List.of(
                new Measurement("mnist", "0", "HRN", 1, 90), new Measurement("mnist", "1", "HRN", 1, 80),
                new Measurement("mnist", "0", "HRN", 2, 92), new Measurement("mnist", "1", "HRN", 2, 86),
                new Measurement("mnist", "0", "HRN", 3, 94));
    }

    static Cell find(List<Cell> cells, String dataset, String cls, String method) {
        return cells.stream().filter(c -> c.dataset().equals(dataset) && c.cls().equals(cls) && c.method().equals(method))
                .reduce((a, b) -> { throw new AssertionError("two cells " + dataset + "/" + cls + "/" + method); })
                .orElseThrow(() -> new AssertionError("no cell " + dataset + "/" + cls + "/" + method));
    }

    @Test
    void classCellsAreMeanAndPopulationStd() {
        List<Cell> cells = Cells.aggregate(example());
        Cell c0 = find(cells, "mnist", "0", "HRN");
        assertEquals(3, c0.runs());
        assertEquals(1, c0.classes());
        assertEquals(92, c0.mean(), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), c0.std(), 1e-12);
        Cell c1 = find(cells, "mnist", "1", "HRN");
        assertEquals(2, c1.runs());
        assertEquals(83, c1.mean(), 1e-12);
        assertEquals(3, c1.std(), 1e-12);
    }

    @Test
    void avgIsPerSeedMeanThenAcrossSeedsExcludingIncompleteSeeds() {
        List<Cell> cells = Cells.aggregate(example());
        Cell avg = find(cells, "mnist", Cells.AVG, "HRN");
        assertEquals(2, avg.runs(), "seed 3 misses class 1");
        assertEquals(2, avg.classes());
        assertEquals(87, avg.mean(), 1e-12);
        assertEquals(2, avg.std(), 1e-12);
        assertEquals(3, cells.size(), "two class cells and one avg");
        assertEquals(Cells.AVG, cells.get(2).cls(), "avg rows come after the class cells");
    }

    /** One run per cell: std 0, not NaN. Methods and datasets are aggregated separately. */
    @Test
    void groupsByDatasetAndMethod() {
        List<Cell> cells = Cells.aggregate(List.of(
                new Measurement("mnist", "0", "HRN", 1, 99), new Measurement("mnist", "0", "HRN-L2", 1, 97),
                new Measurement("fmnist", "0", "HRN", 1, 92), new Measurement("fmnist", "1", "HRN", 1, 98)));
        assertEquals(99, find(cells, "mnist", "0", "HRN").mean(), 0);
        assertEquals(0, find(cells, "mnist", "0", "HRN").std(), 0);
        assertEquals(97, find(cells, "mnist", "0", "HRN-L2").mean(), 0);
        assertEquals(97, find(cells, "mnist", Cells.AVG, "HRN-L2").mean(), 0);
        Cell favg = find(cells, "fmnist", Cells.AVG, "HRN");
        assertEquals(95, favg.mean(), 0);
        assertEquals(0, favg.std(), 0);
        assertEquals(2, favg.classes());
        assertEquals(7, cells.size(), "4 class cells + 3 avg cells");
    }

    /** Seed 1 ran only class 0, seed 2 only class 1: no seed covers both, so there is no avg cell. */
    @Test
    void noAvgWhenNoSeedCoversEveryClass() {
        List<Cell> cells = Cells.aggregate(List.of(
                new Measurement("mnist", "0", "HRN", 1, 90), new Measurement("mnist", "1", "HRN", 2, 80)));
        assertEquals(2, cells.size());
        assertTrue(cells.stream().noneMatch(c -> c.cls().equals(Cells.AVG)));
        assertTrue(Cells.aggregate(List.of()).isEmpty());
    }
}
