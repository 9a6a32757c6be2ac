package oneclass.ics;

import oneclass.data.Images;
import oneclass.metric.Auc;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One ICS experiment for a normal class: the split (autoencoder, SSIM scores), then a classifier per
 * method, each scored on the test set. The test set is all test images (quick mode: the first
 * {@code testLimit}), the normal class positive; a classifier's normality score is −l (ŷ = σ(l) is the
 * probability of "atypical"), the SSIM baseline's is SSIM(x, x̂) itself.
 */
public final class IcsRun {
    private IcsRun() {}

    /** Called once per unit of training progress (an epoch, or 100 iterations; the epochs a converged network skips count too). */
    public interface Listener {
        void unit();

        /** A network stopped by the convergence rule after this epoch. */
        default void converged(int epoch) {}

        /**
         * The split's autoencoder "converged" with reconstructions that vary across images by {@code variation} of the
         * images' own variance (below {@link #COLLAPSED}): a collapsed network. {@code restart} (1, 2, …) trains a new one from
         * {@code seed}; 0: no restart is left and the split is made from this one, trained from {@code seed}.
         */
        default void collapsed(double variation, int restart, long seed) {}
    }

    /**
     * A converged autoencoder whose reconstructions vary across images by less than this fraction of the images' own
     * variance ({@link Autoencoder#variation}) has collapsed: its output no longer depends on its input but is the
     * one constant image that best matches the class, its loss stops moving and the plateau rule takes it for convergence (MNIST digits 1, 4 and 7 at seed 1, w = 8, with the
     * Glorot weights used before {@link IcsArchitecture#alexNetLike}'s He weights: their SSIM scores equal those of
     * other collapsed networks to 8 digits). A trained autoencoder reproduces most of the images' variance (the
     * tests' networks, trained for two steps on 20 images, keep more than this); a collapsed one keeps none.
     */
    public static final double COLLAPSED = 1e-6;

    /** How often a collapsed autoencoder is trained again from a new seed before its split is used anyway (with the
     *  Glorot weights, digit 4's four seeds all collapsed: a restart is a safety net, not the fix). */
    public static final int RESTARTS = 3;

    /** The seed of restart {@code k} (k ≥ 1) of the autoencoder of run seed {@code seed}: far from every run seed. */
    static long restartSeed(long seed, int k) { return seed + 1_000_003L * k; }

    /** The training images of class {@code cls} the run uses (quick mode: the first {@code trainLimit}). */
    public static int[] trainIndices(IcsConfig cfg, Images train, int cls) {
        int[] all = train.indicesOf(cls);
        return cfg.trainLimit() > 0 && cfg.trainLimit() < all.length ? Arrays.copyOf(all, cfg.trainLimit()) : all;
    }

    public static int[] testIndices(IcsConfig cfg, Images test) {
        int n = cfg.testLimit() > 0 ? Math.min(cfg.testLimit(), test.size()) : test.size();
        return IntStream.range(0, n).toArray();
    }

    /** Sec. 2.1: trains the autoencoder on the class, and scores every training and test image by SSIM(x, x̂). */
    public static IntraClassSplit split(IcsConfig cfg, Images train, int cls, Images test, long seed, Listener listener) {
        int side = cfg.arch().side(), crop = (side - train.rows()) / 2;
        int[] trainIdx = trainIndices(cfg, train, cls), testIdx = testIndices(cfg, test);
        ImageBatches x = new ImageBatches(train, trainIdx, side);
        // the collapse check's images: the first 256 in class order, the same for every restart (a copy: the batch's
        // buffer is reused by training batches of the same size)
        var probe = x.batch(IntStream.range(0, x.size()).toArray(), 0, Math.min(x.size(), 256)).dup();
        Autoencoder ae;
        for (int restart = 0; ; restart++) {
            long s = restart == 0 ? seed : restartSeed(seed, restart);
            ae = new Autoencoder(cfg.arch().encoder(), cfg.arch().decoder(), x.channels(), side, cfg.l2(), cfg.aeRule(), s);
            if (!train(ae, cfg, x, s, listener)) break; // trained to the cap: not claimed converged, not checked
            double variation = ae.variation(probe);
            if (variation >= COLLAPSED) break;
            boolean last = restart == RESTARTS;
            listener.collapsed(variation, last ? 0 : restart + 1, last ? s : restartSeed(seed, restart + 1));
            if (last) break;
        }
        // SSIM on the image itself, not on the zero padding around it
        double[] trainSsim = ae.ssim(x, 256, crop);
        double[] testSsim = ae.ssim(new ImageBatches(test, testIdx, side), 256, crop);
        return new IntraClassSplit(trainIdx, trainSsim, testIdx, testSsim);
    }

