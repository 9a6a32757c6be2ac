package oneclass.ics;

import oneclass.data.Benchmark;
import oneclass.run.Cli;

import java.util.List;

/**
 * How an ICS Table 1 cell is produced: as the paper describes it ({@link #PAPER}) or as the authors'
 * code does it ({@link #OFFICIAL_CODE}, docs/official-code-facts.md). Where the paper is
 * silent, the paper protocol takes the code's choice when it is affordable on a CPU, else says so:
 * <ul>
 *   <li>optimizers: Adam lr 3e-4, β₁ 0.5 for the classifier and RMSprop lr 1e-3 for the autoencoder
 *       (the code's; the paper names none);</li>
 *   <li>pixels /255 in [0, 1] (the code's min-max scaling is the identity on data that uses 0 and 255);</li>
 *   <li>loss schedule: the paper trains "with the three different losses step by step": per batch, a
 *       closeness step, an intra-class step, a dispersion step, in the order of Sec. 2.3;</li>
 *   <li>epochs: the paper trains "step by step until all losses converge" (Sec. 2.3) and gives no count; the
 *       code trains the autoencoder 50 epochs and the classifier 800 iterations. The paper protocol stops each
 *       network when its epoch training loss has converged by the rule {@link #CONVERGED} ({@link Plateau}:
 *       3 epochs in a row without a 1 % improvement of the best), at most {@link #DEFAULT_AE_EPOCHS}
 *       autoencoder epochs (the code's count) and {@link #DEFAULT_EPOCHS} classifier epochs (options
 *       --ae-epochs, --epochs, --patience, --min-delta); docs/performance-ics.md states the cost per step.
 *       The rule cannot tell a collapsed network from a converged one (an autoencoder whose output has become
 *       one constant image also stops improving), so an autoencoder it stops is checked and, when collapsed,
 *       trained again from a new seed ({@link IcsRun#COLLAPSED}, {@link IcsRun#RESTARTS}).</li>
 * </ul>
 */
public enum IcsProtocol {
    PAPER("paper"),
    OFFICIAL_CODE("official-code");

    public static final int DEFAULT_AE_EPOCHS = 50, DEFAULT_EPOCHS = 50, DEFAULT_WIDTH = 8, DEFAULT_LATENT = 8;
    public static final int DEFAULT_PATIENCE = 3;
    public static final double DEFAULT_MIN_DELTA = 0.01;
    /** The paper protocol's convergence rule: stop after 3 epochs without a 1 % improvement of the best epoch loss. */
    public static final Plateau CONVERGED = new Plateau(DEFAULT_PATIENCE, DEFAULT_MIN_DELTA);
    /** What --protocol chooses, for the scripts' --help. */
    public static final String HELP = "paper: the paper's text (AlexNet-like, final model, whole test set); official-code: the authors' code "
            + "(VGG-like on 32x32, 50 AE epochs, 800 iterations, checkpoint picked on 30%% of the test set, AUC on the rest).";

    private final String cliName;

    IcsProtocol(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    public static IcsProtocol parse(String s) {
        return Cli.byName("protocol", s, values(), p -> List.of(p.cliName), List.of());
    }

    /**
     * How {@code c} cuts this protocol's training budget, or null when it does not. Paper: fewer than the default caps of
     * {@value #DEFAULT_AE_EPOCHS} autoencoder and {@value #DEFAULT_EPOCHS} classifier epochs (within which each network trains
     * until its loss converges, as the paper says). Code: fewer than its 50 autoencoder epochs or 800 iterations.
     *
     * @param classifier whether the method trains a classifier (SSIM uses the autoencoder alone)
     */
    public String shortened(IcsConfig c, boolean classifier) {
        boolean code = this == OFFICIAL_CODE;
        int ae = code ? 50 : DEFAULT_AE_EPOCHS, net = code ? 800 : DEFAULT_EPOCHS, got = code ? c.iterations() : c.epochs();
        List<String> cut = new java.util.ArrayList<>();
        if (c.aeEpochs() < ae) cut.add("autoencoder " + c.aeEpochs() + " of " + ae + " epochs");
        if (classifier && got < net) cut.add("classifier " + got + " of " + net + (code ? " iterations" : " epochs"));
        if (cut.isEmpty()) return null;
        return String.join(", ", cut) + (code ? " (the authors' code's)" : " (the default caps; the paper trains until the losses converge)");
    }

    /**
     * Paper: AlexNet-like at {@code width}, L2 1e-6 on convolutions, batch 64, final model on the whole
     * test set. Code: VGG-like on 32×32, L2 1e-3, autoencoder 50 epochs, 800 iterations, best of
     * checkpoints (untrained, then every 100 iterations, the code's RECORD_STEP) on the first 30 % of the test set, AUC on the other 70 %.
     */
    public IcsConfig config(Benchmark b, int width) {
        if (this == PAPER)
            return new IcsConfig(IcsArchitecture.alexNetLike(b.rows(), b.channels(), width, DEFAULT_LATENT), DEFAULT_AE_EPOCHS, DEFAULT_EPOCHS, 0, 64,
                    Optimizer.Rule.rmsprop(1e-3), Optimizer.Rule.adam(3e-4, 0.5), 1e-6, 0, 1, 0, 0, CONVERGED);
        return new IcsConfig(IcsArchitecture.officialCode(b.channels()), 50, 1, 800, 64,
                Optimizer.Rule.rmsprop(1e-3), Optimizer.Rule.adam(3e-4, 0.5), 1e-3, 0.3, 100, 0, 0, Plateau.OFF);
    }
}
