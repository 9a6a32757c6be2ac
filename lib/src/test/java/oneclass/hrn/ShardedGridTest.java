package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.run.ConcurrentShards;
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
 * Sharded grids: N shards writing side by side into one folder, then the whole grid read back, give the same
 * runs and the same table as one process running everything.
 */
class ShardedGridTest {
    @TempDir Path dir;

    static final List<Integer> CLASSES = List.of(0, 1);
    static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    List<HrnGrid.RunResult> run(Path out, Shard shard, PrintStream log) {
        return HrnGrid.run(Protocol.PAPER, Map.of(Benchmark.MNIST, HrnGridTest.SPLIT), CLASSES, HrnGridTest.columns(2), SEEDS,
                false, 1, shard, new ResultStore<>(out, HrnGrid.RunResult.class), log);
    }

    /** The fields that depend on the numbers, not on the clock. */
    static List<String> numbers(List<HrnGrid.RunResult> runs) {
        return runs.stream().map(r -> r.key() + " " + r.auc() + " " + r.finalLoss() + " " + r.gradNorm() + " " + r.fingerprint()).toList();
    }

    @Test
    void threeConcurrentShardsMergeIntoTheSameTableAsOneProcess() throws Exception {
        var o = ConcurrentShards.againstOneProcess(dir, 3, this::run);
        List<HrnGrid.RunResult> one = o.one(), merged = o.merged();
        assertEquals(6, one.size());
        try (var files = Files.list(o.sharded().resolve("runs"))) {
            assertEquals(6, files.filter(f -> f.toString().endsWith(".csv")).count(), "each run stored once, none lost");
        }
        // the merge: the whole grid in one process trains nothing and returns every shard's runs
        assertTrue(o.mergeLog().startsWith("6 runs (6 already in"), o.mergeLog());
        assertEquals(numbers(one), numbers(merged));

        ExpectedResults expected = ExpectedResults.load(Path.of("..", "expected-results", "hrn_table1.csv"));
        List<Comparison.Row> a = HrnGrid.compare(one, expected), b = HrnGrid.compare(merged, expected);
        assertEquals(a, b);
        assertEquals(Comparison.markdown(a), Comparison.markdown(b));
    }

    @Test
    void aShardTrainsOnlyItsOwnRunsAndSaysSo() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<HrnGrid.RunResult> r = run(dir, new Shard(2, 4), new PrintStream(log));
        // positions 1 and 5 of the list (class 0 seed 2, class 1 seed 3)
        assertEquals(List.of("mnist_c0_HRN_s2", "mnist_c1_HRN_s3"), r.stream().map(HrnGrid.RunResult::key).toList());
        assertTrue(log.toString().startsWith("2 runs in shard 2/4 of 6 (0 already in"), log.toString());
    }
}
