package oneclass.ics;

/**
 * Everything that decides an ICS run's numbers, validated. Fields the paper leaves open carry the
 * choice and its source in {@link IcsProtocol}.
 *
 * @param arch        the networks and their input side
 * @param aeEpochs    autoencoder epochs over the normal class (with a plateau rule: at most)
 * @param epochs      classifier epochs ({@code iterations} = 0; with a plateau rule: at most): per batch of the class,
 *                    one closeness step on typical images, one intra-class step on the batch, one dispersion step on
 *                    atypical images
 * @param iterations  &gt; 0: the authors' code's schedule instead of epochs (see {@link IcsRun})
 * @param batch       mini-batch size (paper: 64)
 * @param aeRule      the autoencoder's optimizer
 * @param netRule     the classifier's optimizer
 * @param l2          λ of λ·Σ‖W‖² on every convolution kernel (paper: 1e-6)
 * @param valFraction 0: report the final model's AUC on the whole test set (paper); &gt; 0: the first fraction of
 *                    the test normals and anomalies pick the best checkpoint, the AUC is on the rest (code)
 * @param evalEvery   with valFraction &gt; 0: iterations (or epochs) between checkpoints
 * @param trainLimit  &gt; 0: only the first this many images of the class (quick mode), else all
 * @param testLimit   &gt; 0: only the first this many test images (quick mode), else all
 * @param stop        when a network's training loss has converged ({@link Plateau#OFF}: train to the epoch counts)
 */
public record IcsConfig(IcsArchitecture arch, int aeEpochs, int epochs, int iterations, int batch, Optimizer.Rule aeRule,
                        Optimizer.Rule netRule, double l2, double valFraction, int evalEvery, int trainLimit, int testLimit, Plateau stop) {
    public IcsConfig {
        if (aeEpochs < 1) throw new IllegalArgumentException("ae-epochs must be >= 1, got " + aeEpochs);
        if (epochs < 1 && iterations < 1) throw new IllegalArgumentException("epochs (or iterations) must be >= 1, got " + epochs);
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (batch < 2) throw new IllegalArgumentException("batch must be >= 2 (the pair losses pair images within a batch), got " + batch);
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        if (!(valFraction >= 0 && valFraction < 1)) throw new IllegalArgumentException("val-fraction must be in [0, 1), got " + valFraction);
        if (evalEvery < 1) throw new IllegalArgumentException("eval-every must be >= 1, got " + evalEvery);
        if (trainLimit < 0 || testLimit < 0) throw new IllegalArgumentException("train/test limits must be >= 0");
        if (stop == null) throw new IllegalArgumentException("stop rule must be given (Plateau.OFF for fixed epochs)");
    }

    /** Units of training progress ({@link oneclass.run.Progress} "epochs"): AE epochs plus one per classifier epoch (or 100 iterations). */
    public int progressUnits(int classifiers) {
        return aeEpochs + classifiers * (iterations > 0 ? (iterations + 99) / 100 : epochs);
    }

    /** The settings that change the split (and the SSIM baseline), for its fingerprint. */
    public String describeSplit() {
        return "arch=" + arch.name() + " side=" + arch.side() + " enc=[" + arch.encoder() + "] dec=[" + arch.decoder() + "] aeEpochs=" + aeEpochs
                + " batch=" + batch + " ae=" + aeRule + " l2=" + l2 + " trainLimit=" + trainLimit + " testLimit=" + testLimit
                + (stop.off() ? "" : " stop=" + stop); // fixed epochs: the description (and fingerprint) of before the rule
    }

    public String describe() {
        return describeSplit() + " features=[" + arch.features() + "] epochs=" + epochs + " iterations=" + iterations + " net=" + netRule
                + " valFraction=" + valFraction + " evalEvery=" + evalEvery;
    }

    public IcsConfig withEpochs(int aeEpochs, int epochs) {
        return new IcsConfig(arch, aeEpochs, epochs, iterations, batch, aeRule, netRule, l2, valFraction, evalEvery, trainLimit, testLimit, stop);
    }

    public IcsConfig withLimits(int trainLimit, int testLimit) {
        return new IcsConfig(arch, aeEpochs, epochs, iterations, batch, aeRule, netRule, l2, valFraction, evalEvery, trainLimit, testLimit, stop);
    }

    public IcsConfig withIterations(int iterations) {
        return new IcsConfig(arch, aeEpochs, epochs, iterations, batch, aeRule, netRule, l2, valFraction, evalEvery, trainLimit, testLimit, stop);
    }

    public IcsConfig withStop(Plateau stop) {
        return new IcsConfig(arch, aeEpochs, epochs, iterations, batch, aeRule, netRule, l2, valFraction, evalEvery, trainLimit, testLimit, stop);
    }
}
