package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.*;

/**
 * The ICS network (Schlachter et al. 2019, Fig. 2): a feature-extraction subnetwork x → z (the layers
 * "from the input layer to the second last layer"), a classification subnetwork z → ŷ = σ(l) (one dense
 * unit, "its output layer"), and a distance subnetwork dist(z_i, z_j) = σ(w·(z_i − z_j) + b) ("one
 * subtraction layer and one dense layer"), used only in training.
 *
 * <p>A training step trains on one of the three losses of {@link IcsLosses} plus {@code λ·Σ‖W_conv‖²} (the
 * L2 term's gradient added by {@link Optimizer}): a "closeness step" is Eq. 2 on a batch of typical images.
 * The feature extractor runs through {@link Layers}; the two one-unit heads and the losses' gradients are
 * written out by hand (the equations in {@link IcsLosses}). Pairs (i, j ≠ i) are formed inside the batch: image i
 * is paired with image {@code pair[i]}. The L2 term covers convolution kernels only ("L2-regularization
 * was used for every convolutional layer with a decay of 10⁻⁶", Sec. 3.1), as Keras' l2(λ) adds it.
 */
public final class IcsNetwork {
    private final OpProfile profile = new OpProfile();
    private final Params params;
    private final Layers.Net f;                          // x → z
    private final Params.Param wo, bo, wd, bd;           // classification and distance subnetworks
    private final Optimizer optimizer, pairOptimizer;
    private final Map<Integer, INDArray> pairs = new HashMap<>(), quarters = new HashMap<>(); // D per batch size: rolled, quartered

    /**
     * @param features the feature extractor; its last layer is z (a ReLU follows it, as in AlexNet's fc7)
     */
    public IcsNetwork(ConvStack features, int channels, int side, double l2, Optimizer.Rule rule, long seed) {
        this(features, channels, side, l2, rule, seed, false, DataType.FLOAT);
    }

    /**
     * @param twoStates whether the pair steps ({@link Step#PAIRS}) have an optimizer state of their own, as in the authors'
     *                  code, where the classifier and the joint pair model are two compiled Keras models: each has its own
     *                  Adam moments, so the steps of one do not move the other's head by momentum
     */
    public IcsNetwork(ConvStack features, int channels, int side, double l2, Optimizer.Rule rule, long seed, boolean twoStates) {
        this(features, channels, side, l2, rule, seed, twoStates, DataType.FLOAT);
    }

    /** As above in {@code type} (DOUBLE for the gradient checks). */
    IcsNetwork(ConvStack features, int channels, int side, double l2, Optimizer.Rule rule, long seed, boolean twoStates, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        params = new Params(type);
        f = features.build(params, new long[] {-1, channels, side, side}, rng, true, false, profile); // z = act(last layer): [B, d]
        if (f.shape().length != 2) throw new IllegalArgumentException("the feature extractor must end with a dense layer (z), got " + features);
        long zDim = f.shape()[1];
        wo = params.add(ConvStack.glorot(rng, zDim, 1, zDim, 1), false);   // classification subnetwork: one dense unit, ŷ = σ(l)
        bo = params.add(Nd4j.zeros(DataType.FLOAT, 1, 1), false);
        wd = params.add(ConvStack.glorot(rng, zDim, 1, zDim, 1), false);   // distance subnetwork: Δz = z_i − z_j, one dense unit
        bd = params.add(Nd4j.zeros(DataType.FLOAT, 1, 1), false);
        params.seal();
        optimizer = new Optimizer(params, rule, l2, profile); // + λ·Σ‖W_conv‖²
        pairOptimizer = twoStates ? new Optimizer(params, rule, l2, profile) : optimizer;
    }

    /** The number of trainable values (weights and biases). */
    public long parameterCount() { return optimizer.parameterCount(); }

    /** Which losses a step trains on. */
    public enum Step {
        /** Eq. 2 on a batch of typical images. */
        CLOSENESS,
        /** Eq. 3 on a batch of typical and atypical images with their labels. */
        INTRA_CLASS,
        /** Eq. 4 on a batch of atypical images. */
        DISPERSION,
        /**
         * The authors' code's pair step: a batch of 4k images laid out [typical, typical', atypical, atypical'], the k
         * typical pairs (i, k + i) at distance 0 (Eq. 2) and the k atypical pairs (2k + i, 3k + i) at distance 1 (Eq. 4),
         * one step on the sum of the two means (its joint model's two outputs, loss weights 1 and 1).
         */
        PAIRS
    }

    /**
     * One gradient step on a batch; returns the loss that was minimized (without the L2 term).
     *
     * @param labels 0 typical / 1 atypical per image, or null for all 0 (steps that ignore labels)
     */
    public double step(Step step, INDArray x, float[] labels) {
        double loss = loss(step, x, labels, true);
        (step == Step.PAIRS ? pairOptimizer : optimizer).step();
        return loss;
    }

