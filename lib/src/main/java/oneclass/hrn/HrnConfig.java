package oneclass.hrn;

import java.util.Objects;

/**
 * Everything that determines one HRN training run besides the data and the seed.
 *
 * @param negativeSlope  hidden activation: 0 = ReLU (the paper), 0.01 = LeakyReLU (the authors' code)
 * @param bias           whether layers have biases (PyTorch's default: yes; the authors' code: no)
 * @param initBound      weights uniform in ±initBound; null = PyTorch's nn.Linear default U(±1/√fan_in)
 * @param hreg           the H-regularizer, or null (HRN-L2 and the NLL-only ablation)
 * @param l2             weight of the L2 penalty l2·‖θ‖² on all parameters, biases included (HRN-L2); 0 for HRN
 * @param topUpLastBatch fill the last partial batch with re-drawn samples, as the authors' code does,
 *                       instead of training on a smaller last batch (PyTorch's DataLoader default)
 */
public record HrnConfig(Architecture architecture, double negativeSlope, boolean bias, Double initBound,
                        DataTerm dataTerm, HRegularizer hreg, double l2,
                        int epochs, int batchSize, double lr, double momentum, boolean topUpLastBatch) {
    public HrnConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(dataTerm, "dataTerm");
        if (!(negativeSlope >= 0 && negativeSlope < 1)) throw new IllegalArgumentException("negativeSlope must be in [0, 1), got " + negativeSlope);
        if (initBound != null && !(initBound > 0)) throw new IllegalArgumentException("initBound must be > 0, got " + initBound);
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }

    public HrnConfig withEpochs(int e) {
        return new HrnConfig(architecture, negativeSlope, bias, initBound, dataTerm, hreg, l2, e, batchSize, lr, momentum, topUpLastBatch);
    }

    /** The same recipe on another model shape (e.g. HRN Table 2's [d-100]-[100-1]). */
    public HrnConfig withArchitecture(Architecture a) {
        return new HrnConfig(a, negativeSlope, bias, initBound, dataTerm, hreg, l2, epochs, batchSize, lr, momentum, topUpLastBatch);
    }

    /** The same recipe with another loss: data term and H-regularizer (null for none), as the ablations vary them. */
    public HrnConfig withLoss(DataTerm term, HRegularizer h) {
        return new HrnConfig(architecture, negativeSlope, bias, initBound, term, h, l2, epochs, batchSize, lr, momentum, topUpLastBatch);
    }

    /** The one-class loss of Eq. (3) that this run minimizes: its data term, H-regularizer and L2 weight. */
    public OneClassLoss loss() { return new OneClassLoss(dataTerm, hreg, l2); }

    /** One line that names every setting, for run records and result files. */
    public String describe() {
        return "arch=" + architecture + " act=" + (negativeSlope == 0 ? "relu" : "leaky" + negativeSlope)
                + " bias=" + bias + " init=" + (initBound == null ? "pytorch-default" : "U(+-" + initBound + ")")
                + " loss=" + dataTerm + (hreg == null ? "" : " hreg(lambda=" + hreg.lambda() + ",n=" + hreg.n()
                + (hreg.perPixelChannels() > 0 ? ",per-pixel-norm" : "") + ")")
                + (l2 > 0 ? " l2(all-params)=" + l2 : "") + " epochs=" + epochs + " batch=" + batchSize + " lr=" + lr
                + " momentum=" + momentum + (topUpLastBatch ? " top-up-last-batch" : "");
    }
}
