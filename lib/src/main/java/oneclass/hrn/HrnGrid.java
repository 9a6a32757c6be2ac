package oneclass.hrn;

import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.metric.Auc;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.run.Parallel;
import oneclass.run.Progress;
import oneclass.run.ResultStore;
import oneclass.run.RunRow;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The experiment behind every image table of HRN: one run per (data set, normal class, variant, seed),
 * trained in parallel, each stored as soon as it ends so that an interrupted experiment resumes. A
 * variant is a column of the table (HRN, HRN-L2, an ablation row, …): a name and a recipe per data set.
 * Test matrices are built once per data set and training matrices once per class, then shared read-only.
 */
public final class HrnGrid {
    private HrnGrid() {}

    /**
     * A column (or row) of a table: its name as in the expected results, its training recipe per data set,
     * its input normalization per data set (null: the protocol's 2-norm instance normalization), and the
     * fraction of other-class images mixed into the training set ({@link Noise}; 0 for clean training data).
     */
    public record Variant(String name, Function<Benchmark, HrnConfig> config, Function<Benchmark, InputNorm> norm, double noise,
                          OneClassBaseline baseline) {
        public Variant {
            if (!(noise >= 0 && noise < 1)) throw new IllegalArgumentException("noise must be in [0, 1), got " + noise);
            if ((config == null) == (baseline == null)) throw new IllegalArgumentException("a variant is either HRN (a config) or a baseline");
        }

        public Variant(String name, Function<Benchmark, HrnConfig> config, Function<Benchmark, InputNorm> norm, double noise) {
            this(name, config, norm, noise, null);
        }

        /** Clean training data, the protocol's normalization. */
        public Variant(String name, Function<Benchmark, HrnConfig> config) { this(name, config, null, 0); }

        /**
         * A classical baseline on raw pixels scaled to [0, 1] (no instance normalization), fitted on the same
         * training rows as HRN (the protocol's: the whole class, or the code's 90 %).
         */
        public static Variant baseline(OneClassBaseline b) { return new Variant(b.name(), null, bm -> InputNorm.NONE, 0, b); }
    }

    /**
     * One run's result, one CSV file per run under {@code <out>/runs/}. AUCs in %.
     *
     * @param auc      the AUC the protocol reports (final epoch, or best over epochs for the code's protocol)
     * @param bestAuc  the best test AUC over epochs, NaN when only the last epoch was evaluated
     * @param gradNorm E‖∇ₓf(x)‖₂ over the training data after training
     */
    public record RunResult(String dataset, String variant, int cls, String method, String protocol, long seed, int epochs,
                            double auc, double finalAuc, double bestAuc, int bestEpoch, double finalLoss, double gradNorm,
                            int nTrain, int nTest, double seconds, String fingerprint, String config) implements RunRow {
        public String key() { return key(dataset, cls, method, seed); }

        public static String key(String dataset, int cls, String method, long seed) {
            return dataset + "_c" + cls + "_" + method + "_s" + seed;
        }
    }

