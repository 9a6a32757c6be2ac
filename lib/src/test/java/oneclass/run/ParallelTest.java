package oneclass.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Independent runs on a fixed pool: all of them run, and a failure surfaces as itself. */
class ParallelTest {

    @Test
    void runsEveryTaskOnTheGivenThreads() {
        AtomicInteger done = new AtomicInteger();
        var threads = ConcurrentHashMap.<String>newKeySet();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) tasks.add(() -> {
            threads.add(Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread()));
            done.incrementAndGet();
        });
        Parallel.run(tasks, 2);
        assertEquals(40, done.get());
        assertTrue(threads.size() <= 2, "more threads than asked for: " + threads);
        Parallel.run(List.of(), 2); // nothing to do is fine
    }

    @Test
    void aFailingTaskIsRethrownAsItself() {
        List<Runnable> tasks = List.of(() -> {}, () -> { throw new IllegalStateException("run mnist_c3 diverged"); }, () -> {});
        var e = assertThrows(IllegalStateException.class, () -> Parallel.run(tasks, 2));
        assertEquals("run mnist_c3 diverged", e.getMessage());
        var err = assertThrows(AssertionError.class, () -> Parallel.run(List.of(() -> { throw new AssertionError("boom"); }), 1));
        assertEquals("boom", err.getMessage());
    }
}
