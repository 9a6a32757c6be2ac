package oneclass.ics;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The evaluation split of the code's protocol, the normality score, and the optimizer's first steps, by hand. */
class IcsRunTest {
    /** 10 test images, labels 0,1,0,1,...: normals at 0,2,4,6,8. With 40 %, the first 2 normals (0, 2) and anomalies (1, 3) validate. */
    @Test
    void validationIsTheFirstFractionOfEachLabelInFileOrder() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        Images test = new Images("t", 1, 1, 1, new byte[10], labels);
        IcsRun.Evaluation e = IcsRun.Evaluation.of(test, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0.4);
        assertArrayEquals(new boolean[] {true, true, true, true, false, false, false, false, false, false}, e.validation());
        // scores that rank the held-out part perfectly and the validation part backwards
        double[] s = {0, 1, 0, 1, 1, 0, 1, 0, 1, 0};
        assertEquals(1.0, e.auc(s));
        assertEquals(0.0, e.validationAuc(s));
        IcsRun.Evaluation all = IcsRun.Evaluation.of(test, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0);
        assertEquals(0.6, all.auc(s), 1e-12); // normals 0,0,1,1,1 vs anomalies 1,1,0,0,0: 9 pairs right, 4 wrong, 12 ties as halves: 15/25
    }

    @Test
    void normalityIsMinusTheLogit() {
        assertArrayEquals(new double[] {-2, 0.5}, IcsRun.normality(new double[] {2, -0.5}));
    }

    /**
     * Adam's first step is lr·m̂/(√v̂ + ε) with m̂ = g, v̂ = g²: about lr·sign(g). RMSprop's is
     * lr·g/(√((1−ρ)g²) + ε) = lr·sign(g)/√0.1.
     */
    @Test
    void firstOptimizerStepsByHand() {
        for (String rule : List.of("adam", "rmsprop")) {
            SameDiff sd = SameDiff.create();
            sd.var("w", Nd4j.createFromArray(1f, 1f));
            Optimizer o = new Optimizer(sd, List.of("w"), rule.equals("adam") ? Optimizer.Rule.adam(0.1, 0.5) : Optimizer.Rule.rmsprop(0.1));
            o.step(new java.util.HashMap<>(Map.of("w", Nd4j.createFromArray(2f, -0.5f))));
            float[] w = sd.getArrForVarName("w").toFloatVector();
            double step = rule.equals("adam") ? 0.1 : 0.1 / Math.sqrt(0.1);
            assertEquals(1 - step, w[0], 1e-4, rule);
            assertEquals(1 + step, w[1], 1e-4, rule);
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizer.Rule.adam(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Optimizer.Rule("sgd", 0.1, 0));
    }

    @Test
    void configRejectsBadSettingsByName() {
        IcsConfig c = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withEpochs(0, 1));
        assertTrue(e.getMessage().contains("ae-epochs"), e.getMessage());
        assertEquals(64, c.batch());
        assertEquals(1e-6, c.l2());
        assertEquals(28, c.arch().side());
        assertEquals(32, IcsProtocol.OFFICIAL_CODE.config(oneclass.data.Benchmark.MNIST, 8).arch().side());
    }
}
