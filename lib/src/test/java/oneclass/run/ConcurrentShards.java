package oneclass.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * For the sharding tests: a grid run as one process, and again as shards 1 to n of n at the same time (one thread each,
 * as n processes of a cluster job would) into one shared folder, then merged by one process over that folder.
 */
public final class ConcurrentShards {
    private ConcurrentShards() {}

    /** A grid: what it returns when run into {@code out} for {@code shard}, logging to {@code log}. */
    public interface Grid<T> {
        T run(Path out, Shard shard, PrintStream log);
    }

    /**
     * @param one      the grid's result as one process (into {@code <dir>/one})
     * @param shards   each shard's result, in shard order
     * @param sharded  the folder the shards shared ({@code <dir>/sharded})
     * @param merged   the whole grid's result over {@code sharded} after the shards
     * @param mergeLog what the merge logged
     */
    public record Outcome<T>(T one, List<T> shards, Path sharded, T merged, String mergeLog) {}

    /** Runs {@code grid} as one process, as {@code n} concurrent shards, and as their merge; a shard that throws, or takes over five minutes, fails the test. */
    public static <T> Outcome<T> againstOneProcess(Path dir, int n, Grid<T> grid) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        T one = grid.run(dir.resolve("one"), Shard.ALL, quiet);
        Path sharded = dir.resolve("sharded");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<T> shards = new ArrayList<>();
        try {
            List<Future<T>> parts = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                Shard s = new Shard(k, n);
                parts.add(pool.submit(() -> grid.run(sharded, s, quiet)));
            }
            for (Future<T> f : parts) shards.add(f.get(5, TimeUnit.MINUTES));
        } finally {
            pool.shutdown();
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        T merged = grid.run(sharded, Shard.ALL, new PrintStream(log, true, StandardCharsets.UTF_8));
        return new Outcome<>(one, shards, sharded, merged, log.toString(StandardCharsets.UTF_8));
    }
}
