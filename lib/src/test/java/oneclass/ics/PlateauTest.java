package oneclass.ics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The paper protocol's convergence rule on loss curves made by hand. */
class PlateauTest {
    static final Plateau RULE = new Plateau(3, 0.01);

    /**
     * 1.0, 0.5, 0.3, 0.299, 0.298, 0.2975, ...: epoch 3 is the last that improves by more than 1 %
     * (0.299 > 0.99·0.3 = 0.297), so training stops after epoch 3 + 3 = 6.
     */
    @Test
    void stopsPatienceEpochsAfterTheLastRealImprovement() {
        double[] curve = {1.0, 0.5, 0.3, 0.299, 0.298, 0.2975, 0.297, 0.1, 0.1};
        assertEquals(6, RULE.epochs(curve, 100));
        assertEquals(4, RULE.epochs(curve, 4), "the cap comes first");
    }

    /** A curve that keeps falling by 10 % an epoch never converges: the cap stops it. */
    @Test
    void aSteadilyFallingLossRunsToTheCap() {
        double[] curve = new double[50];
        for (int e = 0; e < 50; e++) curve[e] = Math.pow(0.9, e);
        assertEquals(30, RULE.epochs(curve, 30));
    }

    /** Noise around a plateau: a new best by less than δ does not reset the count; a rise never does. */
    @Test
    void smallNewBestsAndRisesDoNotCountAsProgress() {
        double[] curve = {2.0, 1.0, 1.2, 0.995, 1.1, 1.3};
        // epoch 2 improves; 0.995 is a new best but only 0.5 % below 1.0: stop after epoch 2 + 3 = 5
        assertEquals(5, RULE.epochs(curve, 100));
        // with δ = 0 the new best at epoch 4 counts: stop after 4 + 3 = 7, but the curve ends at 6
        assertEquals(6, new Plateau(3, 0).epochs(curve, 100));
    }

    /** The tracker stops after the same epoch as {@link Plateau#epochs}, and a NaN loss never improves. */
    @Test
    void trackerAndNaN() {
        Plateau.Tracker t = new Plateau(2, 0.01).tracker();
        assertFalse(t.converged(1.0));
        assertFalse(t.converged(Double.NaN));
        assertTrue(t.converged(Double.NaN), "two epochs without improvement");
        assertEquals(1, new Plateau(1, 0.01).epochs(new double[] {Double.NaN, 1.0}, 10), "NaN first: no improvement, stop after 1");
    }

    @Test
    void offTrainsEveryEpochAndBadSettingsAreNamed() {
        assertEquals(7, Plateau.OFF.epochs(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 7));
        assertEquals("fixed", Plateau.OFF.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Plateau(-1, 0.01));
        assertTrue(e.getMessage().contains("patience"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Plateau(3, 1.5));
        assertTrue(e.getMessage().contains("min-delta"), e.getMessage());
    }
}
