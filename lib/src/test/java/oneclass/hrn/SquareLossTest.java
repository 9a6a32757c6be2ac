package oneclass.hrn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Table 3's square loss, ℓ(f) = (1 − Sigmoid(f))² = Sigmoid(−f)², ℓ'(f) = −2·Sigmoid(−f)²·Sigmoid(f):
 * hand-worked values, the derivative against central finite differences over f ∈ [−30, 30], and the MLP's
 * hand-written gradients with this data term against finite differences of the loss.
 */
class SquareLossTest {
    private static final DataTerm L = new DataTerm.SquareLoss();

    /**
     * Exact values at f = 0 and f = ±ln 3, where Sigmoid is 1/2, 3/4 and 1/4:
     * <ul>
     *   <li>f = 0: ℓ = (1/2)² = 1/4, ℓ' = −2·(1/2)²·(1/2) = −1/4;</li>
     *   <li>f = ln 3: 1 − Sigmoid = 1/4, ℓ = 1/16 = 0.0625, ℓ' = −2·(1/16)·(3/4) = −3/32 = −0.09375;</li>
     *   <li>f = −ln 3: 1 − Sigmoid = 3/4, ℓ = 9/16 = 0.5625, ℓ' = −2·(9/16)·(1/4) = −9/32 = −0.28125.</li>
     * </ul>
     * Tolerance 1e-15: a few ulps of the double results (ln 3 itself is rounded).
     */
    @Test
    void handWorkedValues() {
        assertEquals(0.25, L.value(0), 0);
        assertEquals(-0.25, L.derivative(0), 0);
        double ln3 = Math.log(3);
        assertEquals(0.0625, L.value(ln3), 1e-15);
        assertEquals(-0.09375, L.derivative(ln3), 1e-15);
        assertEquals(0.5625, L.value(-ln3), 1e-15);
        assertEquals(-0.28125, L.derivative(-ln3), 1e-15);
        assertEquals("SquareLoss", L.toString());
    }

    /**
     * Far out in both tails: at f = 30, ℓ = Sigmoid(−30)² ≈ e^{−60} ≈ 8.76e-27 (not 0, which 1 − Sigmoid(30)
     * would give once Sigmoid(30) rounds towards 1) and ℓ' ≈ −2e^{−60}; at f = −30, ℓ ≈ 1 and ℓ' ≈ −2e^{−30}
     * ≈ −1.87e-13. At f = ±1000 the exponentials underflow to 0: ℓ = 0 or 1 and ℓ' = −0.0, never NaN.
     */
    @Test
    void stableInTheTails() {
        double e60 = Math.exp(-60), e30 = Math.exp(-30);
        assertEquals(e60 / ((1 + e30) * (1 + e30)), L.value(30), 1e-14 * e60);
        assertEquals(-2 * e60 / ((1 + e30) * (1 + e30) * (1 + e30)), L.derivative(30), 1e-14 * e60);
        assertEquals(1 / ((1 + e30) * (1 + e30)), L.value(-30), 1e-15);
        assertEquals(-2 * e30 / ((1 + e30) * (1 + e30) * (1 + e30)), L.derivative(-30), 1e-14 * e30);
        assertEquals(0.0, L.value(1000), 0);
        assertEquals(1.0, L.value(-1000), 0);
        assertEquals(0.0, L.derivative(1000), 0);
        assertEquals(0.0, L.derivative(-1000), 0);
    }

    /**
     * ℓ'(f) against (ℓ(f + h) − ℓ(f − h))/2h of {@link DataTerm.SquareLoss#value} itself, h = 1e-5, relative
     * error 1e-7 (truncation is about h²·|ℓ'''/ℓ'|/6 ≤ 1e-10, rounding about 1e-16·ℓ/(h·|ℓ'|) ≤ 1e-9).
     * Only f ≥ −5: below that ℓ ≈ 1 − 2e^{f} and ℓ(f + h) − ℓ(f − h) cancels to rounding noise in double
     * (at f = −30 the difference, 4e-18, is below the ulp of 1); those f are checked in high precision below.
     */
    @ParameterizedTest
    @ValueSource(doubles = {-5, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 5, 10, 20, 30})
    void derivativeMatchesFiniteDifferencesOfValue(double f) {
        double h = 1e-5;
        double numeric = (L.value(f + h) - L.value(f - h)) / (2 * h), analytic = L.derivative(f);
        assertEquals(numeric, analytic, 1e-7 * Math.abs(numeric), "f=" + f);
    }

