package oneclass.ics;

import oneclass.baseline.BaselineOptions;
import oneclass.baseline.DeepSvdd;
import oneclass.baseline.HogOcsvm;
import oneclass.baseline.IsolationForestBaseline;
import oneclass.baseline.Ocsvm;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.data.Images;
import oneclass.metric.Auc;
import oneclass.run.ResultStore;
import oneclass.run.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ICS Table 1's classical columns (OCSVM, IF, HOG + OCSVM) in the ICS grid: runs of the (data set, class, seed) group
 * that need no split, so a grid of baselines only trains no autoencoder, and each AUC is the baseline's own scores'
 * AUC on the ICS test set.
 */
class IcsBaselinesTest {
    @TempDir Path dir;

    static final DataSource.Split SPLIT = IcsShardTest.SPLIT; // 28×28 toy images: 20 per class to train, 10 per class to test
    static final List<IcsGrid.Baseline> BASELINES = IcsGrid.Methods.parse(List.of("OCSVM", "IF", "HOG"), new BaselineOptions()).baselines();

    List<IcsGrid.RunResult> run(Path out, List<IcsMethod> ics, PrintStream log) {
        return IcsGrid.run(IcsProtocol.PAPER, Map.of(Benchmark.MNIST, SPLIT), List.of(0, 1), ics, BASELINES, List.of(10.0), List.of(1L, 2L),
                b -> IcsProtocol.PAPER.config(b, 4).withEpochs(1, 1), 1, Shard.ALL, new ResultStore<>(out, IcsGrid.RunResult.class), log);
    }

    /** Raw pixels in [0, 1], written out here rather than with the grid's helper. */
    static double[][] rows(Images images, int[] idx) {
        double[][] x = new double[idx.length][784];
        for (int i = 0; i < idx.length; i++)
            for (int d = 0; d < 784; d++) x[i][d] = (images.pixels()[idx[i] * 784 + d] & 0xff) / 255.0;
        return x;
    }

    @Test
    void baselinesOnlyTrainNoAutoencoderAndScoreTheirOwnAuc() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<IcsGrid.RunResult> runs = run(dir.resolve("a"), List.of(), quiet);
        assertEquals(12, runs.size()); // 2 classes × 2 seeds × 3 baselines
        assertFalse(Files.exists(dir.resolve("a").resolve("splits")), "no split, so no autoencoder, for baselines only");
        assertEquals(List.of("HOG", "IF", "OCSVM"), runs.stream().map(IcsGrid.RunResult::method).distinct().sorted().toList());

        int[] test = IntStream.range(0, SPLIT.test().size()).toArray();
        for (IcsGrid.RunResult r : runs) {
            var baseline = BASELINES.stream().filter(b -> b.column().equals(r.method())).findFirst().orElseThrow().method();
            double[] score = baseline.normality(rows(SPLIT.train(), SPLIT.train().indicesOf(r.cls())), rows(SPLIT.test(), test), r.seed());
            assertEquals(100 * Auc.of(score, SPLIT.test().labels(), r.cls()), r.auc(), 1e-12, r.key());
            assertEquals(20, r.nTrain());
            assertEquals(20, r.nTest());
            assertEquals(0.0, r.rho());
            assertEquals(baseline.describe(), r.config());
        }
        // the toy classes differ by which half is bright: the pixel baselines separate them (HOG's unsigned orientations
        // see the same horizontal edge in both, so it cannot)
        for (IcsGrid.RunResult r : runs) if (!r.method().equals("HOG")) assertTrue(r.auc() > 90, r.key() + " " + r.auc());

        List<IcsGrid.RunResult> again = run(dir.resolve("b"), List.of(), quiet);
        assertEquals(IcsShardTest.numbers(runs), IcsShardTest.numbers(again), "same seed, same numbers");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        run(dir.resolve("a"), List.of(), new PrintStream(log));
        assertTrue(log.toString().startsWith("12 runs (12 already in"), "resumed, nothing refitted: " + log);
    }

    @Test
    void aGroupWithAnIcsColumnStillMakesItsSplit() {
        List<IcsGrid.RunResult> runs = run(dir, List.of(IcsMethod.SSIM), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(16, runs.size()); // 2 classes × 2 seeds × (SSIM + 3 baselines)
        assertTrue(Files.exists(dir.resolve("splits").resolve("mnist_c0_s1.csv")));
    }

    @Test
    void methodNames() {
        BaselineOptions o = new BaselineOptions();
        IcsGrid.Methods m = IcsGrid.Methods.parse(List.of("Ours", "iForest", "ssim", "IF", "hog", "OCSVM"), o);
        assertEquals(List.of(IcsMethod.ICS, IcsMethod.SSIM), m.ics());
        assertEquals(List.of("IF", "HOG", "OCSVM"), m.baselines().stream().map(IcsGrid.Baseline::column).toList(), "iForest is stored as the paper's IF, once");
        assertEquals(IsolationForestBaseline.LIU_2008, m.baselines().get(0).method());
        assertEquals(HogOcsvm.ICS_PAPER, m.baselines().get(1).method());
        assertEquals(Ocsvm.ICS_PAPER, m.baselines().get(2).method());

        assertEquals(List.of(new IcsGrid.Baseline("DSVDD", DeepSvdd.RUFF_2018)), IcsGrid.Methods.parse(List.of("dsvdd"), o).baselines());
        var unknown = assertThrows(IllegalArgumentException.class, () -> IcsGrid.Methods.parse(List.of("DAE"), o));
        assertEquals("--methods: unknown method 'DAE'; valid: Ours, NNwDS, NaiveNN, SSIM, OCSVM, IF, HOG, DSVDD (iForest = IF)", unknown.getMessage());
        o.ocsvmNu = 1.5;
        var nu = assertThrows(IllegalArgumentException.class, () -> IcsGrid.Methods.parse(List.of("HOG"), o));
        assertEquals("OCSVM nu must be in (0, 1], got 1.5", nu.getMessage());
    }

    @Test
    void icsNamesParseAndUnknownOnesListTheValidOnes() {
        for (IcsMethod m : IcsMethod.values()) assertEquals(m, IcsMethod.parse(m.column().toLowerCase()), "by its column, any case");
        assertEquals(IcsMethod.NAIVE, IcsMethod.parse("naive"), "or by its constant's name");
        assertEquals(IcsProtocol.OFFICIAL_CODE, IcsProtocol.parse("Official-Code"));
        assertEquals("unknown method 'DAE'; valid: Ours, NNwDS, NaiveNN, SSIM",
                assertThrows(IllegalArgumentException.class, () -> IcsMethod.parse("DAE")).getMessage());
        for (String bad : List.of("PAPER_", "OFFICIAL_CODE"))
            assertEquals("unknown protocol '" + bad + "'; valid: paper, official-code",
                    assertThrows(IllegalArgumentException.class, () -> IcsProtocol.parse(bad)).getMessage(), "a protocol is named by its CLI name only");
    }
}
