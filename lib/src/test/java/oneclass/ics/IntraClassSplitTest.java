package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class IntraClassSplitTest {
    static IntraClassSplit split(double... trainSsim) {
        int[] idx = new int[trainSsim.length];
        for (int i = 0; i < idx.length; i++) idx[i] = 100 + i;
        return new IntraClassSplit(idx, trainSsim, new int[] {0, 1}, new double[] {0.5, 0.25});
    }

    @Test
    void atypicalCountIsRhoPercentRounded() {
        assertEquals(600, IntraClassSplit.atypicalCount(6000, 10));
        assertEquals(592, IntraClassSplit.atypicalCount(5923, 10));   // 592.3
        assertEquals(593, IntraClassSplit.atypicalCount(5925, 10));   // 592.5 rounds up
        assertEquals(2500, IntraClassSplit.atypicalCount(5000, 50));
        assertEquals(1, IntraClassSplit.atypicalCount(5, 5));         // never none
        assertThrows(IllegalArgumentException.class, () -> IntraClassSplit.atypicalCount(100, 0));
        assertThrows(IllegalArgumentException.class, () -> IntraClassSplit.atypicalCount(100, 100));
    }

    /** The lowest ρ % of the scores are atypical: of 10 scores at ρ = 20, the two lowest (positions 3 and 7). */
    @Test
    void theLowestScoresAreAtypical() {
        IntraClassSplit s = split(0.9, 0.8, 0.7, 0.1, 0.95, 0.85, 0.75, 0.2, 0.99, 0.6);
        assertArrayEquals(new int[] {3, 7}, s.atypical(20));
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0}, s.labels(20));
        assertArrayEquals(new int[] {3, 7, 9, 2, 6}, s.atypical(50));
    }

    @Test
    void tiesGoToTheLowerPosition() {
        assertArrayEquals(new int[] {1, 2}, split(0.9, 0.5, 0.5, 0.5).atypical(50));
    }

    @Test
    void proportionsOnARealisticSize() {
        double[] scores = new double[5923];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < scores.length; i++) scores[i] = r.nextDouble();
        IntraClassSplit s = split(scores);
        for (double rho : new double[] {5, 10, 20, 50}) {
            float[] y = s.labels(rho);
            double atyp = 0;
            for (float v : y) atyp += v;
            assertEquals(Math.round(rho * 5923 / 100), atyp, 0.0, "rho " + rho);
            double maxAtyp = Arrays.stream(s.atypical(rho)).mapToDouble(i -> scores[i]).max().orElseThrow();
            for (int i = 0; i < y.length; i++) if (y[i] == 0) assertTrue(scores[i] >= maxAtyp, "a typical image scores below an atypical one");
        }
    }

    @Test
    void savesAndLoadsAndRefusesOtherSettings(@TempDir Path dir) {
        IntraClassSplit s = split(0.9, 0.1, 0.5);
        Path f = dir.resolve("splits/x.csv");
        assertTrue(IntraClassSplit.load(f, "abc").isEmpty());
        s.save(f, "abc");
        IntraClassSplit back = IntraClassSplit.load(f, "abc").orElseThrow();
        assertArrayEquals(s.trainIndices(), back.trainIndices());
        assertArrayEquals(s.trainSsim(), back.trainSsim());
        assertArrayEquals(s.testIndices(), back.testIndices());
        assertArrayEquals(s.testSsim(), back.testSsim());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IntraClassSplit.load(f, "other"));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    /** A split file cut at any byte, or with one digit edited, fails its CRC-32 and is made again (load gives empty). */
    @Test
    void aDamagedSplitFileIsTreatedAsAbsent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.csv");
        split(0.9, 0.1, 0.5).save(f, "abc");
        byte[] whole = java.nio.file.Files.readAllBytes(f);
        for (int n = 0; n < whole.length - 1; n++) {   // the last byte is the final newline: without it the file is still whole
            java.nio.file.Files.write(f, java.util.Arrays.copyOf(whole, n));
            assertTrue(IntraClassSplit.load(f, "abc").isEmpty(), "a file cut to " + n + " of " + whole.length + " bytes was accepted");
        }
        String edited = new String(whole, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("train,(\\d)", "train,9$1");
        java.nio.file.Files.writeString(f, edited);
        assertTrue(IntraClassSplit.load(f, "abc").isEmpty(), "an edited index was accepted");
        java.nio.file.Files.write(f, whole);
        assertTrue(IntraClassSplit.load(f, "abc").isPresent());
    }
}
