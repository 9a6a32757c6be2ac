package oneclass.ics;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.*;

/**
 * The ICS network (Schlachter et al. 2019, Fig. 2): a feature-extraction subnetwork x → z (the layers
 * "from the input layer to the second last layer"), a classification subnetwork z → ŷ = σ(l) (one dense
 * unit, "its output layer"), and a distance subnetwork dist(z_i, z_j) = σ(w·(z_i − z_j) + b) ("one
 * subtraction layer and one dense layer"), used only in training.
 *
 * <p>One SameDiff graph computes all three losses of {@link IcsLosses} and trains on their weighted sum
 * {@code α·L_cls + β·L_ic + γ·L_disp + λ·Σ‖W_conv‖²} (the L2 term's gradient added by {@link Optimizer}); a training step picks the weights, so a "closeness
 * step" is (1, 0, 0) on a batch of typical images. Pairs (i, j ≠ i) are formed inside the batch: image i
 * is paired with image {@code pair[i]}. The L2 term covers convolution kernels only ("L2-regularization
 * was used for every convolutional layer with a decay of 10⁻⁶", Sec. 3.1), as Keras' l2(λ) adds it.
 */
public final class IcsNetwork {
    private final SameDiff sd = SameDiff.create();
    private final List<String> params = new ArrayList<>();
    private final Optimizer optimizer;
    private final Map<String, INDArray> feed = new HashMap<>();
    private final Map<Integer, INDArray> pairs = new HashMap<>(), zeroLabels = new HashMap<>();
    private final Map<Step, INDArray[]> stepWeights = new EnumMap<>(Step.class); // (α, β, γ) of each step, made once

    /**
     * @param features the feature extractor; its last layer is z (a ReLU follows it, as in AlexNet's fc7)
     */
    public IcsNetwork(ConvStack features, int channels, int side, double l2, Optimizer.Rule rule, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, channels, side, side);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);            // Eq. 3 labels: 0 typical, 1 atypical
        SDVariable pairDiff = sd.placeHolder("pair", DataType.FLOAT, -1, -1);  // D = I − P, P the permutation pairing i with j
        SDVariable[] w = {sd.placeHolder("w_cls", DataType.FLOAT), sd.placeHolder("w_ic", DataType.FLOAT), sd.placeHolder("w_disp", DataType.FLOAT)};

        ConvStack.Built f = features.build(sd, "f", x, new long[] {-1, channels, side, side}, rng);
        if (f.shape().length != 2) throw new IllegalArgumentException("the feature extractor must end with a dense layer (z), got " + features);
        long zDim = f.shape()[1];
        SDVariable z = features.leak() > 0 ? sd.nn().leakyRelu("z", f.out(), features.leak()) : sd.nn().relu("z", f.out(), 0); // z: [B, d]
        params.addAll(f.params());

        // classification subnetwork: one dense unit, ŷ = σ(l)
        SDVariable wo = sd.var("out_W", ConvStack.glorot(rng, zDim, 1, zDim, 1)), bo = sd.var("out_b", Nd4j.zeros(DataType.FLOAT, 1, 1));
        SDVariable logit = z.mmul(wo).add("logit", bo);                       // l: [B, 1]
        // distance subnetwork: Δz = z_i − z_j, then one dense unit; dist = σ(a)
        SDVariable wd = sd.var("dist_W", ConvStack.glorot(rng, zDim, 1, zDim, 1)), bd = sd.var("dist_b", Nd4j.zeros(DataType.FLOAT, 1, 1));
        SDVariable dz = pairDiff.mmul(z);                                      // Δz = z_i − z_j: [B, d]
        SDVariable a = dz.mmul(wd).add("dist_logit", bd);                     // a: [B, 1]
        params.addAll(List.of("out_W", "out_b", "dist_W", "dist_b"));

        SDVariable loss = IcsLosses.closeness(sd, "L_cls", a).mul(w[0])
                .add(IcsLosses.intraClass(sd, "L_ic", logit, y).mul(w[1]))
                .add(IcsLosses.dispersion(sd, "L_disp", a).mul(w[2]));
        loss.rename("loss");
        sd.setLossVariables("loss");
        optimizer = new Optimizer(sd, params, rule, l2, f.convWeights()); // + λ·Σ‖W_conv‖²
    }

    /** The number of trainable values (weights and biases). */
    public long parameterCount() { return optimizer.parameterCount(); }

    /** Which losses a step trains on. */
    public enum Step {
        /** Eq. 2 on a batch of typical images. */
        CLOSENESS(1, 0, 0),
        /** Eq. 3 on a batch of typical and atypical images with their labels. */
        INTRA_CLASS(0, 1, 0),
        /** Eq. 4 on a batch of atypical images. */
        DISPERSION(0, 0, 1);

        final float cls, ic, disp;

        Step(float cls, float ic, float disp) { this.cls = cls; this.ic = ic; this.disp = disp; }
    }

    /**
     * One gradient step on a batch; returns the loss that was minimized (without the L2 term).
     *
     * @param labels 0 typical / 1 atypical per image, or null for all 0 (steps that ignore labels)
     */
    public double step(Step step, INDArray x, float[] labels) {
        int b = (int) x.size(0);
        if (step != Step.INTRA_CLASS && b < 2) throw new IllegalArgumentException("a pair loss needs at least 2 images in the batch");
        INDArray y = labels == null ? zeroLabels.computeIfAbsent(b, k -> Nd4j.zeros(DataType.FLOAT, k, 1)) : Nd4j.create(labels, new long[] {b, 1}, 'c');
        feed.put("x", x);
        feed.put("y", y);
        feed.put("pair", pairs.computeIfAbsent(b, IcsNetwork::rolled));
        INDArray[] w = stepWeights.computeIfAbsent(step, s -> new INDArray[] {Nd4j.scalar(s.cls), Nd4j.scalar(s.ic), Nd4j.scalar(s.disp)});
        feed.put("w_cls", w[0]);
        feed.put("w_ic", w[1]);
        feed.put("w_disp", w[2]);
        String lossName = switch (step) { case CLOSENESS -> "L_cls"; case INTRA_CLASS -> "L_ic"; case DISPERSION -> "L_disp"; };
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed, List.of(lossName), params);
        optimizer.step(og.getGradients());
        return og.getOutputs().get(lossName).getDouble(0);
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

    /** The classifier's logits l (ŷ = σ(l) is the predicted probability of "atypical"), batch by batch. */
    public double[] logits(ImageBatches data, int batchSize) {
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] out = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray l = sd.output(Map.of("x", data.batch(order, from, to)), "logit").get("logit");
            for (int i = from; i < to; i++) out[i] = l.getDouble(i - from, 0);
        }
        return out;
    }

    /** The graph (for {@link OpProfile} and tests). */
    public SameDiff graph() { return sd; }
}
