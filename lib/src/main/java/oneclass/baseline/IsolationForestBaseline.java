package oneclass.baseline;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;

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
 * seed would not give the same forest.
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
        MathEx.setSeed(seed);  // the split attributes and values come from Smile's generator of this thread
        IsolationTree[] forest = new IsolationTree[trees];
        for (int t = 0; t < trees; t++)
            forest[t] = new IsolationTree(Arrays.asList(Subsample.rows(train, psi, rng)), height, extensionLevel);
        IsolationForest f = new IsolationForest(psi, extensionLevel, forest);
        double[] s = new double[test.length];
        for (int i = 0; i < test.length; i++) s[i] = -f.score(test[i]);
        return s;
    }
}