    /** ℓ(f) = (1/(1 + e^f))², with e^f from Math.exp (within 1 ulp) and the rest in 40-digit arithmetic. */
    private static BigDecimal reference(double f) {
        MathContext mc = new MathContext(40);
        BigDecimal q = BigDecimal.ONE.divide(BigDecimal.ONE.add(new BigDecimal(Math.exp(f))), mc);
        return q.multiply(q, mc);
    }

    /**
     * Over the whole range f ∈ [−30, 30], including the left tail that double cannot difference: the value
     * against the 40-digit reference (relative 1e-14), and ℓ' against the reference's central difference with
     * h = 2^−17 ≈ 7.6e-6, a power of 2 so that f ± h is exact (relative 1e-8: truncation h²·|ℓ'''/ℓ'|/6 ≤ 4e-11,
     * the 1-ulp error of Math.exp contributes about 1e-16/2h ≈ 7e-12).
     */
    @ParameterizedTest
    @ValueSource(doubles = {-30, -20, -10, -5, -1, 0, 1, 5, 10, 20, 30})
    void derivativeMatchesHighPrecisionFiniteDifferences(double f) {
        double h = 0x1p-17;
        double ref = reference(f).doubleValue();
        assertEquals(ref, L.value(f), 1e-14 * ref, "value, f=" + f);
        double numeric = reference(f + h).subtract(reference(f - h)).doubleValue() / (2 * h);
        assertEquals(numeric, L.derivative(f), 1e-8 * Math.abs(numeric), "derivative, f=" + f);
    }

    /** ℓ decreases strictly and stays in (0, 1) where it does not underflow: a probability's squared error. */
    @Test
    void decreasingAndBounded() {
        double prev = 1;
        for (double f = -30; f <= 30; f += 0.25) {
            double v = L.value(f);
            assertTrue(v > 0 && v < 1, "f=" + f + " value " + v);
            assertTrue(v < prev, "f=" + f);
            assertTrue(L.derivative(f) < 0, "f=" + f);
            prev = v;
        }
    }

    private static INDArray randomInput(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /**
     * The MLP's hand-written gradients with SquareLoss as the data term (the "SquareLoss" and
     * "SquareLoss+Hreg" rows of Table 3) against central finite differences of the loss, h = 1e-6, in double:
     * max over all parameters of |analytic − numeric| / max(1e-8, |analytic| + |numeric|) below 1e-6, the
     * tolerance of MlpGradientTest (error O(h²) away from ReLU kinks, which random inputs avoid). Also, with
     * no regularizer the returned loss is exactly the batch mean of ℓ(f(x)) over the model's own scores.
     */
    @ParameterizedTest(name = "slope={0} bias={1} lambda={2} groups={3}")
    @CsvSource({
            "0.0,  true,  0.0, 1",
            "0.0,  false, 0.3, 1",
            "0.01, true,  0.3, 1",
            "0.0,  true,  0.3, 3",
    })
    void mlpGradientsWithSquareLossMatchFiniteDifferences(double slope, boolean bias, double lambda, int groups) {
        Architecture arch = groups == 1 ? Architecture.mlp(7, 5) : new Architecture(12, 3, new int[] {6, 5});
        Mlp m = new Mlp(arch, slope, bias, 0.8, 42, DataType.DOUBLE);
        INDArray x = randomInput(9, arch.inputDim(), 7);
        HRegularizer h = lambda > 0 ? new HRegularizer(lambda, 12, 0) : null;

        double loss = m.lossAndGradients(x, new OneClassLoss(L, h, 0));
        if (h == null) {
            double mean = 0;
            for (double f : m.score(x)) mean += L.value(f);
            assertEquals(mean / 9, loss, 1e-15);
        }
        List<INDArray[]> params = m.parametersAndGradients();
        double[][] analytic = params.stream().map(p -> p[1].data().asDouble()).toArray(double[][]::new);
        double worst = 0, eps = 1e-6, largest = 0;
        for (int k = 0; k < params.size(); k++) {
            INDArray theta = params.get(k)[0];
            for (int i = 0; i < theta.length(); i++) {
                double v = theta.getDouble(i);
                theta.putScalar(i, v + eps);
                double up = m.lossAndGradients(x, new OneClassLoss(L, h, 0));
                theta.putScalar(i, v - eps);
                double down = m.lossAndGradients(x, new OneClassLoss(L, h, 0));
                theta.putScalar(i, v);
                double numeric = (up - down) / (2 * eps), a = analytic[k][i];
                worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric)));
                largest = Math.max(largest, Math.abs(a));
            }
        }
        assertTrue(worst < 1e-6, "max relative gradient error " + worst);
        assertTrue(largest > 1e-3, "the check compared gradients that are not all ~0: largest " + largest);
    }
}
