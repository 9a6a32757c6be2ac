package oneclass.metric;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Auc#of} against AUCs counted by hand as the fraction of (positive, negative) pairs in which the
 * positive scores higher, a tie counting ½ — the definition the rank formula must reproduce — and against
 * a brute-force O(n²) pair count on random data with many ties.
 */
class AucTest {

    /**
     * Positives 0.35 and 0.8, negatives 0.1 and 0.4. Pairs: 0.35 &gt; 0.1 (1), 0.35 &lt; 0.4 (0),
     * 0.8 &gt; 0.1 (1), 0.8 &gt; 0.4 (1): 3 of 4 pairs, AUC = 0.75 (also scikit-learn's documented example).
     */
    @Test
    void handCountedExample() {
        assertEquals(0.75, Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}), 0);
        assertEquals(0.75, Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}, 1), 0);
    }

    /**
     * Positives 0.5 and 0.9, negatives 0.5 and 0.2. Pairs: 0.5 vs 0.5 tie (½), 0.5 &gt; 0.2 (1),
     * 0.9 &gt; 0.5 (1), 0.9 &gt; 0.2 (1): 3.5 / 4 = 0.875. By ranks: 0.2 → 1, the two 0.5 share (2+3)/2 = 2.5,
     * 0.9 → 4; R₊ = 2.5 + 4 = 6.5, (6.5 − 2·3/2) / (2·2) = 3.5 / 4.
     */
    @Test
    void aTieBetweenAPositiveAndANegativeCountsOneHalf() {
        assertEquals(0.875, Auc.of(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {true, false, false, true}), 0);
    }

    /**
     * Ties among positives only do not matter: positives {0.7, 0.7}, negatives {0.1, 0.7}. Pairs:
     * 0.7 vs 0.1 twice (1 + 1), 0.7 vs 0.7 twice (½ + ½): 3 / 4 = 0.75.
     */
    @Test
    void tiesAcrossThreeScoresAreSharedCorrectly() {
        assertEquals(0.75, Auc.of(new double[] {0.7, 0.1, 0.7, 0.7}, new boolean[] {true, false, true, false}), 0);
    }

    /** Every pair is a tie: each counts ½, AUC = ½ whatever the labels. */
    @Test
    void allScoresEqualGivesOneHalf() {
        assertEquals(0.5, Auc.of(new double[] {3, 3, 3, 3, 3}, new boolean[] {true, false, false, true, false}), 0);
    }

    /** Every positive above every negative: 1; the reverse: 0; independent of the order of the items. */
    @Test
    void perfectAndReversedRankings() {
        assertEquals(1.0, Auc.of(new double[] {0.9, 0.1, 0.8, 0.2, 0.3}, new boolean[] {true, false, true, false, false}), 0);
        assertEquals(0.0, Auc.of(new double[] {0.1, 0.9, 0.2, 0.8, 0.7}, new boolean[] {true, false, true, false, false}), 0);
        // infinities are ordinary (extreme) scores
        assertEquals(1.0, Auc.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, new boolean[] {true, false}), 0);
    }

    /**
     * The int-label overload: labels 0..9, positive = 3 (the one-class protocol: the normal class is
     * positive, every other class an anomaly). Positives (label 3): 0.6, 0.2; negatives: 0.5 (label 0),
     * 0.1 (label 7), 0.9 (label 9). Pairs won: 0.6 beats 0.5 and 0.1 (2), 0.2 beats 0.1 (1): 3 / 6 = 0.5.
     */
    @Test
    void intLabelsMakeTheChosenClassPositive() {
        double[] s = {0.6, 0.5, 0.1, 0.2, 0.9};
        int[] labels = {3, 0, 7, 3, 9};
        assertEquals(0.5, Auc.of(s, labels, 3), 0);
        // class 9 as positive: 0.9 beats all four others
        assertEquals(1.0, Auc.of(s, labels, 9), 0);
        // class 7 as positive: 0.1 is the lowest of all
        assertEquals(0.0, Auc.of(s, labels, 7), 0);
    }

    @Test
    void onlyOneClassIsAnError() {
        var allPositive = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}));
        assertTrue(allPositive.getMessage().contains("2 positives and 0 negatives"), allPositive.getMessage());
        var noPositive = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2, 0.3}, new int[] {1, 2, 3}, 5));
        assertTrue(noPositive.getMessage().contains("0 positives and 3 negatives"), noPositive.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Auc.of(new double[0], new boolean[0]));
    }

    @Test
    void aNaNScoreIsAnErrorNamingItsIndex() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, Double.NaN, 0.3}, new boolean[] {true, false, true}));
        assertTrue(e.getMessage().contains("score 1 is NaN"), e.getMessage());
    }

    @Test
    void lengthMismatchIsAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2, 0.3}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("3 vs 2"), e.getMessage());
    }

    /** The definition itself: wins + ½·ties over all (positive, negative) pairs. */
    static double bruteForce(double[] s, boolean[] pos) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++)
            for (int j = 0; j < s.length; j++)
                if (pos[i] && !pos[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
        return wins / pairs;
    }

    /**
     * Integer scores 0..5 over n items make almost every score a tie with many others, the case where a
     * wrong mid-rank shows. The pair count is exact in binary (multiples of ½ over an integer), so the two
     * agree to rounding, 1e-12.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void equalsBruteForcePairCountWithManyTies(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 50 + r.nextInt(250);
        double[] s = new double[n];
        boolean[] pos = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(6);
            pos[i] = r.nextDouble() < 0.3;
        }
        pos[0] = true;
        pos[1] = false; // both classes present
        assertEquals(bruteForce(s, pos), Auc.of(s, pos), 1e-12);
    }

    /** A strictly increasing transform of the scores (here exp) leaves the AUC unchanged: it depends on ranks only. */
    @Test
    void dependsOnTheRanksOnly() {
        SplittableRandom r = new SplittableRandom(11);
        double[] s = new double[200], e = new double[200];
        boolean[] pos = new boolean[200];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(8) - 4;
            e[i] = Math.exp(s[i]);
            pos[i] = i % 3 == 0;
        }
        assertEquals(Auc.of(s, pos), Auc.of(e, pos), 0);
        assertEquals(bruteForce(s, pos), Auc.of(e, pos), 1e-12);
    }
}
