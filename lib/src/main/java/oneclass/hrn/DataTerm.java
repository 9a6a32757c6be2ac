package oneclass.hrn;

/**
 * The data part of the one-class loss, a function of the logit f(x) alone, averaged over the batch.
 * Implementations give the per-example value ℓ(f) and its derivative dℓ/df.
 */
public interface DataTerm {
    double value(double f);

    double derivative(double f);

    /**
     * NLL for one class, HRN Eq. (3): ℓ(f) = −log(Sigmoid(f) + ε).
     * The paper has ε = 0; the authors' code adds ε = 0.01 inside the log
     * (docs/official-code-facts.md), which caps the loss at −log(0.01) ≈ 4.6 per example.
     */
    record Nll(double eps) implements DataTerm {
        public Nll {
            if (!(eps >= 0)) throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }

        @Override public double value(double f) {
            // ε = 0: −log σ(f) = softplus(−f), written so that it neither overflows nor loses digits.
            if (eps == 0) return f > 0 ? Math.log1p(Math.exp(-f)) : -f + Math.log1p(Math.exp(f));
            return -Math.log(sigmoid(f) + eps);
        }

        @Override public double derivative(double f) {
            if (eps == 0) return -sigmoid(-f);             // d/df softplus(−f) = −σ(−f)
            double s = sigmoid(f);
            return -s * (1 - s) / (s + eps);
        }

        @Override public String toString() { return eps == 0 ? "NLL" : "NLL(eps=" + eps + ")"; }
    }

    /**
     * The square loss of HRN's Table 3 ("SquareLoss", "SquareLoss+Hreg+2N_Inst_Norm"; Sec. 4.4: "Square loss
     * can also be applied in place of NLL in Eq. 3"): ℓ(f) = (1 − Sigmoid(f))².
     *
     * <p>The paper names this loss but does not define it, so this form is our choice. It is the squared
     * error of the one-class probability Sigmoid(f) against the target 1, the same probability that the NLL
     * of Eq. (3) scores (Sec. 3.1: "Sigmoid(f(x)) can be seen as the probability of x belonging to class C");
     * only the per-example penalty of a miss changes, from −log p to (1 − p)². A square loss on the raw
     * logit, (1 − f)², would be a different model: unbounded, and it would pull f towards the value 1 instead
     * of upwards, which is not "in place of NLL". Like NLL it is minimized by f → ∞ (Problem-I of Sec. 3.1
     * stays), but it is bounded, ℓ ∈ (0, 1), and its gradient vanishes for f → −∞ as well.
     *
     * <p>Since 1 − Sigmoid(f) = Sigmoid(−f):
     * <pre>
     *   ℓ(f)  = Sigmoid(−f)²
     *   ℓ'(f) = 2·Sigmoid(−f)·(−Sigmoid(−f)·Sigmoid(f)) = −2·Sigmoid(−f)²·Sigmoid(f)
     * </pre>
     * Sigmoid(−f) is computed directly, never as 1 − Sigmoid(f), which would round to 0 for f &gt; 37 and
     * lose all digits of ℓ ≈ e^{−2f}; {@link #sigmoid} itself never overflows. Worked values: ℓ(0) = 1/4,
     * ℓ'(0) = −2·(1/2)²·(1/2) = −1/4.
     */
    record SquareLoss() implements DataTerm {
        @Override public double value(double f) {
            double q = sigmoid(-f);                        // 1 − Sigmoid(f), without cancellation
            return q * q;
        }

        @Override public double derivative(double f) {
            double q = sigmoid(-f);
            return -2 * q * q * sigmoid(f);
        }

        @Override public String toString() { return "SquareLoss"; }
    }

    static double sigmoid(double f) {
        return f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
    }
}
