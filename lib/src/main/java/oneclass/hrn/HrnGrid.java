package oneclass.hrn;

import com.fasterxml.jackson.annotation.JsonAlias;
import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.metric.Auc;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.run.Fingerprint;
import oneclass.run.ResultStore;
import oneclass.run.RecordCsv;
import oneclass.run.RunRow;
import oneclass.run.Runner;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The experiment behind every image table of HRN: one cell per (data set, normal class, column, seed), run by the
 * {@link Runner} (sharded, resumed, in parallel). A column of the table (HRN, HRN-L2, an ablation row, a baseline, …)
 * is a name and a recipe per data set. Test matrices are built once per data set and training matrices once per
 * class, then shared read-only by every cell that needs them.
 */
public final class HrnGrid {
    private HrnGrid() {}

    /**
     * A column (or row) of a table: its name as in the expected results, its training recipe per data set,
     * its input normalization per data set (null: the protocol's 2-norm instance normalization), and the
     * fraction of other-class images mixed into the training set ({@link Noise}; 0 for clean training data).
     */
    public record Column(String name, Function<Benchmark, HrnConfig> config, Function<Benchmark, InputNorm> norm, double noise,
                         OneClassBaseline baseline) {
        public Column {
            if (!(noise >= 0 && noise < 1)) throw new IllegalArgumentException("noise must be in [0, 1), got " + noise);
            if ((config == null) == (baseline == null)) throw new IllegalArgumentException("a column is either HRN (a config) or a baseline");
        }

        public Column(String name, Function<Benchmark, HrnConfig> config, Function<Benchmark, InputNorm> norm, double noise) {
            this(name, config, norm, noise, null);
        }

        /** Clean training data, the protocol's normalization. */
        public Column(String name, Function<Benchmark, HrnConfig> config) { this(name, config, null, 0); }

        /**
         * A classical baseline on raw pixels scaled to [0, 1] (no instance normalization), fitted on the same
         * training rows as HRN (the protocol's: the whole class, or the code's 90 %).
         */
        public static Column baseline(OneClassBaseline b) { return new Column(b.name(), null, bm -> InputNorm.NONE, 0, b); }
    }

    /**
     * One run's result, one CSV file per run under {@code <out>/runs/}. AUCs in %.
     *
     * @param subset   which part of the data set the run saw ({@value DataSource#FULL}, or the subset's description); files
     *                 written before it was renamed call it {@code variant}, and still read
     * @param auc      the AUC the protocol reports (final epoch, or best over epochs for the code's protocol)
     * @param bestAuc  the best test AUC over epochs, NaN when only the last epoch was evaluated
     * @param gradNorm E‖∇ₓf(x)‖₂ over the training data after training
     * @param shortened how the run's settings cut the budget its protocol or method states (e.g. "3 of the paper's 100
     *                  epochs"), or null (also in files written before this field) at the full budget
     */
    public record RunResult(String dataset, @JsonAlias("variant") String subset, int cls, String method, String protocol, long seed, int epochs,
                            double auc, double finalAuc, double bestAuc, int bestEpoch, double finalLoss, double gradNorm,
                            int nTrain, int nTest, double seconds, String fingerprint, String config, @RecordCsv.Added String shortened) implements RunRow {
        public String key() { return key(dataset, cls, method, seed); }

        public static String key(String dataset, int cls, String method, long seed) {
            return dataset + "_c" + cls + "_" + method + "_s" + seed;
        }

        @Override
        public String summary() {
            if (Double.isInfinite(finalLoss)) return "DIVERGED (non-finite loss), recorded as NaN";
            return String.format(Locale.ROOT, "AUC %.2f%%, %.1fs", auc, seconds)
                    + (epochs > 0 ? String.format(Locale.ROOT, " (%.3fs/epoch)", seconds / epochs) : "");
        }
    }

    /** Everything that changes an HRN cell's numbers, for its {@link Fingerprint}. */
    record HrnCell(Protocol protocol, String subset, Map<String, String> sha256ByFile, HrnConfig config, String norm, double noise,
                   boolean evalEveryEpoch) {}

    /** Everything that changes a baseline cell's numbers: the data, the protocol's training rows and the baseline's settings ({@link OneClassBaseline#describe()}). */
    record BaselineCell(Protocol protocol, String subset, Map<String, String> sha256ByFile, String baseline) {}

    /** The whole grid in this process: {@link #run(Protocol, Map, List, List, List, boolean, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<RunResult> run(Protocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<Column> columns, List<Long> seeds, boolean evalEveryEpoch, int threads,
                                      ResultStore<RunResult> store, PrintStream out) {
        return run(protocol, data, classes, columns, seeds, evalEveryEpoch, threads, Shard.ALL, store, out);
    }

    /**
     * Trains every cell of the grid that belongs to {@code shard} and that {@code store} does not hold yet, and
     * returns all of the grid's runs that the store holds (other shards' included).
     *
     * @param evalEveryEpoch also record the best test AUC over epochs when the protocol does not need it
     */
    public static List<RunResult> run(Protocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<Column> columns, List<Long> seeds, boolean evalEveryEpoch, int threads,
                                      Shard shard, ResultStore<RunResult> store, PrintStream out) {
        Matrices matrices = new Matrices(protocol);
        List<Runner.Cell<RunResult>> cells = new ArrayList<>();
        for (var e : data.entrySet())
            for (int cls : classes)
                for (Column c : columns)
                    for (long seed : seeds)
                        cells.add(c.baseline() != null ? baselineCell(protocol, e.getKey(), e.getValue(), cls, c.baseline(), seed, matrices)
                                : hrnCell(protocol, e.getKey(), e.getValue(), cls, c, seed, evalEveryEpoch, matrices));
        return new Runner<>(store, shard, threads, out).run(cells);
    }

