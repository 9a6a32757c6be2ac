package oneclass.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pass rule, margin = tolerance + 2·√(σ_paper² + σ_ours²), and the verdict |ours − paper| ≤ margin,
 * worked by hand; the boundary cases use numbers exact in binary so that "equal to the margin" is exact.
 */
class VerdictTest {

    /** tolerance 1, σ_paper 0.1, σ_ours 0.2: 1 + 2·√(0.01 + 0.04) = 1 + 2·√0.05 = 1.4472135954999579. */
    @Test
    void marginByHand() {
        assertEquals(1 + 2 * Math.sqrt(0.05), Verdict.margin(1, 0.1, 0.2), 1e-15);
        assertEquals(1.4472135954999579, Verdict.margin(1, 0.1, 0.2), 1e-15);
        // σ 0.75 and 1: √(0.5625 + 1) = 1.25 exactly, margin 1 + 2.5 = 3.5
        assertEquals(3.5, Verdict.margin(1, 0.75, 1), 0);
        // the paper prints no ± (NaN): σ_paper = 0; a single seed's NaN std likewise counts 0
        assertEquals(2.0, Verdict.margin(2, Double.NaN, Double.NaN), 0);
        assertEquals(1.6, Verdict.margin(1, Double.NaN, 0.3), 1e-15);
        assertEquals(1.0, Verdict.margin(1, 0, 0), 0);
    }

    /** paper 96.5, margin 1.5 (= margin(1, 0, 0.25)): 95.0 and 98.0 lie exactly on the boundary, which is inside. */
    @Test
    void boundaryIsWithin() {
        double m = Verdict.margin(1, 0, 0.25);
        assertEquals(1.5, m, 0);
        assertEquals(Verdict.WITHIN, Verdict.judge(96.5, 96.5, m));
        assertEquals(Verdict.WITHIN, Verdict.judge(98.0, 96.5, m));
        assertEquals(Verdict.WITHIN, Verdict.judge(95.0, 96.5, m));
        assertEquals(Verdict.ABOVE, Verdict.judge(Math.nextUp(98.0), 96.5, m));
        assertEquals(Verdict.BELOW, Verdict.judge(Math.nextDown(95.0), 96.5, m));
        assertEquals(Verdict.BELOW, Verdict.judge(90, 96.5, m));
        assertEquals(Verdict.ABOVE, Verdict.judge(99.9, 96.5, m));
    }

    @Test
    void onlyBelowAndAboveFail() {
        assertTrue(Verdict.BELOW.fails());
        assertTrue(Verdict.ABOVE.fails());
        assertFalse(Verdict.WITHIN.fails());
        assertFalse(Verdict.NOT_COMPARABLE.fails());
        assertFalse(Verdict.NO_PAPER_VALUE.fails());
        assertEquals("BELOW paper", Verdict.BELOW.label);
        assertEquals("within tolerance", Verdict.WITHIN.label);
    }
}