    /** Trains the autoencoder on the class to the cap or the convergence rule; true when the rule stopped it. */
    private static boolean train(Autoencoder ae, IcsConfig cfg, ImageBatches x, long seed, Listener listener) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
        int[] order = IntStream.range(0, x.size()).toArray();
        Plateau.Tracker converged = cfg.stop().tracker();
        for (int epoch = 1; epoch <= cfg.aeEpochs(); epoch++) {
            shuffle(order, rng);
            double mse = 0;
            for (int from = 0; from < order.length; from += cfg.batch()) mse += ae.step(x.batch(order, from, Math.min(order.length, from + cfg.batch())));
            listener.unit();
            if (converged.converged(mse / batches(order.length, cfg.batch()))) {
                listener.converged(epoch);
                for (int skipped = epoch; skipped < cfg.aeEpochs(); skipped++) listener.unit();
                return true;
            }
        }
        return false;
    }

    /** Which test positions are scored: all (paper), or the part after the validation fraction (code). */
    public record Evaluation(boolean[] normal, boolean[] validation) {
        public static Evaluation of(Images test, int[] testIdx, int cls, double valFraction) {
            boolean[] normal = new boolean[testIdx.length], val = new boolean[testIdx.length];
            int nNorm = 0, nAnom = 0;
            for (int i = 0; i < testIdx.length; i++) if (test.label(testIdx[i]) == cls) nNorm++; else nAnom++;
            int vNorm = (int) (valFraction * nNorm), vAnom = (int) (valFraction * nAnom), seenN = 0, seenA = 0;
            for (int i = 0; i < testIdx.length; i++) {
                normal[i] = test.label(testIdx[i]) == cls;
                val[i] = normal[i] ? seenN++ < vNorm : seenA++ < vAnom; // the first fraction of each, in file order
            }
            return new Evaluation(normal, val);
        }

        /** AUC (in [0, 1]) on the scored part (not validation). */
        public double auc(double[] scores) { return Auc.of(pick(scores, false), pick(normal, false)); }

        public double validationAuc(double[] scores) { return Auc.of(pick(scores, true), pick(normal, true)); }

        private double[] pick(double[] a, boolean v) {
            return IntStream.range(0, a.length).filter(i -> validation[i] == v).mapToDouble(i -> a[i]).toArray();
        }

        private boolean[] pick(boolean[] a, boolean v) {
            int[] idx = IntStream.range(0, a.length).filter(i -> validation[i] == v).toArray();
            boolean[] out = new boolean[idx.length];
            for (int k = 0; k < idx.length; k++) out[k] = a[idx[k]];
            return out;
        }
    }

    /**
     * Trains the classifier of {@code method} (not SSIM) on the split at ratio ρ and returns its test AUC
     * (in [0, 1]); with a validation fraction, the checkpoint with the best validation AUC.
     */
    public static double classifierAuc(IcsMethod method, IcsConfig cfg, Images train, IntraClassSplit split, double rho,
                                       ImageBatches test, Evaluation eval, long seed, Listener listener) {
        if (method == IcsMethod.SSIM) throw new IllegalArgumentException("SSIM is not a classifier: use Evaluation.auc(split.testSsim())");
        int side = cfg.arch().side();
        ImageBatches x = new ImageBatches(train, split.trainIndices(), side);
        float[] y = method == IcsMethod.NAIVE ? new float[x.size()] : split.labels(rho); // NaiveNN: one label for all
        int[] atypical = split.atypical(rho);
        int[] typical = IntStream.range(0, x.size()).filter(i -> y[i] == 0 || method == IcsMethod.NAIVE).toArray();
        if (method == IcsMethod.NAIVE) atypical = new int[0];
        boolean code = cfg.iterations() > 0;
        IcsNetwork net = new IcsNetwork(cfg.arch().features(), x.channels(), side, cfg.l2(), cfg.netRule(), seed * 1000 + method.ordinal(), code);
        SplittableRandom rng = new SplittableRandom(seed * 7919 + method.ordinal());
        Cycle typ = new Cycle(typical, rng), atyp = method == IcsMethod.ICS || code && method == IcsMethod.NNWDS ? new Cycle(atypical, rng) : null;
        int b = cfg.batch();
        double[] best = {Double.NEGATIVE_INFINITY, Double.NaN}; // validation AUC, its test AUC
        Runnable checkpoint = () -> {
            double[] s = normality(net.logits(test, 256));
            double v = cfg.valFraction() > 0 ? eval.validationAuc(s) : 0;
            if (cfg.valFraction() == 0 || v > best[0]) { best[0] = v; best[1] = eval.auc(s); }
        };
        if (cfg.iterations() == 0) {
            // The paper's "step by step": per batch of the class, a closeness step (Eq. 2) on typical images, an
            // intra-class step (Eq. 3) on the batch, a dispersion step (Eq. 4) on atypical images.
            // The epoch's loss for the convergence rule: the sum of the mean losses it trained on.
            int[] order = IntStream.range(0, x.size()).toArray();
            Plateau.Tracker converged = cfg.stop().tracker();
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                shuffle(order, rng);
                double loss = 0;
                for (int from = 0; from < order.length; from += b) {
                    int to = Math.min(order.length, from + b);
                    if (method == IcsMethod.ICS) loss += net.step(IcsNetwork.Step.CLOSENESS, typ.batch(x, b), null);
                    loss += net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(order, from, to), labels(y, order, from, to));
                    if (method == IcsMethod.ICS) loss += net.step(IcsNetwork.Step.DISPERSION, atyp.batch(x, b), null);
                }
                listener.unit();
                boolean stop = converged.converged(loss / batches(order.length, b));
                if (cfg.valFraction() > 0 && (epoch % cfg.evalEvery() == 0 || epoch == cfg.epochs() || stop)) checkpoint.run();
                if (stop) {
                    listener.converged(epoch);
                    for (int skipped = epoch; skipped < cfg.epochs(); skipped++) listener.unit();
                    break;
                }
            }
        } else {
            // The code's schedule (models/train.py): per iteration, 2b typical and 2b atypical images; Ours trains three
            // steps of the pair losses on them (b typical pairs at distance 0, b atypical pairs at distance 1, one summed
            // loss, its own optimizer state), then the classifier trains on the same 4b images in random order, b per step.
            // NNwDS: the same without the pair steps; NaiveNN: 4b images of the class, all alike. Checkpoints: the untrained
            // network, then every evalEvery iterations (the code: before every 100th).
            Cycle all = method == IcsMethod.NAIVE ? new Cycle(IntStream.range(0, x.size()).toArray(), rng) : null;
            if (cfg.valFraction() > 0) checkpoint.run();
            for (int it = 1; it <= cfg.iterations(); it++) {
                int[] pick = method == IcsMethod.NAIVE ? all.next(4 * b) : concat(typ.next(2 * b), atyp.next(2 * b));
                if (method == IcsMethod.ICS) {
                    var quartered = x.batch(pick, 0, pick.length); // [typical, typical', atypical, atypical']
                    for (int pass = 0; pass < 3; pass++) net.step(IcsNetwork.Step.PAIRS, quartered, null);
                }
                shuffle(pick, rng);
                for (int from = 0; from < pick.length; from += b)
                    net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(pick, from, from + b), labels(y, pick, from, from + b));
                if (it % 100 == 0 || it == cfg.iterations()) listener.unit();
                if (cfg.valFraction() > 0 && (it % cfg.evalEvery() == 0 || it == cfg.iterations())) checkpoint.run();
            }
        }
        if (cfg.valFraction() == 0) checkpoint.run();
        return best[1];
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int batches(int n, int batch) { return (n + batch - 1) / batch; }

    /** Normality = −l: a low probability of "atypical" is a high score for the normal class. */
    static double[] normality(double[] logits) {
        double[] s = new double[logits.length];
        for (int i = 0; i < s.length; i++) s[i] = -logits[i];
        return s;
    }

    private static float[] labels(float[] y, int[] order, int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) out[i - from] = y[order[i]];
        return out;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Endless shuffled passes over a subset: each batch takes the next images, reshuffling at the end of a pass. */
    static final class Cycle {
        private final int[] items;
        private final SplittableRandom rng;
        private int pos;

        Cycle(int[] items, SplittableRandom rng) {
            this.items = items.clone();
            this.rng = rng;
            shuffle(this.items, rng);
        }

        int[] next(int k) {
            if (items.length == 0) throw new IllegalStateException("no images in this subset");
            int[] out = new int[k];
            for (int i = 0; i < k; i++) {
                if (pos == items.length) { shuffle(items, rng); pos = 0; }
                out[i] = items[pos++];
            }
            return out;
        }

        /** A batch of min(k, subset size) images (at least 2 for the pair losses). */
        org.nd4j.linalg.api.ndarray.INDArray batch(ImageBatches x, int k) {
            int[] pick = next(Math.max(2, Math.min(k, items.length)));
            return x.batch(pick, 0, pick.length);
        }
    }
}
