package oneclass.ics;

/**
 * When a network's training has converged: the paper trains "step by step until all losses converge"
 * (Sec. 2.3) and gives no count, so the paper protocol stops a network when its epoch training loss L_e
 * (the mean over the epoch's steps; for the classifier the sum of its losses' means) has stopped falling:
 *
 * <pre>
 *   best_e = min_{k ≤ e} L_k;  epoch e improves when L_e &lt; (1 − δ)·best_{e−1}
 *   stop after epoch e when the last improving epoch is e − patience (or e = the cap)
 * </pre>
 *
 * i.e. {@code patience} epochs in a row without a relative improvement of more than δ. A loss that is not
 * finite never improves. The epoch cap bounds the cost; {@link #OFF} (patience 0) trains every epoch to it.
 */
public record Plateau(int patience, double minDelta) {
    public static final Plateau OFF = new Plateau(0, 0);

    public Plateau {
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0: no plateau rule), got " + patience);
        if (!(minDelta >= 0 && minDelta < 1)) throw new IllegalArgumentException("min-delta must be in [0, 1), got " + minDelta);
    }

    public boolean off() { return patience == 0; }

    /** Follows one loss curve epoch by epoch. */
    public Tracker tracker() { return new Tracker(); }

    /** Epochs trained on {@code curve} (losses per epoch) with at most {@code cap} epochs. */
    public int epochs(double[] curve, int cap) {
        Tracker t = tracker();
        for (int e = 1; e <= Math.min(cap, curve.length); e++) if (t.converged(curve[e - 1])) return e;
        return Math.min(cap, curve.length);
    }

    @Override public String toString() { return off() ? "fixed" : "plateau(patience=" + patience + ",minDelta=" + minDelta + ")"; }

    public final class Tracker {
        private double best = Double.POSITIVE_INFINITY;
        private int epoch, lastImproved;

        /** Records the loss of the next epoch; true when training should stop after it. */
        public boolean converged(double loss) {
            epoch++;
            if (Double.isFinite(loss) && (best == Double.POSITIVE_INFINITY || loss < (1 - minDelta) * best)) lastImproved = epoch;
            if (Double.isFinite(loss)) best = Math.min(best, loss);
            return !off() && epoch - lastImproved >= patience;
        }
    }
}
