package oneclass.baseline;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

import java.lang.reflect.Field;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou, ICDM 2008) from Smile: t trees, each grown on ψ rows drawn
 * without replacement down to the height limit ⌈log₂ ψ⌉; the anomaly score is s(x) = 2^(−E[h(x)] / c(ψ)).
 * Defaults are the original paper's t = 100, ψ = 256 (also Deep SVDD's, whose settings the ICS paper says
 * it shared). The normality score is −s(x).
 *
 * <p>The trees are grown here, one after another, rather than with {@code IsolationForest.fit}: that one
 * grows them in a parallel stream whose threads draw from Smile's thread-local generators, so the same
 * seed would not give the same forest. A second trap: each split draws a normal vector from Smile's
 * <em>shared</em> {@link GaussianDistribution} singleton, whose Box–Muller step caches its second value
 * across calls and threads, so whether a draw consumes two uniforms or none depended on what ran before
 * (we measured Arrhythmia F1s that changed with the thread count). Growing is therefore serialized and
 * starts from an emptied cache. (With extension level 0 the drawn value itself does not change the
 * partition; only the random stream it consumes does.)
 *
 * @param trees          t
 * @param subsample      ψ (the whole training set when it is smaller)
 * @param extensionLevel 0 for Liu et al.'s axis-parallel splits (Smile's Extended IF otherwise)
 */
public record IsolationForestBaseline(int trees, int subsample, int extensionLevel) implements OneClassBaseline {
    public static final IsolationForestBaseline LIU_2008 = new IsolationForestBaseline(100, 256, 0);

    public IsolationForestBaseline {
        if (trees < 1) throw new IllegalArgumentException("iForest trees must be >= 1, got " + trees);
        if (subsample < 2) throw new IllegalArgumentException("iForest subsample must be >= 2, got " + subsample);
        if (extensionLevel < 0) throw new IllegalArgumentException("iForest extensionLevel must be >= 0, got " + extensionLevel);
    }

    @Override public String name() { return "iForest"; }

    @Override public String describe() {
        return "iForest(trees=" + trees + ", subsample=" + subsample + ", extensionLevel=" + extensionLevel + ", smile 3.1.1)";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        int psi = Math.min(subsample, train.length);
        int height = (int) Math.ceil(Math.log(psi) / Math.log(2));
        SplittableRandom rng = new SplittableRandom(seed);
        IsolationTree[] forest = new IsolationTree[trees];
        synchronized (GaussianDistribution.class) {
            emptyGaussianCache();
            MathEx.setSeed(seed);  // the split attributes and values come from Smile's generator of this thread
            for (int t = 0; t < trees; t++)
                forest[t] = new IsolationTree(Arrays.asList(Subsample.rows(train, psi, rng)), height, extensionLevel);
        }
        IsolationForest f = new IsolationForest(psi, extensionLevel, forest);
        double[] s = new double[test.length];
        for (int i = 0; i < test.length; i++) s[i] = -f.score(test[i]);
        return s;
    }

    /** Sets the shared singleton's cached Box–Muller value to "none" (NaN), the state of a fresh JVM. */
    private static void emptyGaussianCache() {
        try {
            Field z1 = GaussianDistribution.class.getDeclaredField("z1");
            z1.setAccessible(true);
            z1.setDouble(GaussianDistribution.getInstance(), Double.NaN);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reset Smile's GaussianDistribution cache (another Smile version than 3.1.1?): " + e, e);
        }
    }
}
