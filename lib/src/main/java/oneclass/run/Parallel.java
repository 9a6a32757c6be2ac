package oneclass.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;

/**
 * Runs independent experiment runs on a fixed number of threads. Each run is single-threaded (ND4J with
 * one OpenMP thread is fastest at HRN's sizes), so two runs in parallel use a two-core machine fully.
 * Every run draws its random numbers from its own seed, so the result does not depend on the schedule.
 */
public final class Parallel {
    private Parallel() {}

    /** Runs all tasks; the first failure stops the rest and is rethrown (results already stored stay). */
    public static void run(List<Runnable> tasks, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                Threads.singleThreadedNd4j(); // per thread: OpenMP's thread count is a per-thread setting
                r.run();
            }, "run");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        List<Future<Void>> futures = new ArrayList<>();
        for (Runnable task : tasks) futures.add(done.submit(task, null));
        try {
            for (int i = 0; i < tasks.size(); i++) done.take().get();
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
