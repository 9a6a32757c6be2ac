package oneclass.ics;

import java.util.*;

/**
 * Where a network's step time goes: wall time per op (conv2d, conv2d_bp, ...) summed over the ops that ran
 * while it listened, for ics_bench --profile. Every op of {@link Layers}, the losses and the optimizer runs
 * through {@link #time}; what the ops do not cover (Java between the ops) is the step time minus {@link #total}.
 */
public final class OpProfile {
    private final Map<String, long[]> byOp = new HashMap<>(); // op → {nanoseconds, calls}
    private boolean on;

    /** Runs {@code op}, timed under {@code name} while listening. */
    void time(String name, Runnable op) {
        if (!on) {
            op.run();
            return;
        }
        long t0 = System.nanoTime();
        op.run();
        long[] a = byOp.computeIfAbsent(name, k -> new long[2]);
        a[0] += System.nanoTime() - t0;
        a[1]++;
    }

    /** Starts (or stops) listening; starting forgets what was measured before. */
    public void listen(boolean listen) {
        if (listen) byOp.clear();
        on = listen;
    }

    /** Seconds in all ops. */
    public double total() { return byOp.values().stream().mapToLong(a -> a[0]).sum() / 1e9; }

    /** The ops by time, most first: "conv2d_bp 0.0123 s (9 calls)", per {@code steps} steps. */
    public List<String> top(int k, int steps) {
        return byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(k)
                .map(e -> String.format(Locale.ROOT, "%s %.4f s (%d calls)", e.getKey(), e.getValue()[0] / 1e9 / steps, e.getValue()[1] / steps)).toList();
    }
}
