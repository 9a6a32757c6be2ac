package oneclass.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fully connected layers with the backward pass written by hand, for DAE, VAE and DAGMM: per Adam step
 * a few dozen ND4J calls on whole batches (the matrix products, one elementwise op per activation), where
 * the SameDiff graph ran every op through its interpreter (measured on one core: a DAE step 29 ms on
 * SameDiff, 12 ms here, of which ~6 ms are the matrix products; docs/baselines.md). What it keeps from the graph version: Keras' initialization
 * (Glorot-uniform weights drawn from the run's Java RNG, zero biases), ND4J's Adam, and every random
 * number drawn in Java.
 *
 * <p>All weights and biases of a model are views of one flat vector, and their gradients of another, so
 * one ND4J Adam call (Kingma and Ba 2015, β₁ 0.9, β₂ 0.999, ε 1e-8) updates them all, as DL4J does.
 * Each step's intermediate arrays live in a workspace that is reset at the end of the step (no garbage of
 * off-heap arrays). The data type is the caller's: float for training, double for the gradient checks.
 */
final class DenseNet {
    /** Layers widths[0] → … → widths[last], {@code hidden} after each but the last, {@code last} after it. */
    record Chain(int[] widths, Dense.Act hidden, Dense.Act last) {
        Chain {
            if (widths.length < 2) throw new IllegalArgumentException("a chain needs at least one layer, got widths " + java.util.Arrays.toString(widths));
        }
        static Chain of(Dense.Act hidden, Dense.Act last, int... widths) { return new Chain(widths, hidden, last); }
    }

    /** One layer: h ← act(x·W + b), W: [in, out], b: [1, out]; its input and output of the last forward pass, for backward. */
    static final class Layer {
        final INDArray w, b, dW, dB;
        final Dense.Act act;
        private INDArray in, out;

        Layer(INDArray w, INDArray b, INDArray dW, INDArray dB, Dense.Act act) {
            this.w = w; this.b = b; this.dW = dW; this.dB = dB; this.act = act;
        }

        INDArray forward(INDArray x) {
            in = x;
            out = Nd4j.gemm(x, w, false, false).addiRowVector(b);                // a: [B, out]
            switch (act) {
                case RELU -> Transforms.relu(out, false);
                case TANH -> Transforms.tanh(out, false);
                case SIGMOID -> Transforms.sigmoid(out, false);
                case NONE -> { }
            }
            return out;
        }

        /**
         * Given ∂L/∂h ([B, out], consumed), writes ∂L/∂W = xᵀ·∂L/∂a and ∂L/∂b = Σ_rows ∂L/∂a and returns
         * ∂L/∂x = ∂L/∂a·Wᵀ (null unless {@code inputGradient}). ∂L/∂a = ∂L/∂h ⊙ act′, with act′ from the
         * output: ReLU′ = sign(h) (h ≥ 0), tanh′ = 1 − h², σ′ = h(1 − h).
         */
        INDArray backward(INDArray dOut, boolean inputGradient) {
            INDArray dA = switch (act) {
                case RELU -> dOut.muli(Transforms.sign(out, true));
                case TANH -> dOut.muli(out.mul(out).rsubi(1));
                case SIGMOID -> dOut.muli(out.rsub(1).muli(out));
                case NONE -> dOut;
            };
            Nd4j.gemm(in, dA, dW, true, false, 1.0, 0.0);
            dB.assign(dA.sum(true, 0));
            return inputGradient ? Nd4j.gemm(dA, w, false, true) : null;
        }
    }

    final INDArray params, grads;     // [1, P]; every layer's W, b (and ∂W, ∂b) are views of them
    final Layer[][] chains;
    private final GradientUpdater<?> adam;
    private int iteration;

