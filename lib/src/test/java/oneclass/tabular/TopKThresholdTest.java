package oneclass.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TopKThreshold} on examples counted by hand, with and without ties at the threshold. */
class TopKThresholdTest {

    /**
     * Scores 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2 (items 0–7); anomalies are items 0, 2 and 5, so k = 3.
     * The three highest scores are items 0, 1, 2; two of them (0, 2) are anomalies: TP = 2, FP = 1 (item 1),
     * FN = 1 (item 5). Precision = 2/3, recall = 2/3, F1 = 2·(2/3)·(2/3) / (4/3) = 2/3. Threshold 0.7.
     */
    @Test
    void handCountedExample() {
        TopKThreshold.Result r = TopKThreshold.of(new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2},
                new boolean[] {true, false, true, false, false, true, false, false});

        assertEquals(3, r.k());
        assertEquals(0.7, r.threshold(), 0);
        assertEquals(1, r.tiedAtThreshold());
        assertEquals(2, r.truePositives(), 0);
        assertEquals(2.0 / 3, r.precision(), 1e-15);
        assertEquals(2.0 / 3, r.recall(), 1e-15);
        assertEquals(2.0 / 3, r.f1(), 1e-15);
    }

    /**
     * Scores 5, 3, 3, 3, 1; anomalies items 0, 1, 4, so k = 3. The 3rd highest score is t = 3. Above t: item 0
     * (an anomaly), 1 flagged; at t: m = 3 items (1, 2, 3) for r = 3 − 1 = 2 slots, 1 of them an anomaly
     * (item 1), which counts 2/3. TP = 1 + 2·1/3 = 5/3; precision = recall = F1 = (5/3)/3 = 5/9. The same
     * whichever order the items come in.
     */
    @Test
    void tiesAtTheThresholdShareTheRemainingSlots() {
        TopKThreshold.Result r = TopKThreshold.of(new double[] {5, 3, 3, 3, 1},
                new boolean[] {true, true, false, false, true});

        assertEquals(3, r.tiedAtThreshold());
        assertEquals(3.0, r.threshold(), 0);
        assertEquals(5.0 / 3, r.truePositives(), 1e-15);
        assertEquals(5.0 / 9, r.precision(), 1e-15);
        assertEquals(5.0 / 9, r.recall(), 1e-15);
        assertEquals(5.0 / 9, r.f1(), 1e-15);

        TopKThreshold.Result reordered = TopKThreshold.of(new double[] {3, 1, 3, 5, 3},
                new boolean[] {false, true, true, true, false});
        assertEquals(r, reordered);
    }

    /**
     * A constant scorer: every item ties, m = n, r = k, TP = k·k/n, so precision = k/n, the anomaly
     * ratio; here 2 of 8: 0.25. The score of a model that learned nothing is the base rate, not luck of order.
     */
    @Test
    void aConstantScoreEarnsTheAnomalyRatio() {
        TopKThreshold.Result r = TopKThreshold.of(new double[8], new boolean[] {false, true, false, false, true, false, false, false});

        assertEquals(0.25, r.precision(), 1e-15);
        assertEquals(0.25, r.f1(), 1e-15);
    }

    @Test
    void perfectAndReversedRankings() {
        boolean[] labels = {false, true, false, true};
        assertEquals(1.0, TopKThreshold.of(new double[] {0.1, 0.9, 0.2, 0.8}, labels).f1(), 0);
        TopKThreshold.Result worst = TopKThreshold.of(new double[] {0.9, 0.1, 0.8, 0.2}, labels);
        assertEquals(0.0, worst.precision(), 0);
        assertEquals(0.0, worst.f1(), 0); // 2PR/(P+R) with P = R = 0 is taken as 0
    }

    /**
     * HRN scores normality (sigmoid(f), higher = more normal); negated it is an anomaly score. Logits
     * f = 20, 19, −3, 2 with item 2 the anomaly: −f flags item 2 alone (k = 1), F1 = 1. In float32,
     * sigmoid(20) and sigmoid(19) both round to 1, which is why the class comment prefers −f.
     */
    @Test
    void hrnScoresAreNegated() {
        double[] f = {20, 19, -3, 2};
        double[] anomaly = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            anomaly[i] = -f[i];
        }
        assertEquals(1.0, TopKThreshold.of(anomaly, new boolean[] {false, false, true, false}).f1(), 0);
        assertEquals(1f, (float) (1 / (1 + Math.exp(-20))));
        assertEquals(1f, (float) (1 / (1 + Math.exp(-19))));
    }

    /** Precision equals recall equals F1 for any scores, ties or not: exactly k are (fractionally) flagged. */
    @Test
    void precisionRecallAndF1AreEqualOnRandomScoresWithTies() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(50);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            labels[random.nextInt(n)] = true;
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(5); // few distinct values: many ties
                labels[i] |= random.nextInt(4) == 0;
            }
            TopKThreshold.Result r = TopKThreshold.of(scores, labels);
            assertEquals(r.precision(), r.recall(), 1e-12);
            assertEquals(r.precision(), r.f1(), 1e-12);
            assertTrue(r.truePositives() >= 0 && r.truePositives() <= r.k());
        }
    }

    @Test
    void refusesWhatHasNoAnswer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopKThreshold.of(new double[] {1, 2}, new boolean[] {false, false}));
        assertTrue(e.getMessage().contains("no anomalies"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TopKThreshold.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertEquals("score 1 is NaN: the model diverged", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TopKThreshold.of(new double[] {1}, new boolean[] {true, false}));
        assertEquals("scores and labels differ in length: 1 vs 2", e.getMessage());
    }
}
