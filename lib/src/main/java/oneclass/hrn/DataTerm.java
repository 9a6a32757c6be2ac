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
     * (../shared/notes/official-code-facts.md), which caps the loss at −log(0.01) ≈ 4.6 per example.
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

    static double sigmoid(double f) {
        return f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
    }
}
