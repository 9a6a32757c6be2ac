package oneclass.tabular;

import oneclass.baseline.OneClassBaseline;
import oneclass.data.TabularData;
import oneclass.data.TabularFile;
import oneclass.hrn.HrnConfig;
import oneclass.hrn.HrnTrainer;
import oneclass.hrn.InstanceNorm2;
import oneclass.hrn.Mlp;
import oneclass.hrn.Protocol;
import oneclass.hrn.TabularInputs;
import oneclass.metric.Auc;
import oneclass.run.ResultStore;
import oneclass.run.Runner;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.util.*;
import java.util.function.IntFunction;

/**
 * The experiment behind HRN Table 2: one cell per (data set, column, seed), run by the {@link Runner}
 * (sharded, resumed, in parallel), each turned into a {@link TabularRun} by {@link #run(Setup, TabularFile, TabularData, Column, long, Runner.Run)}.
 *
 * <p>A run: the seed draws the split from one stream and the training seed (weights, batch order, a
 * baseline's randomness) from another; the split is TQM's or DAGMM's ({@link #rule}), min-max scaled with
 * the training part's statistics; HRN trains on the training part only, put through its 2-norm instance
 * normalization unless {@link Setup#norm()} is null. The anomaly score is −f(x) (the negated logit: sigmoid
 * saturates in float), the k highest are flagged, k = the number of novel test rows ({@link TopKThreshold}),
 * so precision = recall = F1.
 */
public final class TabularGrid {
    private TabularGrid() {}

    /** HRN's hidden width for every Table 2 data set (Sec. 4.2: [125-100]-[100-1], [6-100]-[100-1]). */
    public static final int HIDDEN = 100;

    /** The split each data set had in the work HRN took it from (Sec. 4.1): TQM's for KDDCUP99 and Thyroid, DAGMM's halves for Arrhythmia. */
    public static TabularSplit.Rule rule(TabularFile f) {
        return f == TabularFile.ARRHYTHMIA ? TabularSplit.Rule.DAGMM_HALVES : TabularSplit.Rule.TQM;
    }

    /** One line per data set: its size and its split's, which do not depend on the seed. */
    public static String describe(TabularFile f, TabularData d) {
        TabularSplit s = TabularSplit.of(d, rule(f), new SplittableRandom(0));
        return String.format(Locale.ROOT, "%s: %d x %d, %d novel; %s split: %d train (+%d validation, unused), %d test (%d novel) per run",
                f.cliName(), d.rows(), d.cols(), d.novelCount(), rule(f), s.trainSize(), s.validationSize(), s.testSize(), s.testNovelCount());
    }

