package oneclass.ics;

import com.fasterxml.jackson.annotation.JsonAlias;
import oneclass.baseline.BaselineOptions;
import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.Images;
import oneclass.report.Cells;
import oneclass.run.Fingerprint;
import oneclass.run.ResultStore;
import oneclass.run.RecordCsv;
import oneclass.run.RunRow;
import oneclass.run.Runner;
import oneclass.run.Shard;

import java.io.PrintStream;
import java.nio.file.Files;
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

    /**
     * One (data set, class, method, ρ, seed) result, one CSV per run under {@code <out>/runs/}. AUC in %. {@code shortened}: how
     * the run's settings cut its protocol's or method's budget ({@link IcsProtocol#shortened}), null (also in older files) if not.
     */
    public record RunResult(String dataset, @JsonAlias("variant") String subset, int cls, String method, double rho, String protocol, long seed,
                            double auc, int nTrain, int nAtypical, int nTest, double seconds, String fingerprint, String config,
                            @RecordCsv.Added String shortened) implements RunRow {
        public String key() { return key(dataset, cls, method, rho, seed); }

        public static String key(String dataset, int cls, String method, double rho, long seed) {
            return dataset + "_c" + cls + "_" + method + "_rho" + fmt(rho) + "_s" + seed;
        }

        @Override
        public String summary() { return String.format(Locale.ROOT, "AUC %.2f%%, %.1fs", auc, seconds); }
    }

    static String fmt(double rho) { return rho == Math.rint(rho) ? String.valueOf((long) rho) : String.valueOf(rho); }

    /** Everything that changes a split (and so the SSIM column), for the split file's {@link Fingerprint}. */
    record SplitCell(IcsProtocol protocol, String subset, Map<String, String> sha256ByFile, String split) {
        static SplitCell of(IcsProtocol protocol, DataSource.Split data, IcsConfig cfg) {
            return new SplitCell(protocol, data.subset(), data.sha256ByFile(), cfg.describeSplit());
        }
    }

    /** Everything that changes an ICS column's numbers: its split, the whole recipe, the method and ρ. */
    record IcsCell(SplitCell split, IcsConfig config, IcsMethod method, double rho) {}

    /** Everything that changes a baseline's numbers: the data, the images the ICS columns see (limits, scored part) and its settings ({@link OneClassBaseline#describe()}). */
    record BaselineCell(IcsProtocol protocol, String subset, Map<String, String> sha256ByFile, int trainLimit, int testLimit,
                        double valFraction, String baseline) {}

    /** The whole grid in this process, ICS's columns only: {@link #run(IcsProtocol, Map, List, List, List, List, List, Function, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
                                      int threads, ResultStore<RunResult> store, PrintStream out) {
        return run(protocol, data, classes, methods, List.of(), rhos, seeds, config, threads, Shard.ALL, store, out);
    }

    /**
     * Runs what {@code store} lacks of the runs that belong to {@code shard} and returns every run of the grid that
     * the store holds (other shards' included). A (data set, class, seed) is one {@link Runner.Cell#group()}, the
     * unit a shard owns: its split is made once (or read from {@code <out>/splits/}) and serves all its methods and ρ;
     * its baselines (stored with ρ = 0, as they do not depend on it) use no split, so a group that lacks only baseline
     * runs makes none.
     *
     * @param config the recipe per data set (a baseline's fingerprint takes its image and test limits and validation fraction)
     */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Baseline> baselines, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
                                      int threads, Shard shard, ResultStore<RunResult> store, PrintStream out) {
        List<Runner.Cell<RunResult>> cells = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (var e : data.entrySet())
            for (int cls : classes)
                for (long seed : seeds) {
                    Group g = new Group(protocol, e.getKey(), e.getValue(), config.apply(e.getKey()), cls, seed, store.dir().resolve("splits"), out);
                    boolean splitCounted = Files.exists(g.splitFile()); // the autoencoder's epochs go to the group's first split-using cell
                    for (IcsMethod m : methods)
                        for (double rho : m == IcsMethod.SSIM || m == IcsMethod.NAIVE ? List.of(0.0) : rhos) { // these do not depend on ρ
                            if (!keys.add(RunResult.key(g.dataset(), cls, m.column(), rho, seed))) continue;
                            cells.add(g.icsCell(m, rho, splitCounted ? 0 : g.cfg().aeEpochs()));
                            splitCounted = true;
                        }
                    for (Baseline bl : baselines)
                        if (keys.add(RunResult.key(g.dataset(), cls, bl.column(), 0, seed))) cells.add(g.baselineCell(bl));
                }
        return new Runner<>(store, shard, threads, out).run(cells);
    }

    /**
     * The split of {@code cls}'s training images that {@code file} holds if it was made with these settings, else a new one,
     * saved there: what ICS's columns and ics_split train on.
     */
    public static IntraClassSplit split(IcsProtocol protocol, DataSource.Split data, IcsConfig cfg, int cls, long seed, Path file,
                                        IcsRun.Listener listener) {
        String fingerprint = Fingerprint.of(SplitCell.of(protocol, data, cfg));
        return IntraClassSplit.load(file, fingerprint).orElseGet(() -> {
            IntraClassSplit made = IcsRun.split(cfg, data.train(), cls, data.test(), seed, listener);
            made.save(file, fingerprint);
            return made;
        });
    }

    /**
     * ICS Sec. 2.1 on its own: one split per (data set, class, seed), read from {@code splits} when it is there, else made
     * and saved there, and how it divides the class at ρ (ics_split's table, one CSV per split under {@code <out>/runs/}).
     *
     * @param minSsimTypical with {@code maxSsimAtypical}, whether every atypical image reconstructs worse than every typical one
     * @param ssimAuc        SSIM(x, x̂) as the normality score on the split's test images, in %
     * @param seconds        the time to make (or read) the split
     */
    public record SplitResult(String dataset, String subset, int cls, long seed, double rho, int n, int atypical, double meanSsimTypical,
                              double meanSsimAtypical, double maxSsimAtypical, double minSsimTypical, double ssimAuc, double seconds,
                              String fingerprint, String config) implements RunRow {
        public String key() { return key(dataset, cls, seed, rho); }

        public static String key(String dataset, int cls, long seed, double rho) { return dataset + "_c" + cls + "_s" + seed + "_rho" + fmt(rho); }

        /** The split has ρ % of the class atypical, and its atypical images are the worse reconstructed ones. */
        public boolean ok() { return atypical == IntraClassSplit.atypicalCount(n, rho) && maxSsimAtypical <= minSsimTypical; }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%d of %d atypical, mean SSIM typical %.3f / atypical %.3f, SSIM-baseline AUC %.2f%%%s",
                    atypical, n, meanSsimTypical, meanSsimAtypical, ssimAuc, ok() ? "" : " CHECK FAILED");
        }

        static SplitResult of(Benchmark b, DataSource.Split data, int cls, long seed, double rho, IntraClassSplit s, double seconds,
                              String fingerprint, String config) {
            float[] y = s.labels(rho);
            double sumT = 0, sumA = 0, maxA = Double.NEGATIVE_INFINITY, minT = Double.POSITIVE_INFINITY;
            int nA = 0;
            for (int i = 0; i < y.length; i++)
                if (y[i] == 1) { sumA += s.trainSsim()[i]; maxA = Math.max(maxA, s.trainSsim()[i]); nA++; }
                else { sumT += s.trainSsim()[i]; minT = Math.min(minT, s.trainSsim()[i]); }
            double auc = 100 * IcsRun.Evaluation.of(data.test(), s.testIndices(), cls, 0).auc(s.testSsim());
            return new SplitResult(b.cliName(), data.subset(), cls, seed, rho, y.length, nA, sumT / (y.length - nA), sumA / nA, maxA, minT,
                    auc, seconds, fingerprint, config);
        }
    }

    /** What changes a {@link SplitResult}: its split and ρ. */
    record SplitAtRho(SplitCell split, double rho) {}

    /** Makes (or reads) this shard's splits that {@code store} lacks and returns every split of the grid that it holds. */
    public static List<SplitResult> splits(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes, List<Long> seeds,
                                           double rho, Function<Benchmark, IcsConfig> config, Path splits, int threads, Shard shard,
                                           ResultStore<SplitResult> store, PrintStream out) {
        List<Runner.Cell<SplitResult>> cells = new ArrayList<>();
        for (var e : data.entrySet())
            for (int cls : classes)
                for (long seed : seeds) {
                    Benchmark b = e.getKey();
                    IcsConfig cfg = config.apply(b);
                    SplitCell split = SplitCell.of(protocol, e.getValue(), cfg);
                    cells.add(new Runner.Cell<>(SplitResult.key(b.cliName(), cls, seed, rho), new SplitAtRho(split, rho), cfg.aeEpochs(), run -> {
                        long t = System.nanoTime();
                        IntraClassSplit s = split(protocol, e.getValue(), cfg, cls, seed, splitFile(splits, b, cls, seed), listener(run, cfg, out));
                        return SplitResult.of(b, e.getValue(), cls, seed, rho, s, (System.nanoTime() - t) / 1e9, run.fingerprint(), split.split());
                    }));
                }
        return new Runner<>(store, shard, threads, out).run(cells);
    }

    /** A run's progress, convergence and autoencoder collapses, on {@code out}. */
    static IcsRun.Listener listener(Runner.Run run, IcsConfig cfg, PrintStream out) {
        int[] unit = {0};
        return new IcsRun.Listener() {
            @Override public void unit() { run.epoch(++unit[0]); }
            @Override public void converged(int epoch) { out.printf("%s: a network converged after epoch %d (%s)%n", run.key(), epoch, cfg.stop()); }
            @Override public void collapsed(double variation, int restart, long seed) {
                out.printf("%s: the autoencoder collapsed: its reconstructions vary by %.2g of the images' variance (a constant image, not a converged network); %s%n",
                        run.key(), variation, restart > 0 ? "restart " + restart + " of " + IcsRun.RESTARTS + " from seed " + seed
                                : "no restart left, the split is made from it");
            }
        };
    }

    /** The split file of a (data set, class, seed) in a folder of splits. */
    public static Path splitFile(Path splits, Benchmark b, int cls, long seed) {
        return splits.resolve(b.cliName() + "_c" + cls + "_s" + seed + ".csv");
    }

    /** One (data set, class, seed): its cells, and what they share, made by the first that needs it ({@link Runner.Run#shared}). */
    private record Group(IcsProtocol protocol, Benchmark b, DataSource.Split data, IcsConfig cfg, int cls, long seed, Path splits, PrintStream out) {
        String dataset() { return b.cliName(); }

        Path splitFile() { return IcsGrid.splitFile(splits, b, cls, seed); }

        /** The split and the seconds it took to make (or read). */
        record Made(IntraClassSplit split, double seconds) {}

        Runner.Cell<RunResult> icsCell(IcsMethod m, double rho, long aeEpochs) {
            long units = m == IcsMethod.SSIM ? 0 : cfg.iterations() > 0 ? (cfg.iterations() + 99) / 100 : cfg.epochs();
            return new Runner.Cell<>(RunResult.key(dataset(), cls, m.column(), rho, seed), dataset() + "_c" + cls + "_s" + seed,
                    new IcsCell(SplitCell.of(protocol, data, cfg), cfg, m, rho), aeEpochs + units, run -> {
                IcsRun.Listener tick = listener(run, cfg, out);
                Made made = run.shared("split", () -> {
                    long t0 = System.nanoTime();
                    IntraClassSplit s = split(protocol, data, cfg, cls, seed, splitFile(), tick);
                    return new Made(s, (System.nanoTime() - t0) / 1e9);
                });
                IntraClassSplit s = made.split();
                IcsRun.Evaluation eval = run.shared("eval", this::evaluation);
                long t = System.nanoTime();
                double auc = m == IcsMethod.SSIM ? eval.auc(s.testSsim())
                        : IcsRun.classifierAuc(m, cfg, data.train(), s, rho == 0 ? 10 : rho,
                        run.shared("test", () -> new ImageBatches(data.test(), s.testIndices(), cfg.arch().side())), eval, seed, tick);
                double secs = (System.nanoTime() - t) / 1e9 + (m == IcsMethod.SSIM ? made.seconds() : 0);
                int nAtyp = m == IcsMethod.SSIM || m == IcsMethod.NAIVE ? 0 : IntraClassSplit.atypicalCount(s.trainIndices().length, rho);
                return new RunResult(dataset(), data.subset(), cls, m.column(), rho, protocol.cliName(), seed, 100 * auc,
                        s.trainIndices().length, nAtyp, s.testIndices().length, secs, run.fingerprint(), cfg.describe(),
                        protocol.shortened(cfg, m != IcsMethod.SSIM));
            });
        }

        Runner.Cell<RunResult> baselineCell(Baseline bl) {
            BaselineCell config = new BaselineCell(protocol, data.subset(), data.sha256ByFile(), cfg.trainLimit(), cfg.testLimit(),
                    cfg.valFraction(), bl.method().describe(data.train().dim()));
            return new Runner.Cell<>(RunResult.key(dataset(), cls, bl.column(), 0, seed), dataset() + "_c" + cls + "_s" + seed, config, 0, run -> {
                // the baselines' train and test rows, made once per group; the split's test images are these (IcsRun.split takes them from the same rule)
                int[] trainIdx = IcsRun.trainIndices(cfg, data.train(), cls), testIdx = IcsRun.testIndices(cfg, data.test());
                double[][] train = run.shared("train pixels", () -> pixels(data.train(), trainIdx));
                double[][] test = run.shared("test pixels", () -> pixels(data.test(), testIdx));
                long t = System.nanoTime();
                double auc = run.shared("eval", this::evaluation).auc(bl.method().normality(train, test, seed));
                double secs = (System.nanoTime() - t) / 1e9;
                return new RunResult(dataset(), data.subset(), cls, bl.column(), 0, protocol.cliName(), seed, 100 * auc,
                        trainIdx.length, 0, testIdx.length, secs, run.fingerprint(), bl.method().describe(train[0].length), bl.method().shortened(train[0].length));
            });
        }

        /** Which test images are normal and which pick the checkpoint (the code's protocol). */
        IcsRun.Evaluation evaluation() {
            return IcsRun.Evaluation.of(data.test(), IcsRun.testIndices(cfg, data.test()), cls, cfg.valFraction());
        }
    }

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
