package oneclass.ics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gradient check the ICS tests share: a network's gradient g (from its backward pass) against central differences of its loss. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Every value of θ: |g − (loss(θ + ε) − loss(θ − ε)) / 2ε| ≤ abs + 1e-5·|fd|, ε = 1e-6 (double networks).
     * {@code backward} runs the backward pass (filling g); {@code loss} the forward pass only. Returns the number of values checked.
     */
    static int check(Params p, Runnable backward, DoubleSupplier loss, double abs) {
        return check(p, backward, loss, abs, 1);
    }

    /**
     * As above on every {@code stride}-th value of θ only (θ[0], θ[stride], …): for networks whose full check would take
     * minutes (Deep SVDD's 8,472 values in double); a stride smaller than every parameter's size reaches each of them.
     */
    static int check(Params p, Runnable backward, DoubleSupplier loss, double abs, int stride) {
        backward.run();
        INDArray g = p.grad().dup(), theta = p.theta();
        double eps = 1e-6;
        int checked = 0;
        for (int k = 0; k < theta.length(); k += stride, checked++) {
            double orig = theta.getDouble(k);
            theta.putScalar(k, orig + eps);
            double up = loss.getAsDouble();
            theta.putScalar(k, orig - eps);
            double down = loss.getAsDouble();
            theta.putScalar(k, orig);
            double fd = (up - down) / (2 * eps), an = g.getDouble(k);
            assertEquals(fd, an, abs + 1e-5 * Math.abs(fd), "θ[" + k + "]");
        }
        return checked;
    }
}
