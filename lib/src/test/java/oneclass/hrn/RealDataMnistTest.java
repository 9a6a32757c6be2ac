package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Short HRN runs on the real MNIST (from shared/data, see its README), through the same path as
 * scripts/hrn_table1.java: {@link DataSource#load}, {@link Protocol#trainIndices}, {@link Inputs#matrix}
 * with the protocol's normalization, {@link HrnRun#run}. Normal class 1 (HRN) or 0 (HRN-L2, the class
 * where its failure showed), seed 1, 3-5 epochs instead of 100 / 50 so that the class runs in about 10 s
 * on two cores. Skipped, with the reason, where the data is absent.
 */
@Tag("real-data")
class RealDataMnistTest {
    private static Path data;
    private static DataSource.Split mnist; // loaded once, by the first test that runs

    /** Per test rather than @BeforeAll, so that surefire lists each skipped test with the reason. */
    @BeforeEach
    void locateData() {
        String fromEnv = System.getenv("ONECLASS_TEST_DATA");
        // Maven runs tests in the lib module; the default is the development machines' data folder beside the checkout.
        data = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("..", "..", "shared", "data");
        assumeTrue(Files.isDirectory(data.resolve("mnist")), "the test data folder is absent (looked in " + data.toAbsolutePath()
                + "; set ONECLASS_TEST_DATA to override): real-data tests skipped");
        if (mnist == null) mnist = DataSource.load(Benchmark.MNIST, data, false);
    }

    private static HrnRun.Result run(Protocol proto, int cls, int epochs, long seed) {
        return run(proto, Method.HRN, cls, epochs, seed);
    }

    private static HrnRun.Result run(Protocol proto, Method method, int cls, int epochs, long seed) {
        InstanceNorm2 norm = proto.normalization(Benchmark.MNIST);
        INDArray train = Inputs.matrix(mnist.train(), proto.trainIndices(mnist.train(), cls), norm);
        INDArray test = Inputs.matrix(mnist.test(), norm);
        HrnConfig c = proto.config(Benchmark.MNIST, method).withEpochs(epochs);
        return HrnRun.run(c, train, test, mnist.test().labels(), cls, seed, proto.reportsBestEpochOnTest(), false, null);
    }

    /**
     * The paper's recipe (no biases, ReLU, plain NLL, H-regularizer), 5 epochs instead of 100. Measured
     * (OpenJDK 17, ND4J 1.0.0-M2.1 CPU, one OMP thread): AUC 0.9985 for seed 1 (seed 2: 0.9985), against
     * the paper's 99.9 ± 0.0 after 100 epochs. The bound, 0.98, is about two points below: it tolerates
     * platform-level float differences in a short run, and still fails for a model that has not learnt the
     * class (with the data term's gradient zeroed the AUC was 0.38).
     */
    @Test
    void paperProtocolLearnsMnistClassOne() {
        HrnRun.Result r = run(Protocol.PAPER, 1, 5, 1);
        assertEquals(6742, r.nTrain(), "the paper trains on all 6742 ones of MNIST's training set");
        assertEquals(10_000, r.nTest());
        assertEquals(r.finalAuc(), r.auc(), 0, "the paper reports the model after the last epoch");
        assertTrue(Double.isNaN(r.bestAuc()), "no per-epoch evaluation was asked for");
        assertTrue(r.auc() >= 0.98, "AUC " + r.auc() + " < 0.98 after 5 epochs (measured 0.9985)");
    }

    /**
     * The authors' code's recipe, 3 epochs instead of 50: the first ⌊6742·0.9⌋ = 6067 ones, the test AUC
     * after every epoch, the best one reported. Measured: AUC 0.9982, at
     * epoch 3 (the paper prints 99.9). The bound 0.98 is two points below.
     */
    @Test
    void officialCodeProtocolReportsTheBestEpoch() {
        HrnRun.Result r = run(Protocol.OFFICIAL_CODE, 1, 3, 1);
        assertEquals(6067, r.nTrain());
        assertEquals(r.bestAuc(), r.auc(), 0, "the code reports the best epoch's AUC");
        assertTrue(r.bestAuc() >= r.finalAuc(), "best " + r.bestAuc() + " < final " + r.finalAuc());
        assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 3, "best epoch " + r.bestEpoch());
        assertTrue(r.auc() >= 0.98, "AUC " + r.auc() + " < 0.98 after 3 epochs");
    }

    /**
     * HRN-L2 (the paper's recipe with the H-regularizer replaced by 0.1·‖θ‖²) on class 0, 3 epochs.
     * Measured: AUC 0.9737 for seed 1 (seed 2: 0.9708; the paper prints 97.0 after 100 epochs). Bound 0.95.
     */
    @Test
    void hrnL2LearnsMnistClassZero() {
        HrnRun.Result r = run(Protocol.PAPER, Method.HRN_L2, 0, 3, 1);
        assertEquals(5923, r.nTrain());
        assertTrue(r.auc() >= 0.95, "HRN-L2 AUC " + r.auc() + " < 0.95 after 3 epochs (measured 0.9737)");
    }

    /**
     * HRN-L2 with biases (the {@code --bias true} override), class 0, 3 epochs. Guards the failure that
     * commit 75fd7b6 fixed: with the biases spared by the L2 penalty, the weights decayed towards zero and
     * the output bias alone satisfied the NLL — in full runs a constant score, AUC exactly 0.5. After 3
     * epochs the ranking still survives in the shrinking weights, but E‖∇ₓf‖ has already collapsed
     * (2e-5, re-checked with the old penalty), so the gradient bound is the one that catches it. Measured
     * with the fix: AUC 0.9733, E‖∇ₓf‖ = 0.32. Bounds: AUC ≥ 0.95, E‖∇ₓf‖ ≥ 0.1.
     */
    @Test
    void hrnL2WithBiasesIsNotAConstantModel() {
        HrnConfig p = Protocol.PAPER.config(Benchmark.MNIST, Method.HRN_L2);
        HrnConfig biased = new HrnConfig(p.architecture(), p.negativeSlope(), true, p.initBound(), p.dataTerm(), p.hreg(),
                p.l2(), 3, p.batchSize(), p.lr(), p.momentum(), p.topUpLastBatch());
        INDArray train = Inputs.matrix(mnist.train(), Protocol.PAPER.trainIndices(mnist.train(), 0), InstanceNorm2.PAPER);
        INDArray test = Inputs.matrix(mnist.test(), InstanceNorm2.PAPER);
        HrnRun.Result r = HrnRun.run(biased, train, test, mnist.test().labels(), 0, 1, false, false, null);
        assertTrue(r.auc() >= 0.95, "HRN-L2 with biases: AUC " + r.auc() + " < 0.95 (measured 0.9733)");
        assertTrue(r.gradNorm() >= 0.1, "E‖∇ₓf‖ = " + r.gradNorm() + ": the model is (nearly) constant");
    }
}
