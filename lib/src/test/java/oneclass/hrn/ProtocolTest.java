package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two protocols' settings, as documented in {@link Protocol} and docs/official-code-facts.md:
 * the paper (HRN Sec. 4.2: 100 epochs, ReLU, no biases, the class's whole training set) against the
 * authors' code (50 epochs, LeakyReLU 0.01, no biases, U(±1/√2000) or U(±0.001) weights, ε = 0.01 in the
 * log, first 90 % of the class, 0.006 added to CIFAR-10 inputs, per-pixel H-norm on CIFAR-10, best epoch
 * on test).
 */
class ProtocolTest {

    /** 1×1 images whose only use is their labels; pixel i holds i so that order is visible. */
    static Images labelled(int... labels) {
        byte[] px = new byte[labels.length];
        for (int i = 0; i < px.length; i++) px[i] = (byte) i;
        return new Images("labels", 1, 1, 1, px, labels);
    }

    @Test
    void epochs() {
        assertEquals(100, Protocol.PAPER.defaultEpochs());
        assertEquals(50, Protocol.OFFICIAL_CODE.defaultEpochs());
        assertNull(Protocol.PAPER.shortened(100));
        assertNull(Protocol.PAPER.shortened(150));
        assertEquals("99 of the paper's 100 epochs", Protocol.PAPER.shortened(99));
        assertNull(Protocol.OFFICIAL_CODE.shortened(50));
        assertEquals("3 of the authors' code's 50 epochs", Protocol.OFFICIAL_CODE.shortened(3));
        for (Benchmark b : Benchmark.values())
            for (Method m : Method.values()) {
                assertEquals(100, Protocol.PAPER.config(b, m).epochs(), b + " " + m);
                assertEquals(50, Protocol.OFFICIAL_CODE.config(b, m).epochs(), b + " " + m);
            }
    }

    /**
     * Class 1 appears at indices 0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 13 (11 times). Paper: all 11 in file order.
     * Code: the first ⌊11·0.9⌋ = ⌊9.9⌋ = 9 of them (floor, not rounding to 10).
     */
    @Test
    void trainIndicesPaperTakesAllCodeTakesTheFirstNinetyPercent() {
        Images train = labelled(1, 0, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 1);
        assertArrayEquals(new int[] {0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 13}, Protocol.PAPER.trainIndices(train, 1));
        assertArrayEquals(new int[] {0, 2, 3, 5, 6, 7, 8, 9, 10}, Protocol.OFFICIAL_CODE.trainIndices(train, 1));
        // class 0 twice: ⌊1.8⌋ = 1; class 2 once: ⌊0.9⌋ = 0, the code trains on nothing
        assertArrayEquals(new int[] {1}, Protocol.OFFICIAL_CODE.trainIndices(train, 0));
        assertArrayEquals(new int[0], Protocol.OFFICIAL_CODE.trainIndices(train, 2));
        assertArrayEquals(new int[] {1, 12}, Protocol.PAPER.trainIndices(train, 0));
    }

    /** ⌊n·0.9⌋ for class sizes where 0.9·n is an integer or just below one. */
    @ParameterizedTest(name = "n={0} → {1}")
    @CsvSource({"10, 9", "19, 17", "20, 18", "30, 27", "5923, 5330", "6742, 6067"})
    void officialCodeKeepsFloorOfNinetyPercent(int n, int kept) {
        int[] labels = new int[n + 3];
        Arrays.fill(labels, 0, n, 7);
        Arrays.fill(labels, n, n + 3, 4); // other classes after the last 7: they must not be picked
        int[] idx = Protocol.OFFICIAL_CODE.trainIndices(labelled(labels), 7);
        assertEquals(kept, idx.length);
        for (int i = 0; i < kept; i++) assertEquals(i, idx[i]);
        assertEquals(n, Protocol.PAPER.trainIndices(labelled(labels), 7).length);
    }

