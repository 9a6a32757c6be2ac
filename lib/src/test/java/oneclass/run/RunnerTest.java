package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The one experiment loop: shards split the cells, a stored cell is not trained again, a changed one is not resumed. */
class RunnerTest {
    record Row(String key, String fingerprint, double value) implements RunRow {
        @Override public String summary() { return "value " + value; }
    }

    record Setting(String dataset, int cls, int epochs) {}

    /** Which cells were trained, in which thread-independent set. */
    final Set<String> trained = ConcurrentHashMap.newKeySet();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Six cells, a (dataset, class) grid; the value is a pure function of the setting, as a seeded run's is. */
    List<Runner.Cell<Row>> table(int epochs) {
        List<Runner.Cell<Row>> cells = new ArrayList<>();
        for (String d : List.of("mnist", "cifar10"))
            for (int c = 0; c < 3; c++) {
                Setting s = new Setting(d, c, epochs);
                String key = d + "_c" + c;
                cells.add(new Runner.Cell<>(key, s, epochs, run -> {
                    trained.add(run.key());
                    for (int e = 1; e <= epochs; e++) run.epoch(e);
                    return new Row(run.key(), run.fingerprint(), s.cls() * 10 + s.epochs());
                }));
            }
        return cells;
    }

    Runner<Row> runner(Path dir, Shard shard) {
        return new Runner<>(new ResultStore<>(dir, Row.class), shard, 2, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainsEveryCellOnceAndReturnsTheStoredRows(@TempDir Path dir) {
        List<Row> rows = runner(dir, Shard.ALL).run(table(2));
        assertEquals(List.of("cifar10_c0", "cifar10_c1", "cifar10_c2", "mnist_c0", "mnist_c1", "mnist_c2"), rows.stream().map(Row::key).toList());
        assertEquals(6, trained.size());
        assertEquals(22.0, rows.get(2).value());
        assertEquals(Fingerprint.of(new Setting("cifar10", 2, 2)), rows.get(2).fingerprint());
        assertTrue(log.toString().contains("6 runs (0 already in " + dir + ", 6 to train on 2 threads)"), log.toString());
        assertTrue(log.toString().contains("done mnist_c1: value 12.0"), log.toString());
    }

    @Test
    void aStoredCellIsResumedAndOnlyTheMissingOnesTrain(@TempDir Path dir) {
        List<Runner.Cell<Row>> cells = table(2);
        runner(dir, Shard.ALL).run(cells.subList(0, 4));
        trained.clear();
        List<Row> rows = runner(dir, Shard.ALL).run(cells);
        assertEquals(Set.of("cifar10_c1", "cifar10_c2"), trained);
        assertEquals(6, rows.size());
        assertTrue(log.toString().contains("6 runs (4 already in"), log.toString());
        trained.clear();
        runner(dir, Shard.ALL).run(cells);
        assertEquals(Set.of(), trained, "a complete table trains nothing");
    }

    /** Rows of cells that are not in the table (another command's, sharing the folder) are not returned. */
    @Test
    void returnsOnlyTheTablesRows(@TempDir Path dir) {
        runner(dir, Shard.ALL).run(table(2));
        assertEquals(List.of("mnist_c0"), runner(dir, Shard.ALL).run(table(2).subList(0, 1)).stream().map(Row::key).toList());
    }

    @Test
    void aChangedConfigIsNotResumed(@TempDir Path dir) {
        runner(dir, Shard.ALL).run(table(2));
        trained.clear();
        var e = assertThrows(IllegalStateException.class, () -> runner(dir, Shard.ALL).run(table(3)));
        assertTrue(e.getMessage().contains("made with other settings"), e.getMessage());
        assertEquals(Set.of(), trained);
    }

    @Test
    void shardsSplitTheCellsRoundRobinAndTheWholeCommandReadsThemAll(@TempDir Path dir) {
        List<Row> one = runner(dir, new Shard(1, 2)).run(table(2));
        assertEquals(Set.of("mnist_c0", "mnist_c2", "cifar10_c1"), trained);
        assertEquals(3, one.size(), "a shard returns what is stored so far");
        assertTrue(log.toString().contains("3 runs in shard 1/2 of 6 (0 already"), log.toString());
        trained.clear();
        runner(dir, new Shard(2, 2)).run(table(2));
        assertEquals(Set.of("mnist_c1", "cifar10_c0", "cifar10_c2"), trained);
        trained.clear();
        List<Row> all = runner(dir, Shard.ALL).run(table(2));
        assertEquals(Set.of(), trained);
        assertEquals(runner(dir.resolve("fresh"), Shard.ALL).run(table(2)), all, "merged shards = one process");
    }

    /** A group is one unit: one shard owns it, its cells run in order on one thread and share what they make. */
    @Test
    void aGroupIsOwnedByOneShardAndSharesItsValue(@TempDir Path dir) {
        AtomicInteger made = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Runner.Cell<Row>> cells = new ArrayList<>();
        for (String g : List.of("a", "b"))
            for (int i = 0; i < 3; i++) {
                String key = g + i;
                cells.add(new Runner.Cell<>(key, g, new Setting(g, i, 1), 1, run -> {
                    int split = run.shared("split", () -> made.incrementAndGet() * 100);
                    order.add(run.key());
                    return new Row(run.key(), run.fingerprint(), split);
                }));
            }
        runner(dir, new Shard(2, 2)).run(cells);
        assertEquals(List.of("b0", "b1", "b2"), order, "shard 2 owns the second group, whole and in order");
        assertEquals(1, made.get(), "one value per group");
        runner(dir, Shard.ALL).run(cells);
        assertEquals(2, made.get());
        assertEquals(List.of("b0", "b1", "b2", "a0", "a1", "a2"), order);
    }

    @Test
    void badTablesAreErrors(@TempDir Path dir) {
        List<Runner.Cell<Row>> twice = new ArrayList<>(table(1));
        twice.add(table(1).get(0));
        var e = assertThrows(IllegalArgumentException.class, () -> runner(dir, Shard.ALL).run(twice));
        assertEquals("two cells of the table have the key mnist_c0", e.getMessage());
        Runner.Cell<Row> wrong = new Runner.Cell<>("k", new Setting("x", 0, 1), 1, run -> new Row("other", run.fingerprint(), 0));
        var w = assertThrows(IllegalStateException.class, () -> runner(dir, Shard.ALL).run(List.of(wrong)));
        assertTrue(w.getMessage().startsWith("cell k returned the row of other"), w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Runner<>(new ResultStore<>(dir, Row.class), Shard.ALL, 0, System.out));
    }
}
