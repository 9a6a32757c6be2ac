package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The three losses on inputs worked by hand, the graph's versions against the plain ones, and the graph's
 * gradients (distance subnetwork, classifier output and pairing included) against central differences.
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

    /** The softplus forms in the graph equal the log forms of the paper, also far out where σ saturates. */
    @Test
    void graphLossesEqualThePapersForms() {
        double[] a = {-3, -0.5, 0, Math.log(3), 2.5}, y = {1, 0, 1, 0, 1};
        SameDiff sd = SameDiff.create();
        SDVariable va = sd.constant("a", Nd4j.createFromArray(a).reshape(5, 1));
        SDVariable vy = sd.constant("y", Nd4j.createFromArray(y).reshape(5, 1));
        IcsLosses.closeness(sd, "cls", va);
        IcsLosses.dispersion(sd, "disp", va);
        IcsLosses.intraClass(sd, "ic", va, vy);
        Map<String, INDArray> out = sd.output(Map.of(), "cls", "disp", "ic");
        assertEquals(IcsLosses.closeness(a), out.get("cls").getDouble(0), 1e-12);
        assertEquals(IcsLosses.dispersion(a), out.get("disp").getDouble(0), 1e-12);
        assertEquals(IcsLosses.intraClass(a, y), out.get("ic").getDouble(0), 1e-12);
        // saturated: log(1 - σ(40)) underflows in the log form, softplus does not
        SameDiff sd2 = SameDiff.create();
        IcsLosses.closeness(sd2, "cls", sd2.constant(Nd4j.createFromArray(40.0).reshape(1, 1)));
        assertEquals(40.0, sd2.output(Map.of(), "cls").get("cls").getDouble(0), 1e-9);
    }

    /**
     * The losses on the heads of the network: z [4, 3] (a variable, standing in for the feature extractor),
     * dist = σ((z_i − z_{pair(i)})·w_d + b_d), l = z·w_o + b_o; the summed loss L_cls + L_ic + L_disp.
     * SameDiff's gradients with respect to z, w_d, b_d, w_o must match central differences (double).
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        SDVariable z = sd.var("z", rand(r, 4, 3));
        SDVariable wd = sd.var("wd", rand(r, 3, 1)), bd = sd.var("bd", rand(r, 1, 1));
        SDVariable wo = sd.var("wo", rand(r, 3, 1)), bo = sd.var("bo", rand(r, 1, 1));
        SDVariable pair = sd.constant("pair", IcsNetwork.rolled(4).castTo(DataType.DOUBLE));
        SDVariable y = sd.constant("y", Nd4j.createFromArray(0.0, 1.0, 0.0, 1.0).reshape(4, 1));
        SDVariable a = pair.mmul(z).mmul(wd).add(bd);
        SDVariable l = z.mmul(wo).add(bo);
        SDVariable loss = IcsLosses.closeness(sd, "c", a).add(IcsLosses.intraClass(sd, "i", l, y)).add(IcsLosses.dispersion(sd, "d", a)).rename("loss");
        sd.setLossVariables("loss");
        int checked = FiniteDifferences.check(sd, List.of("z", "wd", "bd", "wo", "bo"), 1e-7);
        assertEquals(12 + 3 + 1 + 3 + 1, checked);
    }

    /** Pairs i ↔ i+1 mod B: a permutation with no fixed point (every image gets another partner). */
    @Test
    void pairsAreADerangement() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 0}, IcsNetwork.rolledPairs(5));
        // D·z = z_i − z_pair(i)
        INDArray z = Nd4j.createFromArray(new float[][] {{1, 10}, {2, 20}, {4, 40}});
        assertArrayEquals(new float[] {-1, -10, -2, -20, 3, 30}, IcsNetwork.rolled(3).mmul(z).data().asFloat());
    }

    static INDArray rand(java.util.SplittableRandom r, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() * 2 - 1;
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }
}
