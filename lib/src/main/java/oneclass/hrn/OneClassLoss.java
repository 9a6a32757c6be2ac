package oneclass.hrn;

import java.util.Objects;

/**
 * The one-class loss of HRN Eq. (3), on a batch x_1 … x_B of the one class's training data:
 * <pre>
 *   L(θ) = 1/B Σ_b ℓ(f(x_b))  +  λ · 1/B Σ_b ‖∇ₓf(x_b)‖₂ⁿ  [ +  l2 · ‖θ‖² ]
 *          data term             H-regularization             HRN-L2 only
 * </pre>
 * with ℓ(f) = −log Sigmoid(f), the NLL of one class ({@link DataTerm.Nll}; Table 3 also tries the square loss,
 * {@link DataTerm.SquareLoss}), and the H-regularizer {@link HRegularizer} (the paper's λ = 0.1, n = 12). Table 1's
 * HRN-L2 puts an L2 penalty on the weights in place of H-regularization; the NLL-only ablation of Table 3 has neither.
 *
 * <p>{@link #value} is the equation itself, from the logits and input gradients of a batch. The training steps,
 * {@link Mlp#lossAndGradients} and {@link FusedStep}, compute the same sum, term by term in this order, together with
 * ∂L/∂θ; the tests hold them to {@link #value}.
 *
 * @param dataTerm ℓ, a function of the logit f(x) alone
 * @param hreg     the H-regularizer, or null for none (HRN-L2, the NLL-only ablation)
 * @param l2       the weight of l2·‖θ‖² over all parameters (HRN-L2); 0 for none (HRN)
 */
public record OneClassLoss(DataTerm dataTerm, HRegularizer hreg, double l2) {
    public OneClassLoss {
        Objects.requireNonNull(dataTerm, "dataTerm");
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
    }

    /** Whether the H-regularization term is in the loss (a regularizer with λ > 0). */
    public boolean hRegularized() { return hreg != null && hreg.lambda() > 0; }

    /** The data term, 1/B Σ_b ℓ(f_b); fills {@code df} with its derivative ∂/∂f_b = ℓ'(f_b)/B. */
    double meanDataTerm(double[] f, double[] df) {
        double loss = 0;
        for (int i = 0; i < f.length; i++) {
            loss += dataTerm.value(f[i]);
            df[i] = dataTerm.derivative(f[i]) / f.length;
        }
        return loss / f.length;
    }

    /**
     * Eq. (3) on a batch: {@code f[b]} = f(x_b), {@code g[b]} = ∇ₓf(x_b) (for the authors' per-pixel norm, in the plane
     * layout that {@link HRegularizer} describes), {@code thetaSquaredNorm} = ‖θ‖².
     */
    public double value(double[] f, double[][] g, double thetaSquaredNorm) {
        if (g.length != f.length) throw new IllegalArgumentException(f.length + " logits but " + g.length + " input gradients");
        double loss = meanDataTerm(f, new double[f.length]);
        if (hRegularized()) {
            int d = g[0].length, c = hreg.perPixelChannels() == 0 ? d : hreg.perPixelChannels(), pixels = d / c;
            double[] squaredNorms = new double[g.length * pixels]; // one per example, or per example and pixel
            for (int b = 0; b < g.length; b++)
                for (int ch = 0; ch < c; ch++)
                    for (int p = 0; p < pixels; p++) squaredNorms[b * pixels + p] += g[b][ch * pixels + p] * g[b][ch * pixels + p];
            loss += hreg.penalty(squaredNorms, new double[squaredNorms.length]);
        }
        return loss + l2 * thetaSquaredNorm;
    }
}
