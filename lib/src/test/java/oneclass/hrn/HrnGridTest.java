package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.ToyDigits;
import oneclass.run.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The grid runner: one stored result per run, resume without retraining, refusal to mix settings, same numbers as a direct run. */
class HrnGridTest {
    @TempDir Path dir;

    static final DataSource.Split SPLIT = new DataSource.Split(Benchmark.MNIST, ToyDigits.of("toy-train", 40, 1), ToyDigits.of("toy-test", 20, 2),
            true, "toy", Map.of());

    static List<HrnGrid.Column> columns(int epochs) {
        return List.of(new HrnGrid.Column("HRN", b -> Protocol.PAPER.config(b, Method.HRN).withEpochs(epochs)));
    }

    List<HrnGrid.RunResult> run(int epochs, PrintStream out) {
        return HrnGrid.run(Protocol.PAPER, Map.of(Benchmark.MNIST, SPLIT), List.of(0, 1), columns(epochs), List.of(1L, 2L),
                false, 2, new ResultStore<>(dir, HrnGrid.RunResult.class), out);
    }

    @Test
    void storesEveryRunAndResumesWithoutRetraining() throws Exception {
        List<HrnGrid.RunResult> first = run(2, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(4, first.size());
        try (var files = Files.list(dir.resolve("runs"))) {
            assertEquals(List.of("mnist_c0_HRN_s1.csv", "mnist_c0_HRN_s2.csv", "mnist_c1_HRN_s1.csv", "mnist_c1_HRN_s2.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<HrnGrid.RunResult> again = run(2, new PrintStream(log));
        assertTrue(log.toString().startsWith("4 runs (4 already in"), log.toString());
        assertEquals(first, again, "resumed results are the stored ones, bit for bit");
    }

    @Test
    void refusesToMixRunsMadeWithOtherSettings() {
        run(2, new PrintStream(new ByteArrayOutputStream()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(3, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void aGridRunIsTheSameAsADirectRun() {
        HrnGrid.RunResult r = run(2, new PrintStream(new ByteArrayOutputStream())).stream()
                .filter(x -> x.cls() == 1 && x.seed() == 2).findFirst().orElseThrow();
        InstanceNorm2 norm = Protocol.PAPER.normalization(Benchmark.MNIST);
        HrnRun.Result direct = HrnRun.run(Protocol.PAPER.config(Benchmark.MNIST, Method.HRN).withEpochs(2),
                Inputs.matrix(SPLIT.train(), Protocol.PAPER.trainIndices(SPLIT.train(), 1), norm), Inputs.matrix(SPLIT.test(), norm),
                SPLIT.test().labels(), 1, 2, false, false, null);
        assertEquals(100 * direct.auc(), r.auc(), 0);
        assertEquals(direct.gradNorm(), r.gradNorm(), 0);
        assertEquals(40, r.nTrain());
        assertTrue(r.auc() > 90, "the toy classes are separable: AUC " + r.auc());
    }

    /** A baseline column runs in the same grid, on raw pixels, on the protocol's training rows, and separates the toy classes. */
    @Test
    void aBaselineColumnIsStoredLikeAnHrnRun() {
        var iforest = new oneclass.baseline.IsolationForestBaseline(50, 32, 0);
        List<HrnGrid.RunResult> runs = HrnGrid.run(Protocol.PAPER, Map.of(Benchmark.MNIST, SPLIT), List.of(0, 1),
                List.of(HrnGrid.Column.baseline(iforest)), List.of(1L), false, 1,
                new ResultStore<>(dir, HrnGrid.RunResult.class), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(2, runs.size());
        for (HrnGrid.RunResult r : runs) {
            assertEquals("iForest", r.method());
            assertEquals(40, r.nTrain(), "the whole class, as HRN's paper protocol");
            assertEquals(0, r.epochs());
            assertEquals(iforest.describe(), r.config());
            assertEquals(100.0, r.auc(), 1e-9, "the toy classes are separable: " + r);
        }
    }
}
