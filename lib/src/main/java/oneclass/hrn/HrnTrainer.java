package oneclass.hrn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Trains HRN's MLP on one class's data with the one-class loss ({@link OneClassLoss}, Eq. 3) and SGD with momentum. */
public final class HrnTrainer {
    private HrnTrainer() {}

    /**
     * Every temporary of a training step lives in this workspace and is recycled at the next step:
     * ND4J's ordinary off-heap allocation costs more than the arithmetic on arrays this small.
     */
    private static final WorkspaceConfiguration STEP_MEMORY = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).build();

    /** Training diverged: the loss became infinite or NaN. A result of the method, not a bug of the harness. */
    public static final class Diverged extends ArithmeticException {
        public final int epoch;

        Diverged(int epoch, double loss, HrnConfig c) {
            super("training diverged: the loss became " + loss + " in epoch " + epoch + " (" + c.describe() + ")");
            this.epoch = epoch;
        }
    }

    /** Called after every epoch, e.g. to report progress or evaluate. */
    public interface EpochListener {
        void epochEnd(int epoch, Mlp model, double meanLoss);
    }

    /**
     * @param x    the class's training data [N, D], already normalized
     * @param seed draws the initial weights and the order of every epoch
     */
    public static Mlp train(HrnConfig c, INDArray x, long seed, EpochListener listener) {
        return train(c, x, seed, listener, true);
    }

    /** As above; {@code fused = false} forces the general ND4J step even where {@link FusedStep} applies (tests compare them). */
    static Mlp train(HrnConfig c, INDArray x, long seed, EpochListener listener, boolean fused) {
        SplittableRandom rng = new SplittableRandom(seed);
        Mlp model = new Mlp(c.architecture(), c.negativeSlope(), c.bias(), c.initBound(), rng.nextLong());
        SgdMomentum opt = new SgdMomentum(model.flat(), c.lr(), c.momentum());
        FusedStep step = fused && FusedStep.supports(c, x) ? new FusedStep(model, x, c.batchSize()) : null;
        OneClassLoss loss = c.loss();
        SplittableRandom order = rng.split();
        int n = (int) x.rows();
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            int[] perm = permutation(n, c.topUpLastBatch() ? c.batchSize() : 1, order);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < perm.length; start += c.batchSize()) {
                int[] rows = Arrays.copyOfRange(perm, start, Math.min(perm.length, start + c.batchSize()));
                double value = step != null ? step.lossAndGradients(rows, loss) : generalStep(model, x, rows, loss);
                opt.step();
                if (!Double.isFinite(value)) throw new Diverged(epoch, value, c);
                lossSum += value;
                batches++;
            }
            if (listener != null) listener.epochEnd(epoch, model, lossSum / batches);
        }
        return model;
    }

    /** Mlp's ND4J step, for what {@link FusedStep} does not cover (biases, CIFAR-10's grouped layer, double precision). */
    private static double generalStep(Mlp model, INDArray x, int[] rows, OneClassLoss loss) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_MEMORY, "hrn-step")) {
            INDArray batch = Nd4j.pullRows(x, 1, rows); // gathered inside the workspace: no allocation per batch
            return model.lossAndGradients(batch, loss);
        }
    }

    /** A random order of 0..n-1, extended with re-drawn indices to a multiple of {@code multiple}. */
    static int[] permutation(int n, int multiple, SplittableRandom rng) {
        int len = (n + multiple - 1) / multiple * multiple;
        int[] p = new int[len];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1), t = p[i]; p[i] = p[j]; p[j] = t;
        }
        for (int i = n; i < len; i++) p[i] = rng.nextInt(n);
        return p;
    }
}
