package oneclass.features;

import oneclass.data.Features;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.SharedData;
import oneclass.hrn.*;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole pretrained-features path on real images: the CIFAR-10 subset of the shared data folder (SharedData), a model file
 * this test writes (a small CNN with random weights: no pretrained weights can be downloaded here),
 * features extracted into the cache and read back, and HRN trained on them per class, resuming from disk.
 */
class PretrainedSubsetTest {
    @TempDir static Path dir;
    static DataSource.Split data;

    @BeforeAll
    static void load() {
        data = DataSource.load(Benchmark.CIFAR10, SharedData.requireDir("cifar10-subset"), false);
    }

    @Test
    void extractCacheAndTrainHrnOnTwoClasses() {
        assertFalse(data.complete());
        Path model = dir.resolve("random-cnn.zip");
        RandomCnn.write(model, 1);
        FeatureExtractor e = FeatureExtractor.load(model, null, Preprocessing.unitRange(32));
        FeatureCache.Key key = new FeatureCache.Key(e.identity(), "cifar10", data.subset(), data.sha256ByFile());
        AtomicInteger extractions = new AtomicInteger();
        Path cache = dir.resolve("features");
        java.util.function.Supplier<Features.Split> extract = () -> {
            extractions.incrementAndGet();
            return new Features.Split(e.extract(data.train(), 256, null), e.extract(data.test(), 256, null));
        };
        Features.Split f = FeatureCache.getOrCompute(cache, key, extract, null);
        assertEquals(4000, f.train().n());
        assertEquals(1000, f.test().n());
        assertEquals(RandomCnn.FEATURE_DIM, f.train().d());
        assertArrayEquals(data.train().labels(), f.train().labels());
        Features.Split again = FeatureCache.getOrCompute(cache, key, extract, null);
        assertEquals(1, extractions.get());
        assertArrayEquals(f.test().x(), again.test().x());

        HrnConfig cfg = Protocol.PAPER.config(Benchmark.MNIST, Method.HRN).withArchitecture(Architecture.mlp(f.train().d(), 100)).withEpochs(3);
        ResultStore<HrnGrid.RunResult> store = new ResultStore<>(dir.resolve("out"), HrnGrid.RunResult.class);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        FeatureGrid.Table table = new FeatureGrid.Table(again, "cifar10", data.subset(), "features=" + key.id());
        List<HrnGrid.RunResult> runs = FeatureGrid.run(table, Protocol.PAPER, cfg, InstanceNorm2.PAPER, List.of(),
                List.of(0, 1), List.of(1L), false, 2, Shard.ALL, store, quiet);
        assertEquals(2, runs.size());
        for (HrnGrid.RunResult r : runs) {
            assertEquals(1000, r.nTest());
            assertEquals(data.train().indicesOf(r.cls()).length, r.nTrain());
            // not a constant scorer (that would be exactly 50); random features need not rank the class above the rest
            assertTrue(Double.isFinite(r.auc()) && Math.abs(r.auc() - 50) > 2, r.key() + " AUC " + r.auc());
            assertTrue(Double.isFinite(r.finalLoss()) && r.gradNorm() > 0, r.key());
        }
        // the same grid again trains nothing and returns the same numbers
        List<HrnGrid.RunResult> resumed = FeatureGrid.run(table, Protocol.PAPER, cfg, InstanceNorm2.PAPER, List.of(),
                List.of(0, 1), List.of(1L), false, 2, Shard.ALL, store, quiet);
        assertEquals(runs, resumed);
        // the same seed in a fresh results folder gives the same AUCs (seconds aside)
        List<HrnGrid.RunResult> fresh = FeatureGrid.run(table, Protocol.PAPER, cfg, InstanceNorm2.PAPER, List.of(),
                List.of(0, 1), List.of(1L), false, 2, Shard.ALL, new ResultStore<>(dir.resolve("out2"), HrnGrid.RunResult.class), quiet);
        for (int i = 0; i < 2; i++) assertEquals(runs.get(i).auc(), fresh.get(i).auc(), 0, runs.get(i).key());
        // other features (another key) must not be mixed into the same results
        FeatureGrid.Table other = new FeatureGrid.Table(again, "cifar10", data.subset(), "features=other");
        assertThrows(IllegalStateException.class, () -> FeatureGrid.run(other, Protocol.PAPER, cfg, InstanceNorm2.PAPER, List.of(),
                List.of(0), List.of(1L), false, 1, Shard.ALL, store, quiet));
    }
}
