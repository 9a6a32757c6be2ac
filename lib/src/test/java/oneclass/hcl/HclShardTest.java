package oneclass.hcl;

import oneclass.run.ConcurrentShards;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import oneclass.run.Threads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sharded HCL (the unit is one head): N shards writing side by side into one folder, then the whole experiment
 * read back, give the same heads and the same accuracy-after-each-task curve as one process running everything.
 */
class HclShardTest {
    @TempDir Path dir;

    @BeforeAll
    static void nd4j() { Threads.singleThreadedNd4j(); }

    static final HclData DATA = HclHeadsTest.clusterData(3);
    static final List<Long> SEEDS = List.of(1L, 2L);

    static List<HclGrid.Sequence> run(Path out, Shard shard, PrintStream log) {
        return HclGrid.run(List.of(DATA), SEEDS, d -> seed -> TaskSequence.shuffled(3, seed), d -> HclGridTest.CFG, 1, shard,
                new ResultStore<>(out, HclGrid.HeadResult.class), log);
    }

    /** What depends on the numbers, not on the clock. */
    static List<String> numbers(List<HclGrid.Sequence> seqs) {
        List<String> l = new ArrayList<>();
        for (HclGrid.Sequence s : seqs) {
            l.add(s.dataset() + " s" + s.seed() + " " + s.order() + " " + Arrays.toString(s.accuracy()));
            s.heads().forEach(h -> l.add(h.key() + " " + h.finalLoss() + " " + h.fingerprint()));
        }
        return l;
    }

    @Test
    void threeConcurrentShardsMergeIntoTheSameCurveAsOneProcess() throws Exception {
        var o = ConcurrentShards.againstOneProcess(dir, 3, HclShardTest::run);
        assertEquals(2, o.one().size());
        for (List<HclGrid.Sequence> part : o.shards()) assertEquals(List.of(), part, "a shard computes no sequence");
        try (var files = Files.list(o.sharded().resolve("runs"))) {
            assertEquals(6, files.count(), "each head stored once, none lost");
        }
        try (var files = Files.list(o.sharded().resolve("scores"))) {
            assertEquals(6, files.count());
        }
        assertTrue(o.mergeLog().startsWith("6 runs (6 already in"), o.mergeLog());
        assertEquals(numbers(o.one()), numbers(o.merged()));
    }

    @Test
    void aShardTrainsOnlyItsOwnHeadsAndSaysSo() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        run(dir, new Shard(2, 4), new PrintStream(log, true, StandardCharsets.UTF_8));
        // positions 1 and 5 of (seed, task): seed 1's second task and seed 2's third
        int[] o1 = TaskSequence.shuffled(3, 1).classes(), o2 = TaskSequence.shuffled(3, 2).classes();
        try (var files = Files.list(dir.resolve("runs"))) {
            assertEquals(List.of(HclGrid.HeadResult.key("clusters", 1, o1[1]) + ".csv", HclGrid.HeadResult.key("clusters", 2, o2[2]) + ".csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("2 runs in shard 2/4 of 6 (0 already in"), log.toString(StandardCharsets.UTF_8));
    }

    /** A head's scores file cut short is named on resume and that head alone is trained again, to the same numbers. */
    @Test
    void aTruncatedScoresFileIsNamedAndItsHeadTrainedAgain() throws Exception {
        List<HclGrid.Sequence> whole = run(dir, Shard.ALL, new PrintStream(new ByteArrayOutputStream()));
        Path npy;
        try (var files = Files.list(dir.resolve("scores"))) {
            npy = files.sorted().findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(b, b.length - 3));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<HclGrid.Sequence> again = run(dir, Shard.ALL, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(npy + " is damaged"), text);
        assertTrue(text.contains("6 runs (5 already in"), text);
        assertEquals(numbers(whole), numbers(again));
    }
}
