package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The three losses on inputs worked by hand, the array versions and their gradients against the plain ones,
 * and the network's gradients (distance subnetwork, classifier output and pairing included) against central
 * differences.
 */
class IcsLossesTest {
    static final double LN2 = Math.log(2);

    /** a = (0, ln 3): dist = σ(a) = (1/2, 3/4). Eq. 2: −(log(1/2) + log(1/4))/2 = 1.5 ln 2. */
    @Test
    void closenessByHand() {
        assertEquals(1.5 * LN2, IcsLosses.closeness(new double[] {0, Math.log(3)}), 1e-12);
    }

    /** Eq. 4: −(log(1/2) + log(3/4))/2 = (ln 2 + ln 4/3)/2. */
    @Test
    void dispersionByHand() {
        assertEquals((LN2 + Math.log(4.0 / 3)) / 2, IcsLosses.dispersion(new double[] {0, Math.log(3)}), 1e-12);
    }

    /** Eq. 3 with l = (0, ln 3), y = (1, 0): −(log σ(0) + log(1 − σ(ln 3)))/2 = (ln 2 + ln 4)/2 = 1.5 ln 2. */
    @Test
    void intraClassByHand() {
        assertEquals(1.5 * LN2, IcsLosses.intraClass(new double[] {0, Math.log(3)}, new double[] {1, 0}), 1e-12);
        assertEquals(LN2, IcsLosses.intraClass(new double[] {0}, new double[] {0}), 1e-12);
    }

    /**
     * The softplus forms on arrays equal the log forms of the paper, also far out where σ saturates, and their
     * gradients with respect to the logits equal central differences of the plain forms.
     */
    @Test
    void arrayLossesAndGradientsEqualThePapersForms() {
        double[] a = {-3, -0.5, 0, Math.log(3), 2.5}, y = {1, 0, 1, 0, 1};
        INDArray va = Nd4j.createFromArray(a).reshape(5, 1), vy = Nd4j.createFromArray(y).reshape(5, 1);
        INDArray dCls = va.ulike(), dIc = va.ulike(), dDisp = va.ulike();
        assertEquals(IcsLosses.closeness(a), IcsLosses.closeness(va, dCls), 1e-12);
        assertEquals(IcsLosses.dispersion(a), IcsLosses.dispersion(va, dDisp), 1e-12);
        assertEquals(IcsLosses.intraClass(a, y), IcsLosses.intraClass(va, vy, dIc), 1e-12);
        double eps = 1e-6;
        for (int i = 0; i < a.length; i++) {
            double[] up = a.clone(), down = a.clone();
            up[i] += eps;
            down[i] -= eps;
            assertEquals((IcsLosses.closeness(up) - IcsLosses.closeness(down)) / (2 * eps), dCls.getDouble(i), 1e-8, "Eq. 2, a" + i);
            assertEquals((IcsLosses.dispersion(up) - IcsLosses.dispersion(down)) / (2 * eps), dDisp.getDouble(i), 1e-8, "Eq. 4, a" + i);
            assertEquals((IcsLosses.intraClass(up, y) - IcsLosses.intraClass(down, y)) / (2 * eps), dIc.getDouble(i), 1e-8, "Eq. 3, l" + i);
        }
        // saturated: log(1 - σ(40)) underflows in the log form, softplus does not
        assertEquals(40.0, IcsLosses.closeness(Nd4j.createFromArray(40.0).reshape(1, 1), null), 1e-9);
    }

    /**
     * Every step of the whole network (feature extractor, z, both heads, the pairing): its loss's gradient
     * with respect to every value of θ against central differences (double), with biases off 0; the heads a
     * step does not use have gradient 0.
     */
    @Test
    void networkGradientsMatchFiniteDifferences() {
        ConvStack features = new ConvStack(List.of(new ConvStack.Conv(2, 3), new ConvStack.Pool(true), new ConvStack.Dense(4), new ConvStack.Dense(3)), 0.2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1, 4, 4);
        float[] y = {0, 1, 0, 1};
        for (IcsNetwork.Step step : IcsNetwork.Step.values()) {
            IcsNetwork net = new IcsNetwork(features, 1, 4, 0, Optimizer.Rule.adam(1e-3, 0.5), 3, false, DataType.DOUBLE);
            Params p = net.params();
            p.theta().addi(Nd4j.rand(DataType.DOUBLE, p.theta().shape()).subi(0.5));
            int checked = FiniteDifferences.check(p, () -> net.loss(step, x, y, true), () -> net.loss(step, x, y, false), 1e-8);
            // conv 3x3 1→2 (18 + 2), dense 8→4 (32 + 4), dense 4→3 (12 + 3), w_o, b_o, w_d, b_d (3 + 1 + 3 + 1)
            assertEquals(20 + 36 + 15 + 8, checked, step.toString());
            long n = p.theta().length();
            INDArray heads = p.grad().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - 8, n));
            double unused = step == IcsNetwork.Step.INTRA_CLASS ? heads.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)).amaxNumber().doubleValue()
                    : heads.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).amaxNumber().doubleValue();
            assertEquals(0.0, unused, 0.0, step + ": the other head's gradient");
        }
    }

    /** Pairs i ↔ i+1 mod B: a permutation with no fixed point (every image gets another partner). */
    @Test
    void pairsAreADerangement() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 0}, IcsNetwork.rolledPairs(5));
        // D·z = z_i − z_pair(i)
        INDArray z = Nd4j.createFromArray(new float[][] {{1, 10}, {2, 20}, {4, 40}});
        assertArrayEquals(new float[] {-1, -10, -2, -20, 3, 30}, IcsNetwork.rolled(3).mmul(z).data().asFloat());
    }
}
