package oneclass.hrn;

import oneclass.data.Images;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * HRN's "Training with Noise" experiment (Sec. 4.4, Table 5): "In learning each class, we randomly sample
 * some examples from the other classes and add them to the training data of the class. We experimented
 * with noise ratios: 1%, 10%, 20%."
 *
 * <p>The paper does not say what the ratio is relative to. We read it as relative to the class's own
 * training-set size n: round(ratio·n) other-class images are added, so 10 % on a 6,000-image class adds
 * 600 and the contaminated set holds 6,600 images, of which 600/6,600 ≈ 9.1 % are noise. (The other
 * reading, noise as a fraction of the contaminated set, would add ratio/(1 − ratio)·n: 667 at 10 %,
 * 1,500 instead of 1,200 at 20 %.) Only the training set is contaminated; the test set is unchanged.
 */
public final class Noise {
    private Noise() {}

    /**
     * The class's training indices followed by round(ratio × |classIndices|) (half up) indices drawn
     * uniformly without replacement from the training images of every other class, in draw order
     * (a partial Fisher–Yates shuffle of the other classes' indices in file order). Deterministic for a
     * given state of {@code rng}.
     *
     * @param train        the training set
     * @param classIndices the normal class's training indices, all labelled {@code normalClass} (under the
     *                     official-code protocol its first 90 %, so the ratio is relative to that)
     * @param ratio        noise ratio in [0, 1); 0 returns a copy of {@code classIndices}
     */
    public static int[] contaminate(Images train, int[] classIndices, int normalClass, double ratio, SplittableRandom rng) {
        if (!(ratio >= 0 && ratio < 1)) throw new IllegalArgumentException("ratio must be in [0, 1), got " + ratio);
        for (int k = 0; k < classIndices.length; k++) {
            int i = classIndices[k];
            if (i < 0 || i >= train.size())
                throw new IllegalArgumentException("classIndices[" + k + "] = " + i + " is outside 0.." + (train.size() - 1));
            if (train.label(i) != normalClass)
                throw new IllegalArgumentException("classIndices[" + k + "] = " + i + " has label " + train.label(i)
                        + ", not the normal class " + normalClass);
        }
        int count = (int) Math.round(ratio * classIndices.length);
        int[] others = new int[train.size() - train.indicesOf(normalClass).length];
        for (int i = 0, j = 0; i < train.size(); i++) if (train.label(i) != normalClass) others[j++] = i;
        if (count > others.length)
            throw new IllegalArgumentException("ratio " + ratio + " of " + classIndices.length + " asks for " + count
                    + " other-class images, but " + train.name() + " has only " + others.length);

        int[] out = Arrays.copyOf(classIndices, classIndices.length + count);
        for (int k = 0; k < count; k++) {             // partial Fisher–Yates: others[0..k] is a uniform draw
            int j = k + rng.nextInt(others.length - k);
            int t = others[k];
            others[k] = others[j];
            others[j] = t;
            out[classIndices.length + k] = others[k];
        }
        return out;
    }
}
