package oneclass.hrn;

import picocli.CommandLine.Option;

/**
 * The training settings a user may change on top of a protocol's recipe, as picocli options shared by
 * every HRN script ({@code @Mixin Overrides overrides;}). An option left out keeps the protocol's value.
 */
public final class Overrides {
    @Option(names = "--epochs", description = "Epochs (paper: 100; official code: 50).") Integer epochs;
    @Option(names = "--lambda", description = "H-regularization weight λ (paper: 0.1).") Double lambda;
    @Option(names = "--n", description = "H-regularization exponent n (paper: 12).") Double n;
    @Option(names = "--l2-lambda", description = "HRN-L2: weight on ‖θ‖², all parameters (paper: not given; default 0.1, the same as λ).") Double l2Lambda;
    @Option(names = "--batch-size", description = "Mini-batch size (paper: not given; default 100, the authors' code).") Integer batchSize;
    @Option(names = "--lr", description = "SGD learning rate (paper: 0.1).") Double lr;
    @Option(names = "--momentum", description = "SGD momentum (paper: 'SGD with moment', value not given; default 0.9, the code's).") Double momentum;
    @Option(names = "--negative-slope", description = "Hidden activation slope below 0: 0 = ReLU (paper), 0.01 = LeakyReLU (code).") Double negativeSlope;
    @Option(names = "--bias", arity = "1", description = "Layers have biases (default false: the paper writes f(x) = w2·σ(w1·x), Eqs. 4-6, and the code has none).") Boolean bias;
    @Option(names = "--init-bound", description = "Weights uniform in ±bound (default: PyTorch's 1/√fan_in for paper; the code's bounds for official-code).") Double initBound;
    @Option(names = "--nll-eps", description = "ε in −log(sigmoid(f)+ε): 0 in the paper, 0.01 in the code.") Double nllEps;

    /** --epochs as given (or as a quick mode set it), null when left to the protocol; the deep baselines follow it too. */
    public Integer epochs() { return epochs; }

    /** Sets the epochs unless the user gave --epochs (e.g. a script's quick mode). */
    public void defaultEpochs(int e) {
        if (epochs == null) epochs = e;
    }

    /** {@code c} with every given option applied; λ and n only where c has an H-regularizer, the L2 weight only where it has L2. */
    public HrnConfig apply(HrnConfig c) {
        HRegularizer h = c.hreg();
        if (h != null && (lambda != null || n != null))
            h = new HRegularizer(lambda != null ? lambda : h.lambda(), n != null ? n : h.n(), h.perPixelChannels());
        DataTerm term = nllEps != null && c.dataTerm() instanceof DataTerm.Nll ? new DataTerm.Nll(nllEps) : c.dataTerm();
        return new HrnConfig(c.architecture(), negativeSlope != null ? negativeSlope : c.negativeSlope(),
                bias != null ? bias : c.bias(), initBound != null ? initBound : c.initBound(), term, h,
                c.l2() > 0 && l2Lambda != null ? l2Lambda : c.l2(),
                epochs != null ? epochs : c.epochs(), batchSize != null ? batchSize : c.batchSize(),
                lr != null ? lr : c.lr(), momentum != null ? momentum : c.momentum(), c.topUpLastBatch());
    }
}
