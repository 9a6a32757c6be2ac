package oneclass.baseline;

import smile.anomaly.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;

import java.util.SplittableRandom;

/**
 * One-class SVM (Schölkopf et al. 2001) with an RBF kernel k(x, y) = exp(−γ‖x − y‖²), from Smile
 * ({@link smile.anomaly.SVM}). Defaults are the settings the ICS paper states for its OCSVM baseline
 * (Sec. 3: "ν = 0.15 and an RBF kernel with kernel size γ = 1/#features"); the HRN paper states none.
 *
 * <p>Smile's kernel is exp(−‖x − y‖² / (2σ²)), so σ = 1/√(2γ). The decision value Σᵢ αᵢ k(x, sᵢ) − ρ is
 * positive inside the support, so it is already a normality score.
 *
 * @param nu       upper bound on the fraction of training outliers and lower bound on the fraction of support vectors
 * @param gamma    RBF width; NaN means 1/D (scikit-learn's "auto", the ICS paper's choice)
 * @param maxTrain training rows used at most (a random subset of that size, drawn from the seed): the SVM's
 *                 O(N²) kernel matrix makes the 198,000-row KDDCUP99 training part impractical. 0: no limit
 * @param tol      the SMO solver's tolerance (Smile's default 1e-3)
 */
public record Ocsvm(double nu, double gamma, int maxTrain, double tol) implements OneClassBaseline {
    public static final Ocsvm ICS_PAPER = new Ocsvm(0.15, Double.NaN, 10_000, 1e-3);

    public Ocsvm {
        if (!(nu > 0 && nu <= 1)) throw new IllegalArgumentException("OCSVM nu must be in (0, 1], got " + nu);
        if (!(Double.isNaN(gamma) || gamma > 0)) throw new IllegalArgumentException("OCSVM gamma must be > 0 (or NaN for 1/D), got " + gamma);
        if (maxTrain < 0) throw new IllegalArgumentException("OCSVM maxTrain must be >= 0, got " + maxTrain);
        if (!(tol > 0)) throw new IllegalArgumentException("OCSVM tol must be > 0, got " + tol);
    }

    @Override public String name() { return "OCSVM"; }

    @Override public String describe() {
        return "OCSVM(rbf, nu=" + nu + ", gamma=" + (Double.isNaN(gamma) ? "1/D" : gamma) + ", maxTrain=" + maxTrain + ", tol=" + tol + ", smile 3.1.1)";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        double g = Double.isNaN(gamma) ? 1.0 / train[0].length : gamma;
        double[][] x = Subsample.rows(train, maxTrain, new SplittableRandom(seed));
        MathEx.setSeed(seed);  // Smile's SMO shuffles with its thread-local generator
        SVM<double[]> svm = SVM.fit(x, new GaussianKernel(1 / Math.sqrt(2 * g)), nu, tol);
        double[] s = new double[test.length];
        for (int i = 0; i < test.length; i++) s[i] = svm.score(test[i]);
        return s;
    }
}