    /** The chains' layers in order, each W ~ U(±√(6 / (in + out))) from rng (Glorot and Bengio 2010), b = 0. */
    DenseNet(List<Chain> spec, double lr, DataType type, SplittableRandom rng) {
        long total = 0;
        for (Chain c : spec) for (int l = 1; l < c.widths.length; l++) total += (long) c.widths[l - 1] * c.widths[l] + c.widths[l];
        params = Nd4j.zeros(type, 1, total);
        grads = Nd4j.zeros(type, 1, total);
        chains = new Layer[spec.size()][];
        long at = 0;
        for (int k = 0; k < spec.size(); k++) {
            int[] widths = spec.get(k).widths;
            chains[k] = new Layer[widths.length - 1];
            for (int l = 1; l < widths.length; l++) {
                int in = widths[l - 1], out = widths[l];
                double bound = Math.sqrt(6.0 / (in + out));
                double[] w = new double[in * out];
                for (int i = 0; i < w.length; i++) w[i] = (2 * rng.nextDouble() - 1) * bound;
                Layer layer = new Layer(view(params, at, in, out), view(params, at + (long) in * out, 1, out),
                        view(grads, at, in, out), view(grads, at + (long) in * out, 1, out), l == widths.length - 1 ? spec.get(k).last : spec.get(k).hidden);
                layer.w.assign(Nd4j.createFromArray(w).reshape(in, out).castTo(type));
                chains[k][l - 1] = layer;
                at += (long) in * out + out;
            }
        }
        adam = new Adam(lr).instantiate(Nd4j.zeros(type, 1, 2 * total), true);
    }

    /** Entries [from, from + rows·cols) of the flat [1, P] vector v as a [rows, cols] matrix (c order) that shares v's memory. */
    private static INDArray view(INDArray v, long from, int rows, int cols) {
        INDArray m = v.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + (long) rows * cols)).reshape('c', rows, cols);
        // a copy (were reshape ever to make one) would detach the layer from Adam's update without an error
        if (m.data() != v.data() && m.data().originalDataBuffer() != v.data()) throw new IllegalStateException("not a view");
        return m;
    }

    /** Chain k's output for input x; keeps what backward needs. */
    INDArray forward(int k, INDArray x) {
        INDArray h = x;
        for (Layer layer : chains[k]) h = layer.forward(h);
        return h;
    }

    /** Backward through chain k from ∂L/∂(its output); fills its layers' gradients, returns ∂L/∂(its input) (null unless asked). */
    INDArray backward(int k, INDArray dOut, boolean inputGradient) {
        INDArray g = dOut;
        for (int l = chains[k].length - 1; l >= 0; l--) g = chains[k][l].backward(g, l > 0 || inputGradient);
        return g;
    }

    /** One Adam step with the gradients that backward left in {@link #grads} (every layer must have had its backward). */
    void adamStep() {
        adam.applyUpdater(grads, iteration++, 0);   // grads ← Adam's update
        params.subi(grads);
    }

    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder().initialSize(0).overallocationLimit(0.2)
            .policyReset(ResetPolicy.BLOCK_LEFT).policyLearning(LearningPolicy.FIRST_LOOP).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE).build();

    /** Runs f inside this thread's step workspace: the arrays f makes are reclaimed when it returns (none may escape). */
    static <T> T scoped(Supplier<T> f) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "oneclass-densenet-step")) {
            return f.get();
        }
    }

    /**
     * {@code epochs} passes over {@code n} rows in batches of {@code batchSize}, the rows shuffled by
     * {@code rng} every epoch (Fisher-Yates; an epoch's short last batch stays short); for each batch,
     * {@code step} computes the gradients (forward and backward) and then one Adam step is taken.
     */
    void train(int n, int batchSize, int epochs, SplittableRandom rng, Consumer<int[]> step) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                scoped(() -> { step.accept(rows); adamStep(); return null; });
            }
        }
    }

    /** f's per-row numbers ([B]) for rows 0 … n − 1, {@code batchSize} rows at a time, each batch in the workspace. */
    static double[] perRow(int n, int batchSize, Function<int[], INDArray> f) {
        double[] out = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = new int[Math.min(n, from + batchSize) - from];
            for (int i = 0; i < rows.length; i++) rows[i] = from + i;
            double[] part = scoped(() -> Dense.toVector(f.apply(rows)));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /**
     * −log p(x | logits) under independent Bernoulli pixels, per row: Σⱼ [softplus(lⱼ) − xⱼ·lⱼ], the binary
     * cross-entropy written on the logits (no log 0), with softplus(l) = max(l, 0) + log(1 + e^−|l|) so that
     * a large logit does not overflow. x, logits: [B, D] → [B].
     */
    static INDArray bernoulliNll(INDArray x, INDArray logits) {
        INDArray softplus = Transforms.relu(logits, true).addi(Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false));
        return softplus.subi(x.mul(logits)).sum(1);
    }

    /** ∂/∂logits of the batch mean of {@link #bernoulliNll}: (σ(l) − x) / B. */
    static INDArray bernoulliNllGradient(INDArray x, INDArray logits) {
        return Transforms.sigmoid(logits, true).subi(x).divi(x.rows());
    }
}
