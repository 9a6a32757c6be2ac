package oneclass.ics;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
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
 * per (method, ρ). Every result is stored as soon as it exists, so an interrupted experiment resumes.
 */
public final class IcsGrid {
    private IcsGrid() {}

    /** One (data set, class, method, ρ, seed) result, one CSV per run under {@code <out>/runs/}. AUC in %. */
    public record RunResult(String dataset, String variant, int cls, String method, double rho, String protocol, long seed,
                            double auc, int nTrain, int nAtypical, int nTest, double seconds, String fingerprint, String config) implements RunRow {
        public String key() { return key(dataset, cls, method, rho, seed); }

        public static String key(String dataset, int cls, String method, double rho, long seed) {
            return dataset + "_c" + cls + "_" + method + "_rho" + fmt(rho) + "_s" + seed;
        }
    }

    static String fmt(double rho) { return rho == Math.rint(rho) ? String.valueOf((long) rho) : String.valueOf(rho); }

    /** The whole grid in this process: {@link #run(IcsProtocol, Map, List, List, List, List, Function, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
                                      int threads, ResultStore<RunResult> store, PrintStream out) {
        return run(protocol, data, classes, methods, rhos, seeds, config, threads, Shard.ALL, store, out);
    }

    /**
     * Runs what {@code store} lacks of the runs that belong to {@code shard} and returns every run of the grid that
     * the store holds (other shards' included). The unit a shard owns is a (data set, class, seed) group, by its
     * position in the grid's order: the group's split is made once and serves all its methods and ρ.
     *
     * @param config the recipe per data set
     */
    public static List<RunResult> run(IcsProtocol protocol, Map<Benchmark, DataSource.Split> data, List<Integer> classes,
                                      List<IcsMethod> methods, List<Double> rhos, List<Long> seeds, Function<Benchmark, IcsConfig> config,
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
                    if (missing.isEmpty()) continue;
                    Path splitFile = store.dir().resolve("splits").resolve(runKey + ".csv");
                    boolean haveSplit = IntraClassSplit.load(splitFile, splitFp).isPresent();
                    units += (haveSplit ? 0 : cfg.aeEpochs()) + missing.stream().filter(o -> o[0] != IcsMethod.SSIM).count()
                            * (long) (cfg.iterations() > 0 ? (cfg.iterations() + 99) / 100 : cfg.epochs());
                    todo.add(() -> {
                        int[] unit = {0};
                        IcsRun.Listener tick = new IcsRun.Listener() {
                            @Override public void unit() { progress[0].epoch(runKey, ++unit[0]); }
                            @Override public void converged(int epoch) { out.printf("%s: a network converged after epoch %d (%s)%n", runKey, epoch, cfg.stop()); }
                        };
                        long t0 = System.nanoTime();
                        IntraClassSplit s = IntraClassSplit.load(splitFile, splitFp).orElseGet(() -> {
                            IntraClassSplit made = IcsRun.split(cfg, split.train(), cls, split.test(), seed, tick);
                            made.save(splitFile, splitFp);
                            return made;
                        });
                        double splitSeconds = (System.nanoTime() - t0) / 1e9;
                        IcsRun.Evaluation eval = IcsRun.Evaluation.of(split.test(), s.testIndices(), cls, cfg.valFraction());
                        ImageBatches test = null;
                        for (Object[] o : missing) {
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

    /** AUCs as table measurements: class = the normal class, method = the column (ρ ignored). */
    public static List<Cells.Measurement> aucs(List<RunResult> runs) {
        return runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.auc())).toList();
    }
}