    /**
     * The step's loss on a batch; with {@code backward}, also its gradient g (θ's view in {@link #params}). The
     * heads a step does not use get gradient 0, as with the weighted sum α·L_cls + β·L_ic + γ·L_disp.
     */
    double loss(Step step, INDArray x, float[] labels, boolean backward) {
        int b = (int) x.size(0);
        if (step != Step.INTRA_CLASS && b < 2) throw new IllegalArgumentException("a pair loss needs at least 2 images in the batch");
        if (step == Step.PAIRS && b % 4 != 0) throw new IllegalArgumentException("a PAIRS batch holds 4k images (typical, typical', atypical, atypical'), got " + b);
        INDArray z = f.forward(x.castTo(params.type()));                               // z: [B, d]
        INDArray dz = backward ? z.ulike() : null;
        double loss;
        if (step == Step.INTRA_CLASS) {
            INDArray y = labels == null ? Nd4j.zeros(z.dataType(), b, 1) : Nd4j.create(labels, new long[] {b, 1}, 'c').castTo(z.dataType());
            INDArray l = z.mmul(wo.value).addi(bo.value);                              // l: [B, 1]
            INDArray dl = backward ? l.ulike() : null;
            loss = IcsLosses.intraClass(l, y, dl);
            if (backward) {
                profile.time("heads_bp", () -> {
                    Nd4j.gemm(z, dl, wo.grad, true, false, 1, 0);                        // ∂L/∂w_o = zᵀ·∂L/∂l
                    dl.sum(bo.grad, 0);
                    Nd4j.gemm(dl, wo.value, dz, false, true, 1, 0);                      // ∂L/∂z = ∂L/∂l·w_oᵀ
                    wd.grad.assign(0);
                    bd.grad.assign(0);
                });
            }
        } else {
            INDArray pair = (step == Step.PAIRS ? quarters.computeIfAbsent(b, IcsNetwork::quartered) : pairs.computeIfAbsent(b, IcsNetwork::rolled))
                    .castTo(z.dataType());
            INDArray delta = pair.mmul(z);                                             // Δz = z_i − z_j: [P, d]
            INDArray a = delta.mmul(wd.value).addi(bd.value);                          // a: [P, 1]
            INDArray da = backward ? a.ulike() : null;
            if (step == Step.PAIRS) {
                int k = b / 4;
                loss = IcsLosses.closeness(rows(a, 0, k), backward ? rows(da, 0, k) : null)
                        + IcsLosses.dispersion(rows(a, k, 2 * k), backward ? rows(da, k, 2 * k) : null);
            } else loss = step == Step.CLOSENESS ? IcsLosses.closeness(a, da) : IcsLosses.dispersion(a, da);
            if (backward) {
                profile.time("heads_bp", () -> {
                    Nd4j.gemm(delta, da, wd.grad, true, false, 1, 0);                    // ∂L/∂w_d = Δzᵀ·∂L/∂a
                    da.sum(bd.grad, 0);
                    Nd4j.gemm(pair, da.mmul(wd.value.transpose()), dz, true, false, 1, 0); // ∂L/∂z = Dᵀ·(∂L/∂a·w_dᵀ)
                    wo.grad.assign(0);
                    bo.grad.assign(0);
                });
            }
        }
        if (backward) f.backward(dz);
        return loss;
    }

    /** Pairs i ↔ i+1 (mod B): every image gets a partner other than itself; the batch order is random. */
    static int[] rolledPairs(int b) {
        int[] p = new int[b];
        for (int i = 0; i < b; i++) p[i] = (i + 1) % b;
        return p;
    }

    /**
     * D = I − P [B, B] with P the permutation matrix of {@link #rolledPairs}, so that D·z has rows z_i − z_pair(i).
     * A matrix product rather than a gather: ND4J's gather gradient did not match finite differences when the
     * gathered array also enters the graph directly (IcsLossesTest).
     */
    static INDArray rolled(int b) {
        int[] p = rolledPairs(b);
        INDArray d = Nd4j.zeros(DataType.FLOAT, b, b);
        for (int i = 0; i < b; i++) {
            d.putScalar(i, i, 1);
            d.putScalar(i, p[i], -1);
        }
        return d;
    }

    /**
     * D [2k, 4k] for a {@link Step#PAIRS} batch of {@code b} = 4k images: row i has z_i − z_(k+i) (typical pairs), row k + i
     * has z_(2k+i) − z_(3k+i) (atypical pairs).
     */
    static INDArray quartered(int b) {
        int k = b / 4;
        INDArray d = Nd4j.zeros(DataType.FLOAT, 2 * k, b);
        for (int i = 0; i < k; i++) {
            d.putScalar(i, i, 1);
            d.putScalar(i, k + i, -1);
            d.putScalar(k + i, 2 * k + i, 1);
            d.putScalar(k + i, 3 * k + i, -1);
        }
        return d;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** The classifier's logits l (ŷ = σ(l) is the predicted probability of "atypical"), batch by batch. */
    public double[] logits(ImageBatches data, int batchSize) {
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] out = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray l = f.forward(data.batch(order, from, to).castTo(params.type())).mmul(wo.value).addi(bo.value);
            for (int i = from; i < to; i++) out[i] = l.getDouble(i - from, 0);
        }
        return out;
    }

    /** z for a batch (the tests' hand computations). */
    double[][] features(INDArray x) { return f.forward(x.castTo(params.type())).toDoubleMatrix(); }

    /** Times the ops of the steps while it listens (ics_bench --profile). */
    public OpProfile profile() { return profile; }

    /** θ and g (for the gradient checks). */
    Params params() { return params; }
}
