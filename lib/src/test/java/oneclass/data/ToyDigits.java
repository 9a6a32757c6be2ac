package oneclass.data;

import java.util.Random;

/** 28×28 toy digits for the grid tests: class 0 bright in the top half, class 1 in the bottom half, plus noise. */
public final class ToyDigits {
    private ToyDigits() {}

    /** {@code perClass} images of each class, alternating, the noise drawn from {@code seed}. */
    public static Images of(String name, int perClass, long seed) {
        Random r = new Random(seed);
        int n = 2 * perClass, d = 784;
        byte[] px = new byte[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < d; p++) px[i * d + p] = (byte) (((p < d / 2) == (labels[i] == 0) ? 180 : 20) + r.nextInt(60));
        }
        return new Images(name, 28, 28, 1, px, labels);
    }
}
