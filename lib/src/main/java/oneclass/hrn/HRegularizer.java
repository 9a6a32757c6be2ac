package oneclass.hrn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * H-regularization, HRN Eq. (3): λ · E_x ‖∇ₓf(x)‖₂ⁿ, estimated on the batch.
 *
 * <p>Given the input gradients g [B, D] (one row per example), this computes the penalty and its
 * gradient with respect to g, G = ∂P/∂g = λ/B · n · ‖g_b‖²^(n/2 − 1) · g_b. The norm is written as
 * (Σ g²)^(n/2) rather than ‖g‖ⁿ so that a row of zeros (every ReLU unit inactive) has gradient 0 instead of
 * NaN (docs/stack-facts.md).
 *
 * <p>{@code perPixelChannels = C > 0} reproduces the authors' CIFAR-10 code instead: g is viewed as
 * [B, C, D/C], the norm is taken over the C channels of each pixel and ‖·‖ⁿ is averaged over batch and
 * pixels (docs/official-code-facts.md). 0 means the paper's per-instance norm.
 */
public record HRegularizer(double lambda, double n, int perPixelChannels) {
    public HRegularizer {
        if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        if (!(n > 0)) throw new IllegalArgumentException("n (the norm's exponent) must be > 0, got " + n);
        if (perPixelChannels < 0) throw new IllegalArgumentException("perPixelChannels must be >= 0, got " + perPixelChannels);
    }

    /** The paper's H-regularizer with its tuned values, λ = 0.1 and n = 12 (HRN Sec. 4.2). */
    public static HRegularizer paper() { return new HRegularizer(0.1, 12, 0); }

    /** Penalty value and ∂P/∂g for the input gradients g [B, D]. */
    public record Result(double value, INDArray dg) {}

    public Result apply(INDArray g) {
        int b = (int) g.rows(), d = (int) g.columns();
        int c = perPixelChannels == 0 ? d : perPixelChannels;  // summed axis
        if (d % c != 0) throw new IllegalArgumentException("gradient width " + d + " is not a multiple of " + c + " channels");
        int p = d / c;                                         // norms per example
        // s[b, p] = Σ_c g[b, c, p]²   (g rows are c-major: index c·p_count + p, the CIFAR plane layout)
        INDArray s = p == 1 ? g.norm2(1) : g.mul(g).reshape('c', b, c, p).sum(1); // per instance: ‖g_b‖, squared below
        double[] sv = s.data().asDouble();
        if (p == 1) for (int i = 0; i < sv.length; i++) sv[i] *= sv[i];
        double[] coef = new double[sv.length];
        double value = penalty(sv, coef);
        INDArray dg = p == 1 ? g.mulColumnVector(Mlp.column(coef, g.dataType()))
                : g.mul(Nd4j.tile(Nd4j.create(coef, new long[] {b, p}, DataType.DOUBLE).castTo(g.dataType()), 1, c));
        return new Result(value, dg);
    }

    /**
     * The penalty λ/K·Σ_k s_k^(n/2) of K squared norms s_k (one per example, or per pixel), and in
     * {@code coef} the factor with which ∂P/∂g is the norm's own vector: ∂P/∂g_k = coef_k·g_k,
     * coef_k = λ/K · n · s_k^(n/2 − 1).
     */
    double penalty(double[] squaredNorms, double[] coef) {
        double value = 0, scale = lambda / squaredNorms.length;
        for (int i = 0; i < squaredNorms.length; i++) {
            double si = squaredNorms[i];
            value += Math.pow(si, n / 2);
            // ∂(s^(n/2))/∂g = n·s^(n/2−1)·g; where s = 0 the gradient is 0 (for n < 2 the power alone would be ∞)
            coef[i] = si == 0 ? 0 : scale * n * Math.pow(si, n / 2 - 1);
        }
        return scale * value;
    }
}