    /** HRN trained on the class's training images ({@link Noise}: with other classes' mixed in), scored on the test set. */
    static Runner.Cell<RunResult> hrnCell(Protocol protocol, Benchmark b, DataSource.Split split, int cls, Column c, long seed,
                                          boolean evalEveryEpoch, Matrices matrices) {
        HrnConfig cfg = c.config().apply(b);
        InputNorm norm = c.norm() != null ? c.norm().apply(b) : InputNorm.twoNorm(protocol.normalization(b));
        HrnCell config = new HrnCell(protocol, split.subset(), split.sha256ByFile(), cfg, norm.toString(), c.noise(), evalEveryEpoch);
        return new Runner.Cell<>(RunResult.key(b.cliName(), cls, c.name(), seed), config, cfg.epochs(), run -> {
            INDArray test = matrices.test(b, split, norm);
            INDArray train = matrices.train(b, split, cls, norm, c.noise(), seed);
            HrnRun.Result r = HrnRun.run(cfg, train, test, split.test().labels(), cls, seed, protocol.reportsBestEpochOnTest(), evalEveryEpoch,
                    (epoch, loss) -> run.epoch(epoch));
            return new RunResult(b.cliName(), split.subset(), cls, c.name(), protocol.cliName(), seed, cfg.epochs(),
                    100 * r.auc(), 100 * r.finalAuc(), 100 * r.bestAuc(), r.bestEpoch(), r.finalLoss(), r.gradNorm(),
                    r.nTrain(), r.nTest(), r.seconds(), run.fingerprint(), cfg.describe(), protocol.shortened(cfg.epochs()));
        });
    }

    /** A classical baseline fitted on the protocol's training rows of the class as raw pixels, scored on the test set. */
    static Runner.Cell<RunResult> baselineCell(Protocol protocol, Benchmark b, DataSource.Split split, int cls, OneClassBaseline baseline,
                                               long seed, Matrices matrices) {
        String dataset = b.cliName();
        BaselineCell config = new BaselineCell(protocol, split.subset(), split.sha256ByFile(), baseline.describe(split.train().dim()));
        return new Runner.Cell<>(RunResult.key(dataset, cls, baseline.name(), seed), config, 0, run -> {
            double[][] test = matrices.testPixels(b, split), train = matrices.trainPixels(b, split, cls);
            long t0 = System.nanoTime();
            double[] score = baseline.normality(train, test, seed);
            double auc = 100 * Auc.of(score, split.test().labels(), cls), seconds = (System.nanoTime() - t0) / 1e9;
            return new RunResult(dataset, split.subset(), cls, baseline.name(), protocol.cliName(), seed, 0, auc, auc, Double.NaN, 0,
                    Double.NaN, Double.NaN, train.length, test.length, seconds, run.fingerprint(), baseline.describe(train[0].length),
                    baseline.shortened(train[0].length));
        });
    }

    /** The input matrices of a grid, each made once by the first cell that needs it and shared read-only by the others. */
    static final class Matrices {
        private final Protocol protocol;
        private final Map<String, INDArray> inputs = new ConcurrentHashMap<>();
        private final Map<String, double[][]> pixels = new ConcurrentHashMap<>();

        Matrices(Protocol protocol) { this.protocol = protocol; }

        INDArray test(Benchmark b, DataSource.Split split, InputNorm norm) {
            return inputs.computeIfAbsent(b.cliName() + "|" + norm, k -> Inputs.matrix(split.test(), allRows(split.test().size()), norm));
        }

        /** The protocol's training rows of the class; with noise, contaminated per seed (so not shared across seeds). */
        INDArray train(Benchmark b, DataSource.Split split, int cls, InputNorm norm, double noise, long seed) {
            String key = b.cliName() + "_c" + cls + "|" + norm + (noise > 0 ? "|noise=" + noise + "|s" + seed : "");
            return inputs.computeIfAbsent(key, k -> {
                int[] rows = protocol.trainIndices(split.train(), cls);
                if (noise > 0) rows = Noise.contaminate(split.train(), rows, cls, noise, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1));
                return Inputs.matrix(split.train(), rows, norm);
            });
        }

        /** Raw pixels as double rows, for the baselines. */
        double[][] testPixels(Benchmark b, DataSource.Split split) {
            return pixels.computeIfAbsent(b.cliName(), k ->
                    Inputs.matrix(split.test(), allRows(split.test().size()), InputNorm.NONE).toDoubleMatrix());
        }

        double[][] trainPixels(Benchmark b, DataSource.Split split, int cls) {
            return pixels.computeIfAbsent(b.cliName() + "_c" + cls, k ->
                    Inputs.matrix(split.train(), protocol.trainIndices(split.train(), cls), InputNorm.NONE).toDoubleMatrix());
        }
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /**
     * The runs' AUCs as table cells next to the paper's, from stored runs alone (the report reads no data). Not judged: a data
     * set that any run saw only a subset of (its {@code subset} is not {@value DataSource#FULL}), and a column of a data set
     * that any run trained at a shortened budget ({@link RunResult#shortened()}).
     */
    public static List<Comparison.Row> compare(List<RunResult> runs, ExpectedResults expected) {
        Map<String, String> subsets = new HashMap<>();
        for (RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
        Function<Cells.Cell, String> shortened = Comparison.shortened(runs, RunResult::dataset, RunResult::method, RunResult::shortened);
        return Comparison.compare(Cells.aggregate(aucs(runs)), expected,
                c -> subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : shortened.apply(c));
    }

    /** The reported AUC of every run, as table measurements (class = the normal class, method = the column). */
    public static List<Cells.Measurement> aucs(List<RunResult> runs) {
        return runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.auc())).toList();
    }
}
