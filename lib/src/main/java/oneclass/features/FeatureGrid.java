package oneclass.features;

import oneclass.baseline.OneClassBaseline;
import oneclass.data.Features;
import oneclass.hrn.HrnConfig;
import oneclass.hrn.HrnGrid;
import oneclass.hrn.HrnRun;
import oneclass.hrn.InstanceNorm2;
import oneclass.hrn.Protocol;
import oneclass.hrn.TabularInputs;
import oneclass.metric.Auc;
import oneclass.run.ResultStore;
import oneclass.run.Runner;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HRN on feature vectors (HRN Table 4): one cell per (normal class, seed), with the same trainer and per-run
 * measurement as the image tables ({@link HrnRun}); only the input differs: a row of features, put through HRN's
 * 2-norm instance normalization ({@link TabularInputs}, as for Table 2's non-image data) unless {@code norm} is
 * null. Training uses the protocol's training vectors of the normal class (paper: all of them; the authors' code:
 * the first 90 %, as {@link Protocol#trainIndices}); the test set is all test vectors, the normal class positive
 * (Sec. 4.1). The in-harness baselines follow, one cell per (baseline, class, seed), on the same vectors, fitted on
 * the whole class. The cells run on the {@link Runner} (sharded, resumed, in parallel); results are
 * {@link HrnGrid.RunResult}s, like every image table's.
 */
public final class FeatureGrid {
    private FeatureGrid() {}

    /** What the runs of one table share: the vectors, and what the results call them. */
    public record Table(Features.Split features, String dataset, String subset, String provenance) {
        /**
         * @param dataset    the data set's name in the results, e.g. cifar10
         * @param subset     which part of the data set, for the results
         * @param provenance what made the vectors (the feature cache key, ...): it changes the numbers
         */
        public Table {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(provenance, "provenance");
        }
    }

    /** Everything that changes an HRN cell's numbers, for its fingerprint. */
    record HrnCell(String features, Protocol protocol, String norm, HrnConfig config, boolean evalEveryEpoch) {}

    /** Everything that changes a baseline cell's numbers. */
    record BaselineCell(String features, OneClassBaseline baseline) {}

    /** HRN's column in the results. */
    public static final String METHOD = "HRN";

    /**
     * Trains the cells of {@code shard} that {@code store} does not hold yet: HRN's (class, seed) cells, then each
     * baseline's (class, seed) cells, in that order. Returns the table's runs that the store holds, other shards' included.
     *
     * @param protocol paper: the final model, the class's whole training set; official-code: the best test AUC over
     *                 epochs, the first 90 % of the class
     */
    public static List<HrnGrid.RunResult> run(Table t, Protocol protocol, HrnConfig cfg, InstanceNorm2 norm, List<OneClassBaseline> baselines,
                                              List<Integer> classes, List<Long> seeds, boolean evalEveryEpoch, int threads, Shard shard,
                                              ResultStore<HrnGrid.RunResult> store, PrintStream out) {
        int d = t.features().train().d();
        if (cfg.architecture().inputDim() != d)
            throw new IllegalArgumentException("the model's input width " + cfg.architecture().inputDim() + " is not the features' d = " + d);
        // input matrices, each made once by the first cell that needs it and shared read-only by the others
        Map<String, INDArray> matrices = new ConcurrentHashMap<>();
        Map<String, double[][]> doubleRows = new ConcurrentHashMap<>();
        List<Runner.Cell<HrnGrid.RunResult>> cells = new ArrayList<>();
        for (int cls : classes) {
            int[] rows = protocol.trainIndices(t.features().train(), cls);
            if (rows.length == 0) throw new IllegalArgumentException("class " + cls + " has no training features");
            for (long seed : seeds) cells.add(hrnCell(t, protocol, cfg, norm, cls, rows, seed, evalEveryEpoch, matrices));
        }
        for (OneClassBaseline b : baselines)
            for (int cls : classes)
                for (long seed : seeds) cells.add(baselineCell(t, protocol, b, cls, seed, doubleRows));
        return new Runner<>(store, shard, threads, out).run(cells);
    }

    static Runner.Cell<HrnGrid.RunResult> hrnCell(Table t, Protocol protocol, HrnConfig cfg, InstanceNorm2 norm, int cls, int[] rows, long seed,
                                                  boolean evalEveryEpoch, Map<String, INDArray> matrices) {
        Features.Split f = t.features();
        int d = f.train().d();
        HrnCell config = new HrnCell(t.provenance(), protocol, norm == null ? "no-inorm" : "inorm2(" + norm.offset() + ")", cfg, evalEveryEpoch);
        return new Runner.Cell<>(HrnGrid.RunResult.key(t.dataset(), cls, METHOD, seed), config, cfg.epochs(), run -> {
            INDArray test = matrices.computeIfAbsent("test", k -> TabularInputs.matrix(f.test().x(), d, norm));
            INDArray train = matrices.computeIfAbsent("train_c" + cls, k -> TabularInputs.matrix(f.train().rows(rows), d, norm));
            HrnRun.Result r = HrnRun.run(cfg, train, test, f.test().labels(), cls, seed, protocol.reportsBestEpochOnTest(), evalEveryEpoch,
                    (epoch, loss) -> run.epoch(epoch));
            return new HrnGrid.RunResult(t.dataset(), t.subset(), cls, METHOD, protocol.cliName(), seed, cfg.epochs(),
                    100 * r.auc(), 100 * r.finalAuc(), 100 * r.bestAuc(), r.bestEpoch(), r.finalLoss(), r.gradNorm(),
                    r.nTrain(), r.nTest(), r.seconds(), run.fingerprint(), cfg.describe(), protocol.shortened(cfg.epochs()));
        });
    }

    /**
     * A baseline on the same vectors, fitted on the class's whole training set (Table 4 prints no value for them: its
     * baselines are OCGAN, ICS and TQM, not implemented here, so they are context, never judged).
     */
    static Runner.Cell<HrnGrid.RunResult> baselineCell(Table t, Protocol protocol, OneClassBaseline b, int cls, long seed, Map<String, double[][]> doubleRows) {
        Features.Split f = t.features();
        return new Runner.Cell<>(HrnGrid.RunResult.key(t.dataset(), cls, b.name(), seed), new BaselineCell(t.provenance(), b), 0, run -> {
            double[][] test = doubleRows.computeIfAbsent("test", k -> f.test().doubleRows());
            long t0 = System.nanoTime();
            double[][] train = f.train().doubleRows(f.train().indicesOf(cls));
            double auc = 100 * Auc.of(b.normality(train, test, seed), f.test().labels(), cls);
            return new HrnGrid.RunResult(t.dataset(), t.subset(), cls, b.name(), protocol.cliName(), seed, 0, auc, auc, Double.NaN, 0,
                    Double.NaN, Double.NaN, train.length, test.length, (System.nanoTime() - t0) / 1e9, run.fingerprint(), b.describe(),
                    b.shortened(train[0].length));
        });
    }
}
