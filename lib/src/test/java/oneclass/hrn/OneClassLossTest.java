package oneclass.hrn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HRN Eq. (3) worked by hand, and the training step held to it.
 *
 * <p>The model f(x) = 0.5·ReLU(x₁ + 2x₂) (one hidden unit, W₁ = [1, 2], w₂ = 0.5, no biases) on the batch
 * x₁ = (1, 0), x₂ = (0, 1): the hidden unit is active for both, so f = (0.5, 1) and ∇ₓf = w₂·W₁ = (0.5, 1) for
 * both, ‖∇ₓf‖₂² = 1.25.
 * <pre>
 *   data term  = ½ (log(1 + e^−0.5) + log(1 + e^−1)) = ½ (0.474076984 + 0.313261688) = 0.393669336
 *   n = 2:   λ·E‖∇ₓf‖² = 0.1 · 1.25     = 0.125
 *   n = 12:  λ·E‖∇ₓf‖¹² = 0.1 · 1.25⁶   = 0.3814697265625
 *   HRN-L2:  l2·‖θ‖² = 0.1 · (1 + 4 + 0.25) = 0.525
 * </pre>
 */
class OneClassLossTest {
    static final double DATA = 0.5 * (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1)));
    static final double[] F = {0.5, 1};
    static final double[][] G = {{0.5, 1}, {0.5, 1}};
    static final double THETA2 = 1 + 4 + 0.25;

    @Test
    void theEquationByHand() {
        assertEquals(0.393669336, DATA, 1e-9);
        assertEquals(DATA + 0.125, new OneClassLoss(new DataTerm.Nll(0), new HRegularizer(0.1, 2, 0), 0).value(F, G, THETA2), 1e-15);
        assertEquals(DATA + 0.3814697265625, new OneClassLoss(new DataTerm.Nll(0), HRegularizer.paper(), 0).value(F, G, THETA2), 1e-15);
        assertEquals(DATA + 0.525, new OneClassLoss(new DataTerm.Nll(0), null, 0.1).value(F, G, THETA2), 1e-15);
        assertEquals(DATA, new OneClassLoss(new DataTerm.Nll(0), new HRegularizer(0, 12, 0), 0).value(F, G, THETA2), 0, "λ = 0: the data term alone");
        // Table 3's square loss in place of the NLL: (1 − σ(0.5))² and (1 − σ(1))², averaged
        double square = 0.5 * (Math.pow(1 - 1 / (1 + Math.exp(-0.5)), 2) + Math.pow(1 - 1 / (1 + Math.exp(-1)), 2));
        assertEquals(square + 0.125, new OneClassLoss(new DataTerm.SquareLoss(), new HRegularizer(0.1, 2, 0), 0).value(F, G, THETA2), 1e-15);
    }

    /** The hand-made model: the general training step computes Eq. (3) as worked above, and its ∇ₓf is w₂·W₁. */
    @Test
    void theTrainingStepComputesTheEquation() {
        Mlp m = new Mlp(Architecture.mlp(2, 1), 0, false, 1.0, 1, DataType.DOUBLE);
        List<INDArray[]> p = m.parametersAndGradients();
        p.get(0)[0].putScalar(0, 1).putScalar(1, 2); // W₁
        p.get(1)[0].putScalar(0, 0.5);                // w₂
        INDArray x = Nd4j.create(new double[][] {{1, 0}, {0, 1}});
        assertArrayEquals(F, m.score(x), 0);
        assertArrayEquals(new double[] {0.5, 1, 0.5, 1}, m.inputGradient(x).data().asDouble(), 0);
        OneClassLoss hrn = new OneClassLoss(new DataTerm.Nll(0), HRegularizer.paper(), 0), l2 = new OneClassLoss(new DataTerm.Nll(0), null, 0.1);
        assertEquals(DATA + 0.3814697265625, m.lossAndGradients(x, hrn), 1e-15);
        assertEquals(DATA + 0.525, m.lossAndGradients(x, l2), 1e-15);
    }

    /** On a random CIFAR-like model, the authors' per-pixel norm too: the step's loss is the equation's from f, ∇ₓf and θ. */
    @Test
    void theTrainingStepMatchesTheEquationOnARandomModel() {
        Mlp m = new Mlp(new Architecture(12, 3, new int[] {6, 5}), 0.01, true, 0.8, 5, DataType.DOUBLE);
        INDArray x = MlpGradientTest.randomInput(6, 12, 3);
        double[][] g = m.inputGradient(x).toDoubleMatrix();
        double theta2 = m.parametersAndGradients().stream().mapToDouble(t -> t[0].mul(t[0]).sumNumber().doubleValue()).sum();
        for (OneClassLoss loss : List.of(new OneClassLoss(new DataTerm.Nll(0.01), new HRegularizer(0.3, 4, 3), 0),
                new OneClassLoss(new DataTerm.Nll(0), new HRegularizer(0.1, 12, 0), 0), new OneClassLoss(new DataTerm.Nll(0), null, 0.1))) {
            double expected = loss.value(m.score(x), g, theta2);
            assertEquals(expected, m.lossAndGradients(x, loss), 1e-12 * Math.abs(expected), loss.toString());
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThrows(NullPointerException.class, () -> new OneClassLoss(null, null, 0));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new OneClassLoss(new DataTerm.Nll(0), null, -1));
        assertTrue(x.getMessage().contains("l2"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OneClassLoss(new DataTerm.Nll(0), null, 0).value(F, new double[1][2], 0));
    }
}
