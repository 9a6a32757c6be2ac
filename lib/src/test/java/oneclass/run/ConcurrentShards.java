package oneclass.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** For the sharding tests: shards 1 to n of n run at the same time, one thread each, as n processes of a cluster job would. */
public final class ConcurrentShards {
    private ConcurrentShards() {}

    /** What each shard's {@code run} returned, in shard order; a shard that throws, or takes over five minutes, fails the test. */
    public static <T> List<T> run(int n, Function<Shard, T> run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> parts = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                Shard s = new Shard(k, n);
                parts.add(pool.submit(() -> run.apply(s)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : parts) results.add(f.get(5, TimeUnit.MINUTES));
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
