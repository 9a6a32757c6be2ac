package oneclass.hcl;

import oneclass.hrn.HrnConfig;
import oneclass.hrn.HrnRun;
import oneclass.hrn.HrnTrainer;
import oneclass.hrn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HCL, the continual learner of HRN Sec. 4.5: one independent one-class head per class learned so far.
 * "Each head is an independent one-class model using a 2-layer MLP and a single output unit. When each new
 * class (or task) comes, it is incrementally learned using the one-class loss (Sec. 3.1)." A head here is an
 * HRN model ({@link Mlp}, trained by {@link HrnTrainer} with the given {@link HrnConfig}) on that class's data
 * only; learning a new class creates a new head and touches no earlier one. Prediction is Eq. (7):
 * <pre>
 *   y = argmax_{C_i} [ f_{C_1}(x_f), …, f_{C_N}(x_f) ]
 * </pre>
 * over the logits f of the N heads so far; x_f is the input itself (MNIST, EMNIST) or the feature of a frozen
 * pre-trained extractor (DBPedia with BERT). The optional feature extractor lives outside: callers pass x_f.
 */
public final class HclHeads {
    /** A learned head: its class, its model, and what it cost. */
    public record Head(int cls, Mlp model, double seconds, double finalLoss) {
        public long parameterCount() { return model.parameterCount(); }
    }

    private final HrnConfig config;
    private final List<Head> heads = new ArrayList<>();

    /** @param config every head's training recipe (architecture: input width → hidden → 1) */
    public HclHeads(HrnConfig config) { this.config = config; }

    public HrnConfig config() { return config; }

    /**
     * The seed of the head for {@code cls} in the sequence run with {@code seed}: a function of the class, not
     * of its position in the sequence, so that the same class gets the same head whatever the task order.
     */
    public static long headSeed(long seed, int cls) {
        return new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (cls + 1));
    }

    /**
     * Learns a new class: trains a new head on {@code x}, the class's training data [N, D] (already normalized),
     * and appends it. The heads learned before are not read or written.
     *
     * @throws IllegalArgumentException when this class already has a head
     * @throws HrnTrainer.Diverged      when the head's training diverged (no head is added)
     */
    public Head learn(int cls, INDArray x, long seed) {
        return learn(cls, x, seed, null);
    }

    /** As above, reporting every epoch's mean training loss to {@code progress} (may be null). */
    public Head learn(int cls, INDArray x, long seed, HrnRun.Progress progress) {
        if (heads.stream().anyMatch(h -> h.cls() == cls)) throw new IllegalArgumentException("class " + cls + " already has a head");
        if (x.columns() != config.architecture().inputDim())
            throw new IllegalArgumentException("class " + cls + ": inputs have " + x.columns() + " features, the heads take "
                    + config.architecture().inputDim());
        long t0 = System.nanoTime();
        double[] loss = {Double.NaN};
        Mlp model = HrnTrainer.train(config, x, headSeed(seed, cls), (epoch, m, l) -> {
            loss[0] = l;
            if (progress != null) progress.epoch(epoch, l);
        });
        Head h = new Head(cls, model, (System.nanoTime() - t0) / 1e9, loss[0]);
        heads.add(h);
        return h;
    }

    public List<Head> heads() { return Collections.unmodifiableList(heads); }

    /** The classes of the heads, in the order they were learned. */
    public int[] classes() { return heads.stream().mapToInt(Head::cls).toArray(); }

    /** Total parameters of all heads: the model grows by one head per class. */
    public long parameterCount() { return heads.stream().mapToLong(Head::parameterCount).sum(); }

    /** Every head's logit f for every row of x [M, D]: [heads][M]. */
    public double[][] scores(INDArray x) {
        double[][] s = new double[heads.size()][];
        for (int k = 0; k < s.length; k++) s[k] = heads.get(k).model().score(x);
        return s;
    }

    /** Eq. (7) for every row of x. */
    public int[] predict(INDArray x) {
        if (heads.isEmpty()) throw new IllegalStateException("no class learned yet");
        return argmax(scores(x), classes());
    }

    /**
     * Eq. (7) on a table of scores: for every example m, the class of the head with the highest score
     * {@code scores[k][m]}. A tie goes to the head learned first. A NaN score is never the maximum.
     *
     * @param scores  [heads][examples]
     * @param classes the class of each head, in the same order
     */
    public static int[] argmax(double[][] scores, int[] classes) {
        if (scores.length == 0) throw new IllegalArgumentException("no heads");
        if (scores.length != classes.length)
            throw new IllegalArgumentException(scores.length + " score rows for " + classes.length + " classes");
        int m = scores[0].length;
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            int best = 0;
            for (int k = 1; k < scores.length; k++)
                if (scores[k][i] > scores[best][i] || Double.isNaN(scores[best][i]) && !Double.isNaN(scores[k][i])) best = k;
            y[i] = classes[best];
        }
        return y;
    }

    /**
     * Accuracy after each task, the continual-learning curve: after task t (1-based), the test examples of
     * the t classes seen so far are classified by Eq. (7) over the first t heads, and the fraction correct is
     * entry t−1. The last entry is the accuracy on the whole test set of all classes (HRN Table 7). A task
     * whose heads include one with a NaN score (a diverged head) gets NaN.
     *
     * @param scores      [task][example]: the logits of the head learned in each task, on every test example
     * @param taskClasses the class of each task
     * @param labels      the test labels
     */
    public static double[] accuracyAfterEachTask(double[][] scores, int[] taskClasses, int[] labels) {
        if (scores.length != taskClasses.length) throw new IllegalArgumentException(scores.length + " score rows for " + taskClasses.length + " tasks");
        double[] acc = new double[taskClasses.length];
        boolean diverged = false;
        for (int t = 0; t < taskClasses.length; t++) {
            if (scores[t].length != labels.length)
                throw new IllegalArgumentException("task " + (t + 1) + ": " + scores[t].length + " scores for " + labels.length + " test labels");
            for (double v : scores[t]) if (Double.isNaN(v)) { diverged = true; break; }
            if (diverged) { acc[t] = Double.NaN; continue; }
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k <= t; k++) seen.add(taskClasses[k]);
            int[] rows = IntStream.range(0, labels.length).filter(i -> seen.contains(labels[i])).toArray();
            double[][] sub = new double[t + 1][rows.length];
            for (int k = 0; k <= t; k++) for (int r = 0; r < rows.length; r++) sub[k][r] = scores[k][rows[r]];
            int[] truth = Arrays.stream(rows).map(i -> labels[i]).toArray();
            acc[t] = rows.length == 0 ? Double.NaN : accuracy(argmax(sub, Arrays.copyOf(taskClasses, t + 1)), truth);
        }
        return acc;
    }

    /** The fraction of {@code predicted} equal to {@code labels}. */
    public static double accuracy(int[] predicted, int[] labels) {
        if (labels.length == 0) return Double.NaN;
        if (predicted.length != labels.length) throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
        int c = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) c++;
        return (double) c / labels.length;
    }
}
