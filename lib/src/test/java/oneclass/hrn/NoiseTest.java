package oneclass.hrn;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Table 5's training noise: the class's training indices plus round(ratio·n) other-class training indices,
 * n the class's own training-set size, drawn uniformly without replacement.
 */
class NoiseTest {

    /** MNIST's training-set class sizes (digits 0-9, 60,000 in all). */
    static final int[] MNIST_SIZES = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};

    /** 1×1 one-channel images with these class sizes, labels shuffled so that no class is contiguous. */
    static Images images(int... classSizes) {
        int n = Arrays.stream(classSizes).sum();
        int[] labels = new int[n];
        for (int c = 0, k = 0; c < classSizes.length; c++) for (int i = 0; i < classSizes[c]; i++) labels[k++] = c;
        SplittableRandom r = new SplittableRandom(0);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return new Images("toy", 1, 1, 1, new byte[n], labels);
    }

    /** The contaminated set starts with the class's indices unchanged; the rest are distinct and from other classes. */
    static void assertWellFormed(Images train, int[] classIndices, int normalClass, int[] out) {
        assertArrayEquals(classIndices, Arrays.copyOf(out, classIndices.length), "the class's own indices come first, unchanged");
        Set<Integer> seen = new HashSet<>();
        for (int i : out) assertTrue(seen.add(i), "index " + i + " appears twice");
        for (int k = classIndices.length; k < out.length; k++)
            assertNotEquals(normalClass, train.label(out[k]), "added index " + out[k] + " is from the normal class");
    }

    /**
     * Exact added counts on MNIST's class sizes, round half up of ratio·n: class 0 (n = 5923): 59.23 → 59,
     * 592.3 → 592, 1184.6 → 1185; class 1 (6742): 67.42 → 67, 674.2 → 674, 1348.4 → 1348; class 5 (5421):
     * 54.21 → 54, 542.1 → 542, 1084.2 → 1084. And a round 6,000: 60, 600, 1200 (10 % adds 600).
     */
    @ParameterizedTest(name = "class {0} ratio {1}: +{2}")
    @CsvSource({
            "0, 0.01, 59", "0, 0.10, 592", "0, 0.20, 1185",
            "1, 0.01, 67", "1, 0.10, 674", "1, 0.20, 1348",
            "5, 0.01, 54", "5, 0.10, 542", "5, 0.20, 1084",
    })
    void mnistSizedCounts(int normalClass, double ratio, int added) {
        Images train = images(MNIST_SIZES);
        int[] own = train.indicesOf(normalClass);
        int[] out = Noise.contaminate(train, own, normalClass, ratio, new SplittableRandom(1));
        assertEquals(MNIST_SIZES[normalClass] + added, out.length);
        assertWellFormed(train, own, normalClass, out);
    }

    /**
     * Small classes, where rounding matters: sizes (200, 150, 50), others 200, 250, 350. Class 0: 2, 20, 40,
     * 100, 198 at 1, 10, 20, 50, 99 %; class 1: 1.5 → 2, 15, 30; class 2: 0.5 → 1, 5, 10, 45 at 90 %; and a
     * 6,000-image class: 60, 600, 1200.
     */
    @ParameterizedTest(name = "sizes {0}, class {1}, ratio {2}: +{3}")
    @CsvSource({
            "200-150-50, 0, 0.01, 2", "200-150-50, 0, 0.10, 20", "200-150-50, 0, 0.20, 40",
            "200-150-50, 0, 0.50, 100", "200-150-50, 0, 0.99, 198",
            "200-150-50, 1, 0.01, 2", "200-150-50, 1, 0.10, 15", "200-150-50, 1, 0.20, 30",
            "200-150-50, 2, 0.01, 1", "200-150-50, 2, 0.10, 5", "200-150-50, 2, 0.20, 10", "200-150-50, 2, 0.90, 45",
            "6000-700-700, 0, 0.01, 60", "6000-700-700, 0, 0.10, 600", "6000-700-700, 0, 0.20, 1200",
    })
    void smallClassCounts(String sizes, int normalClass, double ratio, int added) {
        int[] s = Arrays.stream(sizes.split("-")).mapToInt(Integer::parseInt).toArray();
        Images train = images(s);
        int[] own = train.indicesOf(normalClass);
        int[] out = Noise.contaminate(train, own, normalClass, ratio, new SplittableRandom(2));
        assertEquals(s[normalClass] + added, out.length);
        assertWellFormed(train, own, normalClass, out);
    }

    /** The ratio is relative to the indices passed, e.g. the official code's first 90 %: 180 of class 0 at 10 % adds 18. */
    @Test
    void ratioIsRelativeToTheIndicesGiven() {
        Images train = images(200, 150, 50);
        int[] first90 = Arrays.copyOf(train.indicesOf(0), 180);
        int[] out = Noise.contaminate(train, first90, 0, 0.1, new SplittableRandom(3));
        assertEquals(198, out.length);
        assertWellFormed(train, first90, 0, out);
    }

    /** Ratio 0 returns the class alone, as a copy, and draws nothing from the generator. */
    @Test
    void ratioZeroReturnsTheClassAlone() {
        Images train = images(20, 30);
        int[] own = train.indicesOf(1);
        SplittableRandom rng = new SplittableRandom(4);
        int[] out = Noise.contaminate(train, own, 1, 0, rng);
        assertArrayEquals(own, out);
        assertNotSame(own, out);
        assertEquals(new SplittableRandom(4).nextLong(), rng.nextLong(), "the generator was not advanced");
    }

    /** The same seed gives the same set in the same order; other seeds give other sets. */
    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        Images train = images(MNIST_SIZES);
        int[] own = train.indicesOf(3);
        int[] a = Noise.contaminate(train, own, 3, 0.1, new SplittableRandom(42));
        int[] b = Noise.contaminate(train, own, 3, 0.1, new SplittableRandom(42));
        assertArrayEquals(a, b);
        for (long seed = 43; seed < 48; seed++) {
            int[] c = Noise.contaminate(train, own, 3, 0.1, new SplittableRandom(seed));
            Set<Integer> added = new HashSet<>(), other = new HashSet<>();
            for (int k = own.length; k < a.length; k++) added.add(a[k]);
            for (int k = own.length; k < c.length; k++) other.add(c[k]);
            assertNotEquals(added, other, "seed " + seed + " drew the same set as seed 42");
        }
    }

    /**
     * Uniform without replacement: class 0 has 10 images and the other classes 6 + 4 = 10; ratio 0.5 draws 5
     * of those 10, so each is drawn with probability 1/2. Over 20,000 seeds each count is Binomial(20000, 1/2):
     * mean 10,000, standard deviation √(20000/4) = 70.7; we allow ±400 (5.7 σ; with 10 counts a false alarm
     * has probability below 1e-7). A draw that favoured the first class, or skipped the last candidate
     * (an off-by-one in the shuffle), would be off by thousands.
     */
    @Test
    void everyOtherImageIsEquallyLikely() {
        Images train = images(10, 6, 4);
        int[] own = train.indicesOf(0);
        int[] counts = new int[train.size()];
        for (long seed = 0; seed < 20_000; seed++) {
            int[] out = Noise.contaminate(train, own, 0, 0.5, new SplittableRandom(seed));
            assertEquals(15, out.length);
            for (int k = 10; k < 15; k++) counts[out[k]]++;
        }
        for (int i = 0; i < train.size(); i++) {
            if (train.label(i) == 0) assertEquals(0, counts[i], "normal-class image " + i);
            else assertEquals(10_000, counts[i], 400, "image " + i + " of class " + train.label(i));
        }
    }

    /** Ratios outside [0, 1) are rejected with the ratio and its value in the message. */
    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.0, 1.5, Double.NaN})
    void rejectsRatiosOutsideZeroOne(double ratio) {
        Images train = images(20, 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Noise.contaminate(train, train.indicesOf(0), 0, ratio, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("ratio") && e.getMessage().contains(String.valueOf(ratio)), e.getMessage());
    }

    /** Indices that are not of the normal class, or out of range, and more noise than other images exist. */
    @Test
    void rejectsInconsistentArguments() {
        Images train = images(20, 30);
        int stranger = train.indicesOf(1)[0];
        IllegalArgumentException wrongLabel = assertThrows(IllegalArgumentException.class,
                () -> Noise.contaminate(train, new int[] {train.indicesOf(0)[0], stranger}, 0, 0.1, new SplittableRandom(0)));
        assertTrue(wrongLabel.getMessage().contains("classIndices[1] = " + stranger), wrongLabel.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> Noise.contaminate(train, new int[] {50}, 0, 0.1, new SplittableRandom(0)));
        assertTrue(outside.getMessage().contains("classIndices[0] = 50"), outside.getMessage());
        // class 1 has 30 images, the others 20: 0.9 · 30 = 27 > 20
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Noise.contaminate(train, train.indicesOf(1), 1, 0.9, new SplittableRandom(0)));
        assertTrue(tooMany.getMessage().contains("27") && tooMany.getMessage().contains("only 20"), tooMany.getMessage());
    }
}
