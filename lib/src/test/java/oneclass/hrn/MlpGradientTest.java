package oneclass.hrn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hand-written gradients of the one-class loss (data term + H-regularizer through ∇ₓf, or L2) against
 * central finite differences of the loss itself, in double precision. Tolerance: relative error 1e-6 per
 * parameter (central differences with h = 1e-6 have error O(h²) away from ReLU kinks; random inputs make
 * crossing a kink vanishingly unlikely).
 */
class MlpGradientTest {

    static INDArray randomInput(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** Max over all parameters of |analytic − numeric| / max(1e-8, |analytic| + |numeric|). */
    static double maxRelativeError(Mlp m, INDArray x, DataTerm term, HRegularizer h, double l2) {
        m.lossAndGradients(x, new OneClassLoss(term, h, l2));
        List<INDArray[]> params = m.parametersAndGradients();
        double[][] analytic = params.stream().map(p -> p[1].data().asDouble()).toArray(double[][]::new);
        double worst = 0, eps = 1e-6;
        for (int k = 0; k < params.size(); k++) {
            INDArray theta = params.get(k)[0];
            for (int i = 0; i < theta.length(); i++) {
                double v = theta.getDouble(i);
                theta.putScalar(i, v + eps);
                double up = m.lossAndGradients(x, new OneClassLoss(term, h, l2));
                theta.putScalar(i, v - eps);
                double down = m.lossAndGradients(x, new OneClassLoss(term, h, l2));
                theta.putScalar(i, v);
                double numeric = (up - down) / (2 * eps), a = analytic[k][i];
                worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric)));
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} slope={1} bias={2} eps={3} n={4} perPixel={5}")
    @CsvSource({
            "mnist-like,  0.0,  true,  0.0,  12, 0",
            "mnist-like,  0.01, false, 0.01, 12, 0",
            "mnist-like,  0.0,  true,  0.0,  1,  0",
            "mnist-like,  0.1,  true,  0.0,  3,  0",
            "cifar-like,  0.0,  true,  0.0,  12, 0",
            "cifar-like,  0.01, false, 0.01, 12, 3",
            "cifar-like,  0.1,  true,  0.0,  4,  3",
    })
    void hRegularizedLossMatchesFiniteDifferences(String shape, double slope, boolean bias, double eps, double n, int perPixel) {
        // cifar-like: 3 channel blocks of 4 inputs -> 3*[4-2] -> [6-5] -> [5-1], the CIFAR model in miniature
        Architecture arch = shape.equals("cifar-like") ? new Architecture(12, 3, new int[] {6, 5}) : Architecture.mlp(7, 5);
        Mlp m = new Mlp(arch, slope, bias, 0.8, 42, DataType.DOUBLE);
        INDArray x = randomInput(9, arch.inputDim(), 7);
        double err = maxRelativeError(m, x, new DataTerm.Nll(eps), new HRegularizer(0.3, n, perPixel), 0);
        assertTrue(err < 1e-6, "max relative gradient error " + err);
    }

    @Test
    void l2RegularizedLossMatchesFiniteDifferences() {
        Mlp m = new Mlp(Architecture.mlp(7, 5), 0, true, 0.8, 3, DataType.DOUBLE);
        double err = maxRelativeError(m, randomInput(9, 7, 8), new DataTerm.Nll(0), null, 0.1);
        assertTrue(err < 1e-6, "max relative gradient error " + err);
    }

    /** Every ReLU unit inactive: ∇ₓf = 0, so the penalty and its gradient are exactly 0 — not NaN, even for n = 1. */
    @ParameterizedTest
    @CsvSource({"1", "2", "12"})
    void allUnitsInactiveGivesZeroPenaltyGradientNotNaN(double n) {
        Mlp m = new Mlp(Architecture.mlp(4, 3), 0, true, 0.5, 1, DataType.DOUBLE);
        List<INDArray[]> p = m.parametersAndGradients();
        p.get(1)[0].assign(-100);                       // hidden bias: every pre-activation far below 0
        INDArray x = randomInput(5, 4, 2);
        assertEquals(0, m.inputGradient(x).norm2Number().doubleValue(), 0);
        double withPenalty = m.lossAndGradients(x, new OneClassLoss(new DataTerm.Nll(0), new HRegularizer(0.1, n, 0), 0));
        double[] w1Grad = p.get(0)[1].data().asDouble();
        for (double gi : w1Grad) assertEquals(0.0, gi, 0.0, "W1 gets no gradient when no unit is active");
        double without = m.lossAndGradients(x, new OneClassLoss(new DataTerm.Nll(0), null, 0));
        assertEquals(without, withPenalty, 0, "the penalty is exactly 0");
        assertTrue(maxRelativeError(m, x, new DataTerm.Nll(0), new HRegularizer(0.1, n, 0), 0) < 1e-6);
    }

    /** The input gradient itself against finite differences of f (the quantity H-regularization penalizes). */
    @Test
    void inputGradientMatchesFiniteDifferences() {
        Mlp m = new Mlp(new Architecture(12, 3, new int[] {6, 5}), 0.01, true, 0.8, 5, DataType.DOUBLE);
        INDArray x = randomInput(4, 12, 9);
        INDArray g = m.inputGradient(x);
        double eps = 1e-6;
        for (int b = 0; b < 4; b++)
            for (int d = 0; d < 12; d++) {
                double v = x.getDouble(b, d);
                x.putScalar(b, d, v + eps);
                double up = m.score(x)[b];
                x.putScalar(b, d, v - eps);
                double down = m.score(x)[b];
                x.putScalar(b, d, v);
                assertEquals((up - down) / (2 * eps), g.getDouble(b, d), 1e-7);
            }
    }

    /** The H-regularizer's value by hand: λ/B·Σ_b ‖g_b‖ⁿ, and the per-pixel variant of the authors' CIFAR code. */
    @Test
    void hRegularizerValueByHand() {
        INDArray g = Nd4j.create(new double[][] {{3, 4, 0, 0}, {0, 0, 1, 0}}); // ‖g_1‖ = 5, ‖g_2‖ = 1
        assertEquals(0.1 / 2 * (25 + 1), new HRegularizer(0.1, 2, 0).apply(g).value(), 1e-12);
        assertEquals(0.5 / 2 * (Math.pow(5, 3) + 1), new HRegularizer(0.5, 3, 0).apply(g).value(), 1e-9);
        // per pixel, 2 channels of 2 pixels: row 1 pixel norms √(3²+0²)=3, √(4²+0²)=4; row 2: 1, 0
        assertEquals(0.1 / 4 * (9 + 16 + 1 + 0), new HRegularizer(0.1, 2, 2).apply(g).value(), 1e-12);
    }
}