    /** The whole grid in this process: {@link #run(Protocol, Map, List, List, List, boolean, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<RunResult> run(Protocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<Variant> variants, List<Long> seeds, boolean evalEveryEpoch, int threads,
                                      ResultStore<RunResult> store, PrintStream out) {
        return run(protocol, data, classes, variants, seeds, evalEveryEpoch, threads, Shard.ALL, store, out);
    }

    /**
     * Trains every run of the grid that belongs to {@code shard} and that {@code store} does not hold yet, and
     * returns all of the grid's runs that the store holds (other shards' included).
     *
     * @param evalEveryEpoch also record the best test AUC over epochs when the protocol does not need it
     */
    public static List<RunResult> run(Protocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<Variant> variants, List<Long> seeds, boolean evalEveryEpoch, int threads,
                                      Shard shard, ResultStore<RunResult> store, PrintStream out) {
        Map<String, INDArray> testSets = new ConcurrentHashMap<>();
        Map<String, INDArray> trainSets = new ConcurrentHashMap<>();
        Map<String, double[][]> baselineRows = new ConcurrentHashMap<>();
        List<Runnable> todo = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        int resumed = 0;
        long epochsToDo = 0;
        Progress[] progress = new Progress[1];
        for (var e : data.entrySet())
            for (int cls : classes)
                for (Variant v : variants)
                    for (long seed : seeds) {
                        Benchmark b = e.getKey();
                        DataSource.Split split = e.getValue();
                        String key = RunResult.key(b.cliName(), cls, v.name(), seed);
                        keys.add(key);
                        if (!shard.owns(keys.size() - 1)) continue;
                        mine.add(key);
                        if (v.baseline() != null) {
                            String fingerprint = Integer.toHexString((protocol.cliName() + "|" + split.variant() + "|" + split.sha256ByFile()
                                    + "|" + v.baseline().describe()).hashCode());
                            if (store.find(key, fingerprint).isPresent()) { resumed++; continue; }
                            todo.add(() -> {
                                // raw pixels as double rows, converted once per data set / class and shared by every baseline run
                                double[][] test = baselineRows.computeIfAbsent(b.cliName(), k ->
                                        Inputs.matrix(split.test(), allRows(split.test().size()), InputNorm.NONE).toDoubleMatrix());
                                double[][] train = baselineRows.computeIfAbsent(b.cliName() + "_c" + cls, k ->
                                        Inputs.matrix(split.train(), protocol.trainIndices(split.train(), cls), InputNorm.NONE).toDoubleMatrix());
                                long t0 = System.nanoTime();
                                double[] score = v.baseline().normality(train, test, seed);
                                double auc = 100 * Auc.of(score, split.test().labels(), cls), seconds = (System.nanoTime() - t0) / 1e9;
                                store.put(new RunResult(b.cliName(), split.variant(), cls, v.name(), protocol.cliName(), seed, 0,
                                        auc, auc, Double.NaN, 0, Double.NaN, Double.NaN, train.length, test.length, seconds,
                                        fingerprint, v.baseline().describe()));
                                progress[0].finished(key, String.format(Locale.ROOT, "AUC %.2f%%, %.1fs", auc, seconds));
                            });
                            continue;
                        }
                        HrnConfig cfg = v.config().apply(b);
                        InputNorm norm = v.norm() != null ? v.norm().apply(b) : InputNorm.twoNorm(protocol.normalization(b));
                        // the default normalization and clean data leave the fingerprint as it was before variants had them
                        String extra = (v.norm() != null ? "|norm=" + norm : "") + (v.noise() > 0 ? "|noise=" + v.noise() : "");
                        String fingerprint = fingerprint(protocol, split, cfg, evalEveryEpoch)
                                + (extra.isEmpty() ? "" : Integer.toHexString(extra.hashCode()));
                        if (store.find(key, fingerprint).isPresent()) { resumed++; continue; }
                        epochsToDo += cfg.epochs();
                        todo.add(() -> {
                            INDArray test = testSets.computeIfAbsent(b.cliName() + "|" + norm, k ->
                                    Inputs.matrix(split.test(), allRows(split.test().size()), norm));
                            // noisy training sets are drawn per seed, so they are not shared across seeds
                            INDArray train = trainSets.computeIfAbsent(b.cliName() + "_c" + cls + "|" + norm
                                    + (v.noise() > 0 ? "|noise=" + v.noise() + "|s" + seed : ""), k -> {
                                int[] rows = protocol.trainIndices(split.train(), cls);
                                if (v.noise() > 0)
                                    rows = Noise.contaminate(split.train(), rows, cls, v.noise(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1));
                                return Inputs.matrix(split.train(), rows, norm);
                            });
                            HrnRun.Result r = HrnRun.run(cfg, train, test, split.test().labels(), cls, seed,
                                    protocol.reportsBestEpochOnTest(), evalEveryEpoch, (epoch, loss) -> progress[0].epoch(key, epoch));
                            store.put(new RunResult(b.cliName(), split.variant(), cls, v.name(), protocol.cliName(), seed, cfg.epochs(),
                                    100 * r.auc(), 100 * r.finalAuc(), 100 * r.bestAuc(), r.bestEpoch(), r.finalLoss(), r.gradNorm(),
                                    r.nTrain(), r.nTest(), r.seconds(), fingerprint, cfg.describe()));
                            progress[0].finished(key, Double.isInfinite(r.finalLoss()) ? "DIVERGED (non-finite loss), recorded as NaN"
                                    : String.format(Locale.ROOT, "AUC %.2f%%, %.1fs (%.3fs/epoch)", 100 * r.auc(), r.seconds(), r.seconds() / cfg.epochs()));
                        });
                    }
        out.printf("%d runs%s (%d already in %s, %d to train on %d threads)%n", mine.size(),
                shard.partial() ? " in shard " + shard + " of " + keys.size() : "", resumed, store.dir(), todo.size(), threads);
        progress[0] = new Progress(mine.size(), resumed, epochsToDo, 10, out);
        Parallel.run(todo, threads);
        Set<String> wanted = new HashSet<>(keys);
        return store.all().stream().filter(r -> wanted.contains(r.key())).toList();
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Everything that changes a run's numbers, hashed: a resumed run must have been made the same way. */
    static String fingerprint(Protocol p, DataSource.Split split, HrnConfig cfg, boolean evalEveryEpoch) {
        String s = p.cliName() + "|" + split.variant() + "|" + split.sha256ByFile() + "|" + cfg.describe() + "|" + evalEveryEpoch;
        return Integer.toHexString(s.hashCode());
    }

    /** Loads every data set, printing its sizes and whether it is the full set. */
    public static Map<Benchmark, DataSource.Split> load(List<Benchmark> benchmarks, Path dir, boolean allowDownload, PrintStream out) {
        Map<Benchmark, DataSource.Split> data = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) {
            DataSource.Split s = DataSource.load(b, dir, allowDownload);
            data.put(b, s);
            out.printf("%s: %d train / %d test images (%s)%s%n", b.cliName(), s.train().size(), s.test().size(), s.variant(),
                    s.complete() ? "" : " -- NOT the full data set: results are labelled 'not comparable' with the paper");
        }
        return data;
    }

