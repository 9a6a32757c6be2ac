package oneclass.ics;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.ToyDigits;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ICS grids in shards (ics_table1 and ics_rho --shard K/N): two shards writing into one folder, then the whole grid
 * read back, give the same runs and the same table as one process; a shard trains only its (data set, class, seed) groups.
 */
class IcsShardTest {
    @TempDir Path dir;

    static final DataSource.Split SPLIT = new DataSource.Split(Benchmark.MNIST, ToyDigits.of("toy-train", 20, 1), ToyDigits.of("toy-test", 10, 2), true, "toy", Map.of());

    List<IcsGrid.RunResult> run(Path out, Shard shard, PrintStream log) {
        return IcsGrid.run(IcsProtocol.PAPER, Map.of(Benchmark.MNIST, SPLIT), List.of(0, 1), List.of(IcsMethod.ICS, IcsMethod.SSIM), List.of(),
                List.of(10.0), List.of(1L, 2L), b -> IcsProtocol.PAPER.config(b, 4).withEpochs(1, 1), 1, shard,
                new ResultStore<>(out, IcsGrid.RunResult.class), log);
    }

    static List<String> numbers(List<IcsGrid.RunResult> runs) {
        return runs.stream().map(r -> r.key() + " " + r.auc() + " " + r.nAtypical() + " " + r.fingerprint()).sorted().toList();
    }

    @Test
    void shardsMergeIntoTheSameTableAsOneProcess() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<IcsGrid.RunResult> one = run(dir.resolve("one"), Shard.ALL, quiet);
        assertEquals(8, one.size()); // 2 classes x 2 seeds x (ICS, SSIM)

        Path shared = dir.resolve("sharded");
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        List<IcsGrid.RunResult> second = run(shared, new Shard(2, 2), new PrintStream(log2));
        // groups in order: (c0,s1) (c0,s2) (c1,s1) (c1,s2); shard 2/2 owns positions 1 and 3: seed 2 of each class
        assertEquals(List.of("mnist_c0_Ours_rho10_s2", "mnist_c0_SSIM_rho0_s2", "mnist_c1_Ours_rho10_s2", "mnist_c1_SSIM_rho0_s2"),
                second.stream().map(IcsGrid.RunResult::key).sorted().toList());
        assertTrue(log2.toString().startsWith("4 runs in shard 2/2 of 8 (0 already in"), log2.toString());
        run(shared, new Shard(1, 2), quiet);
        try (var files = Files.list(shared.resolve("runs"))) {
            assertEquals(8, files.filter(f -> f.toString().endsWith(".csv")).count(), "each run stored once, none lost");
        }

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<IcsGrid.RunResult> merged = run(shared, Shard.ALL, new PrintStream(log));
        assertTrue(log.toString().startsWith("8 runs (8 already in"), "the merge trains nothing: " + log);
        assertEquals(numbers(one), numbers(merged));
        ExpectedResults expected = ExpectedResults.load(Path.of("..", "expected-results", "ics_table1.csv"));
        List<Comparison.Row> a = Comparison.compare(Cells.aggregate(IcsGrid.aucs(one)), expected, c -> null);
        List<Comparison.Row> b = Comparison.compare(Cells.aggregate(IcsGrid.aucs(merged)), expected, c -> null);
        assertEquals(Comparison.markdown(a), Comparison.markdown(b));
    }
}
