package oneclass.baseline;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * What the deep baselines share: for DAGMM, fully connected layers in a SameDiff graph with Keras'
 * default initialization (Glorot-uniform weights, zero biases), mini-batch Adam over an order shuffled
 * afresh every epoch, and scoring in batches. Every random number (weights, order, noise, dropout masks) is
 * drawn here in Java from the run's seed and fed to the graph; no ND4J random op is used, so a seed gives
 * the same numbers whatever ran before or beside it. (Float sums inside ND4J still depend on its thread
 * count; the scripts run each run on one thread, {@link oneclass.run.Threads}.)
 */
final class Dense {
    private Dense() {}

    /** A layer's activation. */
    enum Act { RELU, TANH, SIGMOID, SOFTMAX, NONE }

    /**
     * Layers widths[0] → widths[1] → … → widths[last], {@code hidden} after every layer but the last and
     * {@code last} after it: h ← act(h·W + b), W: [in, out] ~ U(±√(6 / (in + out))) (Glorot and Bengio 2010).
     */
    static SDVariable stack(SameDiff sd, String name, SDVariable x, int[] widths, Act hidden, Act last, SplittableRandom rng) {
        SDVariable h = x;
        for (int l = 1; l < widths.length; l++) {
            int in = widths[l - 1], out = widths[l];
            double bound = Math.sqrt(6.0 / (in + out));
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            SDVariable W = sd.var(name + "_w" + l, Nd4j.create(w, new long[] {in, out}, 'c'));
            SDVariable b = sd.var(name + "_b" + l, Nd4j.zeros(DataType.FLOAT, 1, out));
            h = activate(sd, h.mmul(W).add(b), l == widths.length - 1 ? last : hidden);
        }
        return h;
    }

    static SDVariable activate(SameDiff sd, SDVariable a, Act act) {
        return switch (act) {
            case RELU -> sd.nn().relu(a, 0);
            case TANH -> sd.math().tanh(a);
            case SIGMOID -> sd.nn().sigmoid(a);
            case SOFTMAX -> sd.nn().softmax(a, 1);
            case NONE -> a;
        };
    }

    /**
     * Trains the graph's loss variable with Adam (Kingma and Ba 2015; ND4J's, β₁ 0.9, β₂ 0.999, ε 1e-8):
     * {@code epochs} passes over {@code n} rows in batches of {@code batchSize}, the rows shuffled by
     * {@code rng} every epoch. {@code batch} gives, for the rows of one batch, the arrays of the placeholders
     * named in {@code inputs}, in that order (it may draw noise from the same {@code rng}).
     */
    static void train(SameDiff sd, List<String> inputs, int n, int batchSize, int epochs, double lr, SplittableRandom rng,
                      Function<int[], INDArray[]> batch) {
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(lr))
                .dataSetFeatureMapping(inputs.toArray(String[]::new)).markLabelsUnused().build());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int perEpoch = (n + batchSize - 1) / batchSize;
        long total = (long) epochs * perEpoch;
        // every epoch's batches in one fit call (a call costs milliseconds of set-up), made as they are consumed,
        // in order on this thread (not asynchronous), and never re-batched (an epoch's short last batch stays short)
        sd.fit(new MultiDataSetIterator() {
            long next = 0;
            public boolean hasNext() { return next < total; }
            public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                int from = (int) (next++ % perEpoch) * batchSize;
                if (from == 0)  // a new epoch: a fresh order (Fisher-Yates)
                    for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
                return new MultiDataSet(batch.apply(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize))), new INDArray[0]);
            }
            public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) { throw new UnsupportedOperationException(); }
            public void setPreProcessor(MultiDataSetPreProcessor p) { throw new UnsupportedOperationException(); }
            public MultiDataSetPreProcessor getPreProcessor() { return null; }
            public boolean resetSupported() { return false; }
            public boolean asyncSupported() { return false; }
            public void reset() { throw new UnsupportedOperationException("one pass"); }
        }, 1);
    }

    /** The graph's output {@code out} for every row ([n, …]), {@code batchSize} rows at a time; {@code feed} gives the placeholders of a batch's rows. */
    static INDArray outputs(SameDiff sd, String out, int n, int batchSize, Function<int[], Map<String, INDArray>> feed) {
        List<INDArray> parts = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = new int[Math.min(n, from + batchSize) - from];
            for (int i = 0; i < rows.length; i++) rows[i] = from + i;
            parts.add(sd.output(feed.apply(rows), out).get(out));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** As {@link #outputs} for an output of one number per row ([B]). */
    static double[] perRow(SameDiff sd, String out, int n, int batchSize, Function<int[], Map<String, INDArray>> feed) {
        return outputs(sd, out, n, batchSize, feed).toDoubleVector();
    }

    /**
     * Fails unless every training value lies in [0, 1], where the Bernoulli likelihood is defined: with
     * a target x > 1 the cross-entropy falls without bound as the logit grows, and training diverges.
     */
    static void requireUnitInterval(double[][] train, String method) {
        for (int i = 0; i < train.length; i++)
            for (int j = 0; j < train[i].length; j++)
                if (!(train[i][j] >= 0 && train[i][j] <= 1))
                    throw new IllegalArgumentException(method + " models inputs in [0, 1] (a Bernoulli decoder), but training row " + i
                            + " has " + train[i][j] + " in column " + j + "; scale the data to [0, 1] first (the image tables give pixels / 255)");
    }

    /** Rows {@code rows} of x as a float matrix [rows.length, D]. */
    static INDArray rows(double[][] x, int[] rows) {
        int d = x[0].length;
        float[] f = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < d; j++) f[i * d + j] = (float) x[rows[i]][j];
        return Nd4j.create(f, new long[] {rows.length, d}, 'c');
    }

    /** A [rows, cols] float matrix of independent N(0, 1) draws from rng. */
    static INDArray gaussian(int rows, int cols, SplittableRandom rng) {
        float[] f = new float[rows * cols];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        return Nd4j.create(f, new long[] {rows, cols}, 'c');
    }
}