    /** Per data set: its file, where it comes from, its sha256, its size and split, for the run record. */
    public static Map<String, Object> provenance(Map<TabularFile, TabularData> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        data.forEach((f, d) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", f.path());
            x.put("origin", f.origin().toString());
            x.put("sha256", d.sha256());
            x.put("rows", d.rows());
            x.put("cols", d.cols());
            x.put("novel", d.novelCount());
            x.put("split", rule(f).toString());
            m.put(f.cliName(), x);
        });
        return m;
    }

    /**
     * A column of the table: HRN under a recipe for a data set of d features, or an in-harness baseline on the
     * min-max scaled rows (same split, same threshold).
     */
    public record Column(String name, IntFunction<HrnConfig> config, OneClassBaseline baseline) {
        public Column {
            Objects.requireNonNull(name, "name");
            if ((config == null) == (baseline == null)) throw new IllegalArgumentException(name + ": a column is either HRN (a config) or a baseline");
        }

        public static Column hrn(String name, IntFunction<HrnConfig> config) { return new Column(name, config, null); }

        public static Column of(OneClassBaseline b) { return new Column(b.name(), null, b); }

        /** What the column trains on a data set of {@code d} features: HRN's config, or the baseline's settings. */
        public String describe(int d) { return baseline != null ? baseline.describe() : config.apply(d).describe(); }

        /** How the column's settings cut its budget on {@code d} features (HRN: the protocol's epochs; a baseline: its own), or null. */
        String shortened(Protocol p, int d) { return baseline != null ? baseline.shortened(d) : p.shortened(config.apply(d).epochs()); }

        /** Epochs a run trains, for the progress estimate (a baseline's are not counted). */
        int epochs(int d) { return baseline != null ? 0 : config.apply(d).epochs(); }
    }

    /**
     * What every run of one table shares.
     *
     * @param norm           HRN's 2-norm instance normalization of every row after min-max scaling; null: none
     * @param evalEveryEpoch also record the best test F1 over epochs when the protocol does not need it
     */
    public record Setup(Protocol protocol, InstanceNorm2 norm, boolean evalEveryEpoch) {
        public Setup {
            Objects.requireNonNull(protocol, "protocol");
        }

        /** Whether each epoch's model is scored on the test set: official-code reports the best epoch's test F1. */
        boolean everyEpoch() { return evalEveryEpoch || protocol.reportsBestEpochOnTest(); }
    }

    /** Everything that changes an HRN cell's numbers, for its fingerprint: the data, its split, the recipe, the input. */
    record HrnCell(Protocol protocol, TabularFile dataset, String sha256, TabularSplit.Rule rule, HrnConfig config, boolean instanceNorm,
                   boolean evalEveryEpoch) {}

    /** Everything that changes a baseline cell's numbers: the data, its split, the baseline's settings. */
    record BaselineCell(TabularFile dataset, String sha256, TabularSplit.Rule rule, OneClassBaseline baseline) {}

    /**
     * Every (data set, column, seed) of the table, in that order, on the {@link Runner}: shard K of N trains the cells
     * at its positions that {@code store} does not hold yet; returns every cell's run that the store holds (other
     * shards' included).
     */
    public static List<TabularRun> run(Setup s, Map<TabularFile, TabularData> data, List<Column> columns, List<Long> seeds,
                                       int threads, Shard shard, ResultStore<TabularRun> store, PrintStream out) {
        List<Runner.Cell<TabularRun>> cells = new ArrayList<>();
        data.forEach((f, d) -> columns.forEach(col -> seeds.forEach(seed -> cells.add(cell(s, f, d, col, seed)))));
        return new Runner<>(store, shard, threads, out).run(cells);
    }

    /** One run of the table: a data set (its rows read once, shared by every cell), a column, a seed. */
    static Runner.Cell<TabularRun> cell(Setup s, TabularFile f, TabularData d, Column col, long seed) {
        String key = TabularRun.key(f.cliName(), col.name(), seed);
        if (col.baseline() != null)
            return new Runner.Cell<>(key, new BaselineCell(f, d.sha256(), rule(f), col.baseline()), 0, run -> run(s, f, d, col, seed, run));
        HrnConfig cfg = col.config().apply(d.cols());
        return new Runner.Cell<>(key, new HrnCell(s.protocol(), f, d.sha256(), rule(f), cfg, s.norm() != null, s.evalEveryEpoch()), cfg.epochs(),
                run -> run(s, f, d, col, seed, run));
    }

    /**
     * Trains and scores one cell. A diverged HRN run is a finding, not a crash (as in the image tables): NaN
     * metrics, an infinite loss, verdict DIVERGED.
     */
    static TabularRun run(Setup s, TabularFile f, TabularData d, Column col, long seed, Runner.Run run) {
        long t0 = System.nanoTime();
        SplittableRandom root = new SplittableRandom(seed);
        TabularSplit split = TabularSplit.of(d, rule(f), root.split()).minMaxScaled();
        long trainSeed = root.nextLong();
        boolean[] novel = split.testNovel();
        Result at = new Result(s, f.cliName(), col, seed, split, trainSeed, run.fingerprint(), t0);
        if (col.baseline() != null) {
            double[] score = col.baseline().normality(TabularInputs.train(split, null).toDoubleMatrix(), TabularInputs.test(split, null).toDoubleMatrix(), trainSeed);
            for (int i = 0; i < score.length; i++) score[i] = -score[i];   // anomaly score: higher = more anomalous
            return at.of(0, false, score, Double.NaN, 0, Double.NaN, Double.NaN);
        }
        HrnConfig cfg = col.config().apply(split.cols());
        INDArray train = TabularInputs.train(split, s.norm());   // [nTrain, d]
        INDArray test = TabularInputs.test(split, s.norm());     // [nTest, d]
        double[] best = {Double.NaN}, lastLoss = {Double.NaN};
        int[] bestEpoch = {0};
        Mlp model;
        try {
            model = HrnTrainer.train(cfg, train, trainSeed, (epoch, mlp, loss) -> {
                lastLoss[0] = loss;
                if (s.everyEpoch()) {
                    double f1 = TopKThreshold.of(anomalyScores(mlp, test), novel).f1();
                    if (!(f1 <= best[0])) { best[0] = f1; bestEpoch[0] = epoch; }
                }
                run.epoch(epoch);
            });
        } catch (HrnTrainer.Diverged e) {
            return at.of(cfg.epochs(), false, null, best[0], bestEpoch[0], Double.POSITIVE_INFINITY, Double.NaN);
        }
        return at.of(cfg.epochs(), s.protocol().reportsBestEpochOnTest(), anomalyScores(model, test), best[0], bestEpoch[0], lastLoss[0],
                model.meanInputGradientNorm(train));
    }

    /** What a run's record takes from its cell and split, so that the record is built in one place ({@link #of}). */
    private record Result(Setup s, String dataset, Column col, long seed, TabularSplit split, long trainSeed, String fingerprint, long t0) {
        /**
         * The run's record, metrics in %.
         *
         * @param score      the anomaly scores of the test rows; null when training diverged (every metric NaN)
         * @param reportBest report the best epoch's test F1 (official-code); under top-k it is also that epoch's P and R
         * @param best       the best test F1 over epochs (a fraction), NaN when not evaluated every epoch
         */
        TabularRun of(int epochs, boolean reportBest, double[] score, double best, int bestEpoch, double finalLoss, double gradNorm) {
            TopKThreshold.Result r = score == null ? null : TopKThreshold.of(score, split.testNovel());   // flags the k highest: P = R = F1
            double nan = Double.NaN;
            double p = r == null ? nan : reportBest ? best : r.precision(), rec = r == null ? nan : reportBest ? best : r.recall();
            double f1 = r == null ? nan : reportBest ? best : r.f1(), finalF1 = r == null ? nan : r.f1();
            return new TabularRun(dataset, col.name(), s.protocol().cliName(), seed, trainSeed, epochs, 100 * p, 100 * rec, 100 * f1,
                    100 * finalF1, 100 * best, bestEpoch, r == null ? nan : 100 * Auc.of(score, split.testNovel()), r == null ? 0 : r.k(),
                    r == null ? nan : r.truePositives(), r == null ? 0 : r.tiedAtThreshold(), finalLoss, gradNorm, split.cols(),
                    split.trainSize(), split.validationSize(), split.testSize(), col.baseline() == null && s.norm() != null,
                    (System.nanoTime() - t0) / 1e9, fingerprint, col.describe(split.cols()), col.shortened(s.protocol(), split.cols()));
        }
    }

    /** HRN's anomaly score: −f(x), the negated logit (sigmoid(f) would tie in float32 for f above about 17). */
    static double[] anomalyScores(Mlp model, INDArray x) {
        double[] s = model.score(x);
        for (int i = 0; i < s.length; i++) s[i] = -s[i];
        return s;
    }
}
