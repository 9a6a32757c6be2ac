package oneclass.ics;

import oneclass.data.Benchmark;
import picocli.CommandLine.Option;

/**
 * The training settings the ICS paper leaves open, as options shared by the ICS scripts (a picocli
 * mixin). Unset options keep the protocol's value ({@link IcsProtocol}).
 */
public class IcsOptions {
    @Option(names = "--epochs", description = "Classifier epochs, at most (paper protocol; default " + IcsProtocol.DEFAULT_EPOCHS
            + "; the paper gives none and trains until the losses converge, see --patience).")
    public Integer epochs;
    @Option(names = "--ae-epochs", description = "Autoencoder epochs, at most (default " + IcsProtocol.DEFAULT_AE_EPOCHS + ", the code's count; official-code: exactly 50).")
    public Integer aeEpochs;
    @Option(names = "--patience", description = "Paper protocol: stop a network after this many epochs in a row without a --min-delta relative improvement "
            + "of its best epoch training loss (default " + IcsProtocol.DEFAULT_PATIENCE + "); 0: train every epoch up to --ae-epochs / --epochs. Official-code: fixed counts unless given (its classifier runs --iterations).")
    public Integer patience;
    @Option(names = "--min-delta", description = "The relative improvement that counts for --patience (default " + IcsProtocol.DEFAULT_MIN_DELTA + ").")
    public Double minDelta;
    @Option(names = "--iterations", description = "Classifier iterations of the code's schedule (official-code; default 800).")
    public Integer iterations;
    @Option(names = "--width", defaultValue = "" + IcsProtocol.DEFAULT_WIDTH,
            description = "Width w of the AlexNet-like networks: convolutions w,2w,3w,3w,2w, dense 8w, z = 4w (default: ${DEFAULT-VALUE}).")
    public int width;
    @Option(names = "--quick", description = "Smoke mode: the first 128 images of the class, the first 500 test images, 1 epoch each. Results are not judged.")
    public boolean quick;

    public IcsConfig apply(IcsProtocol p, Benchmark b) {
        IcsConfig c = p.config(b, width);
        if (quick) c = c.withEpochs(1, 1).withLimits(128, 500).withIterations(c.iterations() > 0 ? 20 : 0);
        c = c.withEpochs(aeEpochs != null ? aeEpochs : c.aeEpochs(), epochs != null ? epochs : c.epochs());
        if (iterations != null) c = c.withIterations(iterations);
        if (patience != null || minDelta != null)
            c = c.withStop(new Plateau(patience != null ? patience : c.stop().patience(), minDelta != null ? minDelta : c.stop().minDelta()));
        return c;
    }
}
