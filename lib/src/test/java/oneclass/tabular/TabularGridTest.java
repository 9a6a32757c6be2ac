package oneclass.tabular;

import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.TabularData;
import oneclass.data.TabularFile;
import oneclass.hrn.Architecture;
import oneclass.hrn.Method;
import oneclass.hrn.Protocol;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** HRN Table 2's grid on a small hand-made data set: the cells, the record of each, resume and shards. */
class TabularGridTest {
    @TempDir Path dir;

    /** A baseline that knows the answer: row i of {@link TabularSplitTest#data} is (i, −i) and the novel rows are the last. */
    record FirstFeature() implements OneClassBaseline {
        @Override public String name() { return "first-feature"; }
        @Override public String describe() { return "normality = -x0"; }
        @Override public double[] normality(double[][] train, double[][] test, long seed) {
            double[] s = new double[test.length];
            for (int i = 0; i < s.length; i++) s[i] = -test[i][0];
            return s;
        }
    }

    static final Map<TabularFile, TabularData> DATA = Map.of(TabularFile.THYROID, TabularSplitTest.data(60, 6));
    static final TabularGrid.Setup PAPER = new TabularGrid.Setup(Protocol.PAPER, null, false);
    static final List<TabularGrid.Column> COLUMNS = List.of(TabularGrid.Column.of(new FirstFeature()),
            TabularGrid.Column.hrn("HRN", d -> Protocol.PAPER.config(Benchmark.MNIST, Method.HRN).withArchitecture(Architecture.mlp(d, 8)).withEpochs(2)));

    static List<TabularRun> run(Path out, Shard shard, ByteArrayOutputStream log) {
        return TabularGrid.run(PAPER, DATA, COLUMNS, List.of(1L, 2L), 1, shard, new ResultStore<>(out, TabularRun.class),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void eachDataSetHasThePapersSplit() {
        assertEquals(TabularSplit.Rule.TQM, TabularGrid.rule(TabularFile.KDDCUP99));
        assertEquals(TabularSplit.Rule.TQM, TabularGrid.rule(TabularFile.THYROID));
        assertEquals(TabularSplit.Rule.DAGMM_HALVES, TabularGrid.rule(TabularFile.ARRHYTHMIA));
    }

    /**
     * TQM on 60 nominal and 6 novel rows: 30 for training and validation, round(0.05 · 60) = 3 of them validation, so
     * 27 train; 30 nominal + 6 novel tested, k = 6. The novel rows have the largest x0, so the first-feature baseline
     * flags exactly them: P = R = F1 = AUC = 100 %.
     */
    @Test
    void aBaselineCellIsScoredByTopKOnTheSeedsSplit() {
        List<TabularRun> runs = run(dir, Shard.ALL, new ByteArrayOutputStream());
        assertEquals(List.of("thyroid_HRN_s1", "thyroid_HRN_s2", "thyroid_first-feature_s1", "thyroid_first-feature_s2"),
                runs.stream().map(TabularRun::key).toList());
        TabularRun b = runs.get(2);
        assertEquals(List.of(100.0, 100.0, 100.0, 100.0, 100.0), List.of(b.precision(), b.recall(), b.f1(), b.finalF1(), b.auc()));
        assertEquals(List.of(6, 6, 27, 3, 36, 0), List.of(b.k(), (int) b.truePositives(), b.nTrain(), b.nValidationUnused(), b.nTest(), b.epochs()));
        assertTrue(Double.isNaN(b.bestF1()) && Double.isNaN(b.finalLoss()) && !b.instanceNorm());
        assertEquals("normality = -x0", b.config());
    }

    @Test
    void anHrnCellTrainsTheRecipeAndReportsTheFinalModel() {
        TabularRun h = run(dir, Shard.ALL, new ByteArrayOutputStream()).get(0);
        assertEquals(2, h.epochs());
        assertEquals(h.precision(), h.recall(), 0);                 // top-k: P = R = F1
        assertEquals(h.precision(), h.f1(), 0);
        assertEquals(h.finalF1(), h.f1(), 0);                        // the paper protocol reports the last epoch's model
        assertTrue(Double.isNaN(h.bestF1()), "not evaluated every epoch");
        assertTrue(Double.isFinite(h.finalLoss()) && h.gradNorm() > 0);
        assertTrue(h.config().startsWith("arch=[2-8]-[8-1]"), h.config());
        assertNotEquals(h.trainSeed(), run(dir.resolve("again"), Shard.ALL, new ByteArrayOutputStream()).get(1).trainSeed(), "seeds 1 and 2 differ");
    }

    @Test
    void aRerunResumesAndTwoShardsMakeTheSameTable() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TabularRun> whole = run(dir.resolve("whole"), Shard.ALL, log);
        List<TabularRun> again = run(dir.resolve("whole"), Shard.ALL, log);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("4 runs (4 already in"), log.toString(StandardCharsets.UTF_8));
        assertEquals(whole, again);
        Path shared = dir.resolve("shards");
        run(shared, new Shard(1, 2), new ByteArrayOutputStream());
        run(shared, new Shard(2, 2), new ByteArrayOutputStream());
        List<TabularRun> merged = run(shared, Shard.ALL, new ByteArrayOutputStream());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).f1(), merged.get(i).f1(), 0, whole.get(i).key());
            assertEquals(whole.get(i).fingerprint(), merged.get(i).fingerprint(), whole.get(i).key());
        }
    }
}