    @Test
    void cifarOffsetOnlyUnderOfficialCode() {
        assertEquals(0.006f, Protocol.OFFICIAL_CODE.normalization(Benchmark.CIFAR10).offset());
        assertEquals(InstanceNorm2.PAPER, Protocol.OFFICIAL_CODE.normalization(Benchmark.MNIST));
        assertEquals(InstanceNorm2.PAPER, Protocol.OFFICIAL_CODE.normalization(Benchmark.FASHION_MNIST));
        for (Benchmark b : Benchmark.values()) assertEquals(0f, Protocol.PAPER.normalization(b).offset(), b.toString());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void hrnL2HasNoHRegularizerAndL2OfOneTenth(Protocol p) {
        for (Benchmark b : Benchmark.values()) {
            HrnConfig l2 = p.config(b, Method.HRN_L2);
            assertNull(l2.hreg(), p + " " + b);
            assertEquals(0.1, l2.l2(), 0, p + " " + b);
            HrnConfig hrn = p.config(b, Method.HRN);
            assertEquals(0.0, hrn.l2(), 0, p + " " + b);
            assertEquals(0.1, hrn.hreg().lambda(), 0);
            assertEquals(12, hrn.hreg().n(), 0);
        }
    }

    /** Only the code on CIFAR-10 takes the H-norm per pixel over the 3 colour channels. */
    @Test
    void perPixelNormOnlyForOfficialCifar() {
        assertEquals(3, Protocol.OFFICIAL_CODE.config(Benchmark.CIFAR10, Method.HRN).hreg().perPixelChannels());
        assertEquals(0, Protocol.OFFICIAL_CODE.config(Benchmark.MNIST, Method.HRN).hreg().perPixelChannels());
        assertEquals(0, Protocol.OFFICIAL_CODE.config(Benchmark.FASHION_MNIST, Method.HRN).hreg().perPixelChannels());
        assertEquals(0, Protocol.PAPER.config(Benchmark.CIFAR10, Method.HRN).hreg().perPixelChannels());
    }

    /**
     * Paper: no biases (it writes f(x) = w2·σ(w1·x), Eqs. 4-6), ReLU, PyTorch's default init, plain NLL, a
     * short last batch; batch 100, lr 0.1, momentum 0.9.
     */
    @Test
    void paperRecipe() {
        HrnConfig c = Protocol.PAPER.config(Benchmark.MNIST, Method.HRN);
        assertEquals(Architecture.MNIST, c.architecture());
        assertEquals(0.0, c.negativeSlope(), 0);
        assertFalse(c.bias());
        assertNull(c.initBound());
        assertEquals(new DataTerm.Nll(0), c.dataTerm());
        assertEquals(100, c.batchSize());
        assertEquals(0.1, c.lr(), 0);
        assertEquals(0.9, c.momentum(), 0);
        assertFalse(c.topUpLastBatch());
        assertEquals(Architecture.CIFAR10, Protocol.PAPER.config(Benchmark.CIFAR10, Method.HRN).architecture());
    }

    /** Code: LeakyReLU 0.01, no biases, U(±1/√2000) (MNIST) or U(±0.001) (CIFAR-10), ε = 0.01, topped-up last batch. */
    @Test
    void officialCodeRecipe() {
        HrnConfig m = Protocol.OFFICIAL_CODE.config(Benchmark.MNIST, Method.HRN);
        assertEquals(0.01, m.negativeSlope(), 0);
        assertFalse(m.bias());
        assertEquals(1 / Math.sqrt(2000), m.initBound(), 0);
        assertEquals(new DataTerm.Nll(0.01), m.dataTerm());
        assertTrue(m.topUpLastBatch());
        assertEquals(100, m.batchSize());
        assertEquals(0.001, Protocol.OFFICIAL_CODE.config(Benchmark.CIFAR10, Method.HRN).initBound(), 0);
        assertTrue(Protocol.OFFICIAL_CODE.reportsBestEpochOnTest());
        assertFalse(Protocol.PAPER.reportsBestEpochOnTest());
    }

    /** HRN Sec. 4.2 writes the architectures "[784-100]-[100-1]" and "3*[1024-300]-[900-300]-[300-1]". */
    @Test
    void architecturesAsThePaperWritesThem() {
        assertEquals("[784-100]-[100-1]", Protocol.architecture(Benchmark.MNIST).toString());
        assertEquals("[784-100]-[100-1]", Protocol.architecture(Benchmark.FASHION_MNIST).toString());
        assertEquals("3*[1024-300]-[900-300]-[300-1]", Protocol.architecture(Benchmark.CIFAR10).toString());
    }

    @Test
    void parseAcceptsTheCliNames() {
        assertEquals(Protocol.PAPER, Protocol.parse("paper"));
        assertEquals(Protocol.OFFICIAL_CODE, Protocol.parse("Official-Code"));
        for (Protocol p : Protocol.values()) assertEquals(p, Protocol.parse(p.cliName()));
        assertEquals(Method.HRN, Method.parse("HRN"));
        assertEquals(Method.HRN_L2, Method.parse("hrn-l2"));
        assertEquals(Method.HRN_L2, Method.parse("HRN_L2"));
        for (Method m : Method.values()) assertEquals(m, Method.parse(m.column()));
    }

    @Test
    void parseRejectsUnknownValuesNamingThem() {
        var p = assertThrows(IllegalArgumentException.class, () -> Protocol.parse("papers"));
        assertTrue(p.getMessage().contains("'papers'"), p.getMessage());
        assertTrue(p.getMessage().contains("official-code"), p.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Method.parse("HRN-L1"));
        assertTrue(m.getMessage().contains("'HRN-L1'"), m.getMessage());
        assertTrue(m.getMessage().contains("HRN, HRN-L2"), m.getMessage());
        assertEquals("unknown protocol 'papers'; valid: paper, official-code", p.getMessage());
        assertEquals("unknown method 'HRN-L1'; valid: HRN, HRN-L2", m.getMessage());
        assertEquals("unknown protocol 'OFFICIAL_CODE'; valid: paper, official-code",
                assertThrows(IllegalArgumentException.class, () -> Protocol.parse("OFFICIAL_CODE")).getMessage(), "a protocol is named by its CLI name only");
    }
}
