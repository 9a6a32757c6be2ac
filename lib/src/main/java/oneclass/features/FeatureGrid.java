package oneclass.features;

import oneclass.data.Features;
import oneclass.hrn.HrnConfig;
import oneclass.hrn.HrnGrid;
import oneclass.hrn.HrnRun;
import oneclass.hrn.InstanceNorm2;
import oneclass.hrn.Protocol;
import oneclass.hrn.TabularInputs;
import oneclass.run.Parallel;
import oneclass.run.Progress;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HRN on feature vectors (HRN Table 4): one run per (normal class, seed), with the same trainer and
 * per-run measurement as the image tables ({@link HrnRun}); only the input differs: a row of features,
 * put through HRN's 2-norm instance normalization ({@link TabularInputs}, as for Table 2's non-image data)
 * unless {@code norm} is null. Training uses every training vector of the normal class (the authors' code's
 * protocol: its first 90 %, as {@link Protocol#trainIndices}); the test set is all test vectors, the normal
 * class positive (Sec. 4.1). Each run is stored as soon as it ends, so an
 * interrupted experiment resumes; results are {@link HrnGrid.RunResult}s, like every image table's.
 */
public final class FeatureGrid {
    private FeatureGrid() {}

    /**
     * Trains every run the store does not hold yet and returns all of the grid's runs.
     *
     * @param dataset      the data set's name in the results, e.g. cifar10
     * @param variant      which part of the data set, for the results
     * @param method       the results' method column, e.g. HRN
     * @param fingerprint  everything else that changes the numbers (the feature cache key, ...); the config is added here
     * @param protocol     paper: the final model, the class's whole training set; official-code: the best test AUC over
     *                     epochs, the first 90 % of the class
     */
    public static List<HrnGrid.RunResult> run(Features.Split features, String dataset, String variant, String method, Protocol protocol,
                                              HrnConfig cfg, InstanceNorm2 norm, List<Integer> classes, List<Long> seeds,
                                              boolean evalEveryEpoch, String fingerprint, int threads,
                                              ResultStore<HrnGrid.RunResult> store, PrintStream out) {
        return run(features, dataset, variant, method, protocol, cfg, norm, classes, seeds, evalEveryEpoch, fingerprint, threads, Shard.ALL, store, out);
    }

    /**
     * As above, training only the runs of {@code shard}: the run list is (class, seed) in that order, so its length is
     * {@code classes.size() * seeds.size()} and a caller with more runs (the script's baselines) goes on from there.
     * Returns the grid's runs that the store holds, other shards' included.
     */
    public static List<HrnGrid.RunResult> run(Features.Split features, String dataset, String variant, String method, Protocol protocol,
                                              HrnConfig cfg, InstanceNorm2 norm, List<Integer> classes, List<Long> seeds,
                                              boolean evalEveryEpoch, String fingerprint, int threads, Shard shard,
                                              ResultStore<HrnGrid.RunResult> store, PrintStream out) {
        int d = features.train().d();
        if (cfg.architecture().inputDim() != d)
            throw new IllegalArgumentException("the model's input width " + cfg.architecture().inputDim() + " is not the features' d = " + d);
        boolean reportBestEpoch = protocol.reportsBestEpochOnTest();
        String fp = Integer.toHexString((fingerprint + "|" + protocol.cliName() + "|" + (norm == null ? "no-inorm" : "inorm2(" + norm.offset() + ")")
                + "|" + cfg.describe() + "|" + evalEveryEpoch + "|" + reportBestEpoch).hashCode());
        INDArray[] test = new INDArray[1];
        Map<Integer, INDArray> trainSets = new ConcurrentHashMap<>();
        int[] testLabels = features.test().labels();
        List<Runnable> todo = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int resumed = 0, mine = 0;
        long epochsToDo = 0;
        Progress[] progress = new Progress[1];
        for (int cls : classes) {
            int[] all = features.train().indicesOf(cls);
            int[] rows = protocol == Protocol.PAPER ? all : Arrays.copyOf(all, (int) (all.length * 0.9));
            if (rows.length == 0) throw new IllegalArgumentException("class " + cls + " has no training features");
            for (long seed : seeds) {
                String key = HrnGrid.RunResult.key(dataset, cls, method, seed);
                keys.add(key);
                if (!shard.owns(keys.size() - 1)) continue; // another shard's run
                mine++;
                if (store.find(key, fp).isPresent()) { resumed++; continue; }
                epochsToDo += cfg.epochs();
                todo.add(() -> {
                    INDArray testX;
                    synchronized (test) {
                        if (test[0] == null) test[0] = TabularInputs.matrix(features.test().x(), d, norm);
                        testX = test[0];
                    }
                    INDArray train = trainSets.computeIfAbsent(cls, c -> TabularInputs.matrix(features.train().rows(rows), d, norm));
                    HrnRun.Result r = HrnRun.run(cfg, train, testX, testLabels, cls, seed, reportBestEpoch, evalEveryEpoch,
                            (epoch, loss) -> progress[0].epoch(key, epoch));
                    store.put(new HrnGrid.RunResult(dataset, variant, cls, method, protocol.cliName(), seed, cfg.epochs(),
                            100 * r.auc(), 100 * r.finalAuc(), 100 * r.bestAuc(), r.bestEpoch(), r.finalLoss(), r.gradNorm(),
                            r.nTrain(), r.nTest(), r.seconds(), fp, cfg.describe()));
                    progress[0].finished(key, Double.isInfinite(r.finalLoss()) ? "DIVERGED (non-finite loss), recorded as NaN"
                            : String.format(Locale.ROOT, "AUC %.2f%%, %.1fs", 100 * r.auc(), r.seconds()));
                });
            }
        }
        out.printf("%d runs%s (%d already in %s, %d to train on %d threads)%n", mine, shard.partial() ? " in shard " + shard + " of " + keys.size() : "",
                resumed, store.dir(), todo.size(), threads);
        progress[0] = new Progress(mine, resumed, epochsToDo, 10, out);
        Parallel.run(todo, threads);
        Set<String> wanted = new HashSet<>(keys);
        return store.all().stream().filter(r -> wanted.contains(r.key())).toList();
    }
}
