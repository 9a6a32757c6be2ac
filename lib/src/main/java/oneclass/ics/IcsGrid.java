package oneclass.ics;

import oneclass.baseline.BaselineOptions;
import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.Images;
import oneclass.report.Cells;
import oneclass.run.Parallel;
import oneclass.run.Progress;
import oneclass.run.ResultStore;
import oneclass.run.RunRow;
import oneclass.run.Shard;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;

/**
 * The experiment behind ICS Table 1 and Fig. 4: per (data set, normal class, seed) one split (autoencoder
 * + SSIM scores, saved under {@code <out>/splits/} and reused for every ρ and method), then one classifier
 * per (method, ρ). The paper's classical baselines (OCSVM, IF, HOG + OCSVM) are runs of the same group that need no
 * split: a group whose missing runs are all baselines trains no autoencoder. Every result is stored as soon as it
 * exists, so an interrupted experiment resumes.
 */
public final class IcsGrid {
    private IcsGrid() {}

    /**
     * A classical baseline as a column of ICS Table 1, fitted on the class's training images (the ICS columns' images:
     * quick mode's first {@code trainLimit}) as raw pixels in [0, 1], flattened at the data set's own size (no zero
     * padding to the networks' side; CIFAR-10 as its three colour planes one after another), and scored on the ICS
     * columns' test images with the same {@link IcsRun.Evaluation}.
     *
     * @param column the paper's column name (isolation forest is "IF" there, "iForest" in HRN's table)
     */
    public record Baseline(String column, OneClassBaseline method) {
        public static Baseline of(OneClassBaseline b) { return new Baseline(b.name().equals("iForest") ? "IF" : b.name(), b); }
    }

    /** ics_table1's --methods: ICS's own columns and the baselines, each in the order given. */
    public record Methods(List<IcsMethod> ics, List<Baseline> baselines) {
        /** Every valid name, as the paper's columns spell them ("iForest" is accepted for IF). */
        public static final List<String> NAMES = List.of("Ours", "NNwDS", "NaiveNN", "SSIM", "OCSVM", "IF", "HOG", "DSVDD");

        /** An unknown name is an error that lists the valid ones; a baseline setting out of range is one naming it. */
        public static Methods parse(List<String> names, BaselineOptions options) {
            List<IcsMethod> ics = new ArrayList<>();
            List<Baseline> baselines = new ArrayList<>();
            for (String name : names) {
                String n = name.trim();
                if (n.equalsIgnoreCase("IF")) n = "iForest";
                if (List.of("ocsvm", "iforest", "hog", "dsvdd").contains(n.toLowerCase(Locale.ROOT))) {
                    Baseline b = Baseline.of(options.parse(n).orElseThrow());
                    if (baselines.stream().noneMatch(o -> o.column().equals(b.column()))) baselines.add(b);
                    continue;
                }
                IcsMethod m;
                try {
                    m = IcsMethod.parse(n);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--methods: unknown method '" + name + "'; valid: " + String.join(", ", NAMES) + " (iForest = IF)");
                }
                if (!ics.contains(m)) ics.add(m);
            }
            return new Methods(List.copyOf(ics), List.copyOf(baselines));
        }
    }

    /** One (data set, class, method, ρ, seed) result, one CSV per run under {@code <out>/runs/}. AUC in %. */
    public record RunResult(String dataset, String variant, int cls, String method, double rho, String protocol, long seed,
                            double auc, int nTrain, int nAtypical, int nTest, double seconds, String fingerprint, String config) implements RunRow {
        public String key() { return key(dataset, cls, method, rho, seed); }

        public static String key(String dataset, int cls, String method, double rho, long seed) {
            return dataset + "_c" + cls + "_" + method + "_rho" + fmt(rho) + "_s" + seed;
        }
    }

    static String fmt(double rho) { return rho == Math.rint(rho) ? String.valueOf((long) rho) : String.valueOf(rho); }