    /** The runs' AUCs as table cells next to the paper's; cells of a data set that is only a subset are not judged. */
    public static List<Comparison.Row> compare(List<RunResult> runs, Map<Benchmark, DataSource.Split> data, ExpectedResults expected) {
        Set<String> subsets = new HashSet<>();
        data.forEach((b, s) -> { if (!s.complete()) subsets.add(b.cliName()); });
        return Comparison.compare(Cells.aggregate(aucs(runs)), expected,
                c -> subsets.contains(c.dataset()) ? "CIFAR-10 subset, not the full data set" : null);
    }

    /**
     * As {@link #compare(List, Map, ExpectedResults)}, from stored runs alone (the report reads no data): a
     * data set that any run saw only a subset of (its {@code variant} is not {@value DataSource#FULL_VARIANT})
     * is not judged.
     */
    public static List<Comparison.Row> compare(List<RunResult> runs, ExpectedResults expected) {
        Map<String, String> subsets = new HashMap<>();
        for (RunResult r : runs) if (!r.variant().equals(DataSource.FULL_VARIANT)) subsets.put(r.dataset(), r.variant());
        return Comparison.compare(Cells.aggregate(aucs(runs)), expected,
                c -> subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : null);
    }

    /** Per data set: which variant was used and the sha256 of every file read, for the run record. */
    public static Map<String, Object> provenance(Map<Benchmark, DataSource.Split> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        data.forEach((b, s) -> {
            Map<String, Object> d = new LinkedHashMap<>(s.sha256ByFile());
            d.put("variant", s.variant());
            m.put(b.cliName(), d);
        });
        return m;
    }

    /** One line per data set that is only a subset, for the top of a report. */
    public static List<String> subsetWarnings(Map<Benchmark, DataSource.Split> data) {
        List<String> w = new ArrayList<>();
        data.forEach((b, s) -> { if (!s.complete()) w.add(b.cliName() + " ran on a " + s.variant() + ": its numbers are not comparable with the paper's."); });
        return w;
    }

    /** The reported AUC of every run, as table measurements (class = the normal class, method = the variant). */
    public static List<Cells.Measurement> aucs(List<RunResult> runs) {
        return runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.auc())).toList();
    }
}
