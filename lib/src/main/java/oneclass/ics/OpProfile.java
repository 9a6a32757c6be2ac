package oneclass.ics;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.*;

/**
 * Where a SameDiff graph's time goes: wall time per op type (conv2d, conv2d_bp, ...) summed over the ops that
 * ran while it listened, for ics_bench --profile. What the ops do not cover (the session's bookkeeping between
 * ops, the optimizer) is the step time minus {@link #total}.
 */
public final class OpProfile extends BaseListener {
    private final Map<String, long[]> byOp = new HashMap<>(); // op type → {nanoseconds, calls}
    private long started;

    /** Starts listening to {@code sd}'s ops. */
    public static OpProfile attach(SameDiff sd) {
        OpProfile p = new OpProfile();
        sd.addListeners(p);
        return p;
    }

    @Override public boolean isActive(Operation operation) { return true; }

    @Override public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) { started = System.nanoTime(); }

    @Override public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
        long[] a = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        a[0] += System.nanoTime() - started;
        a[1]++;
    }

    public void reset() { byOp.clear(); }

    /** Seconds in all ops. */
    public double total() { return byOp.values().stream().mapToLong(a -> a[0]).sum() / 1e9; }

    /** The op types by time, most first: "conv2d_bp 0.0123 s (9 calls)", per {@code steps} steps. */
    public List<String> top(int k, int steps) {
        return byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(k)
                .map(e -> String.format(Locale.ROOT, "%s %.4f s (%d calls)", e.getKey(), e.getValue()[0] / 1e9 / steps, e.getValue()[1] / steps)).toList();
    }
}