    /** The whole grid in this process, ICS's columns only: {@link #run(IcsProtocol, Map, List, List, List, List, List, Function, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
                                      int threads, ResultStore<RunResult> store, PrintStream out) {
        return run(protocol, data, classes, methods, List.of(), rhos, seeds, config, threads, Shard.ALL, store, out);
    }

    /**
     * Runs what {@code store} lacks of the runs that belong to {@code shard} and returns every run of the grid that
     * the store holds (other shards' included). The unit a shard owns is a (data set, class, seed) group, by its
     * position in the grid's order: the group's split is made once and serves all its methods and ρ; its baselines
     * (stored with ρ = 0, as they do not depend on it) use no split, so a group that lacks only baseline runs makes none.
     *
     * @param config the recipe per data set (a baseline's fingerprint takes its image and test limits and validation fraction)
     */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Baseline> baselines, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
                                      int threads, Shard shard, ResultStore<RunResult> store, PrintStream out) {
        List<Runnable> todo = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int[] resumed = {0};
        int group = -1, mine = 0;
        long units = 0;
        Progress[] progress = new Progress[1];
        int nClassifiers = (int) methods.stream().filter(m -> m != IcsMethod.SSIM).count();
        for (var e : data.entrySet())
            for (int cls : classes)
                for (long seed : seeds) {
                    Benchmark b = e.getKey();
                    DataSource.Split split = e.getValue();
                    IcsConfig cfg = config.apply(b);
                    String splitFp = hex(protocol.cliName() + "|" + split.variant() + "|" + split.sha256ByFile() + "|" + cfg.describeSplit());
                    String fp = hex(splitFp + "|" + cfg.describe());
                    String runKey = b.cliName() + "_c" + cls + "_s" + seed;
                    boolean owned = shard.owns(++group);
                    List<Object[]> missing = new ArrayList<>();
                    for (IcsMethod m : methods)
                        for (double rho : m == IcsMethod.SSIM || m == IcsMethod.NAIVE ? List.of(rhos.get(0)) : rhos) {
                            double r = m == IcsMethod.SSIM || m == IcsMethod.NAIVE ? 0 : rho; // these do not depend on ρ
                            String key = RunResult.key(b.cliName(), cls, m.column(), r, seed);
                            if (keys.contains(key)) continue;
                            keys.add(key);
                            if (!owned) continue;
                            mine++;
                            if (store.find(key, fp).isPresent()) resumed[0]++;
                            else missing.add(new Object[] {m, r, key});
                        }
                    // a baseline's numbers depend on the data, the images the ICS columns see (limits, scored part) and its settings only
                    String dataFp = protocol.cliName() + "|" + split.variant() + "|" + split.sha256ByFile() + "|trainLimit=" + cfg.trainLimit()
                            + " testLimit=" + cfg.testLimit() + " valFraction=" + cfg.valFraction();
                    for (Baseline bl : baselines) {
                        String key = RunResult.key(b.cliName(), cls, bl.column(), 0, seed);
                        if (keys.contains(key)) continue;
                        keys.add(key);
                        if (!owned) continue;
                        mine++;
                        if (store.find(key, hex(dataFp + "|" + bl.method().describe())).isPresent()) resumed[0]++;
                        else missing.add(new Object[] {bl, 0.0, key});
                    }
                    if (missing.isEmpty()) continue;
                    boolean needSplit = missing.stream().anyMatch(o -> o[0] instanceof IcsMethod);
                    Path splitFile = store.dir().resolve("splits").resolve(runKey + ".csv");
                    boolean haveSplit = !needSplit || IntraClassSplit.load(splitFile, splitFp).isPresent();
                    units += (haveSplit ? 0 : cfg.aeEpochs()) + missing.stream().filter(o -> o[0] instanceof IcsMethod && o[0] != IcsMethod.SSIM).count()
                            * (long) (cfg.iterations() > 0 ? (cfg.iterations() + 99) / 100 : cfg.epochs());
                    todo.add(() -> {
                        int[] unit = {0};
                        IcsRun.Listener tick = new IcsRun.Listener() {
                            @Override public void unit() { progress[0].epoch(runKey, ++unit[0]); }
                            @Override public void converged(int epoch) { out.printf("%s: a network converged after epoch %d (%s)%n", runKey, epoch, cfg.stop()); }
                        };
                        long t0 = System.nanoTime();
                        IntraClassSplit s = !needSplit ? null : IntraClassSplit.load(splitFile, splitFp).orElseGet(() -> {
                            IntraClassSplit made = IcsRun.split(cfg, split.train(), cls, split.test(), seed, tick);
                            made.save(splitFile, splitFp);
                            return made;
                        });
                        double splitSeconds = (System.nanoTime() - t0) / 1e9;
                        // the split's test images are these (IcsRun.split takes them from the same rule)
                        int[] trainIdx = IcsRun.trainIndices(cfg, split.train(), cls), testIdx = IcsRun.testIndices(cfg, split.test());
                        IcsRun.Evaluation eval = IcsRun.Evaluation.of(split.test(), testIdx, cls, cfg.valFraction());
                        ImageBatches test = null;
                        double[][][] rows = new double[2][][]; // the baselines' train and test rows, made once per group
                        for (Object[] o : missing) {
                            if (o[0] instanceof Baseline bl) {
                                if (rows[0] == null) { rows[0] = pixels(split.train(), trainIdx); rows[1] = pixels(split.test(), testIdx); }
                                long t = System.nanoTime();
                                double auc = eval.auc(bl.method().normality(rows[0], rows[1], seed));
                                double secs = (System.nanoTime() - t) / 1e9;
                                store.put(new RunResult(b.cliName(), split.variant(), cls, bl.column(), 0, protocol.cliName(), seed, 100 * auc,
                                        trainIdx.length, 0, testIdx.length, secs, hex(dataFp + "|" + bl.method().describe()), bl.method().describe()));
                                progress[0].finished((String) o[2], String.format(Locale.ROOT, "AUC %.2f%%, %.1fs", 100 * auc, secs));
                                continue;
                            }
                            IcsMethod m = (IcsMethod) o[0];
                            double rho = (double) o[1];
                            long t = System.nanoTime();
                            double auc;
                            if (m == IcsMethod.SSIM) auc = eval.auc(s.testSsim());
                            else {
                                if (test == null) test = new ImageBatches(split.test(), s.testIndices(), cfg.arch().side());
                                auc = IcsRun.classifierAuc(m, cfg, split.train(), s, rho == 0 ? 10 : rho, test, eval, seed, tick);
                            }
                            double secs = (System.nanoTime() - t) / 1e9 + (m == IcsMethod.SSIM ? splitSeconds : 0);
                            int nAtyp = m == IcsMethod.SSIM || m == IcsMethod.NAIVE ? 0 : IntraClassSplit.atypicalCount(s.trainIndices().length, rho);
                            store.put(new RunResult(b.cliName(), split.variant(), cls, m.column(), rho, protocol.cliName(), seed, 100 * auc,
                                    s.trainIndices().length, nAtyp, s.testIndices().length, secs, fp, cfg.describe()));
                            progress[0].finished((String) o[2], String.format(Locale.ROOT, "AUC %.2f%%, %.0fs", 100 * auc, secs));
                        }
                    });
                }
        out.printf("%d runs%s (%d already in %s; %d (data set, class, seed) groups to train on %d threads)%n", mine,
                shard.partial() ? " in shard " + shard + " of " + keys.size() : "", resumed[0], store.dir(), todo.size(), threads);
        progress[0] = new Progress(mine, resumed[0], units, 30, out);
        Parallel.run(todo, threads);
        Set<String> wanted = new HashSet<>(keys);
        return store.all().stream().filter(r -> wanted.contains(r.key())).toList();
    }

    private static String hex(String s) { return Integer.toHexString(s.hashCode()); }

    /** Images {@code indices} as rows of raw pixels in [0, 1], in the file's layout (colour: three planes one after another). */
    static double[][] pixels(Images images, int[] indices) {
        double[][] x = new double[indices.length][images.dim()];
        for (int i = 0; i < indices.length; i++)
            for (int d = 0; d < x[i].length; d++) x[i][d] = images.pixel(indices[i], d);
        return x;
    }

    /** AUCs as table measurements: class = the normal class, method = the column (ρ ignored). */
    public static List<Cells.Measurement> aucs(List<RunResult> runs) {
        return runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.auc())).toList();
    }
}
