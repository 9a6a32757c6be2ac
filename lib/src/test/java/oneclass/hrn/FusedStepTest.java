package oneclass.hrn;

import oneclass.run.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link FusedStep}, the BLAS-level training step, against the general ND4J step of {@link Mlp} (itself checked
 * against finite differences in {@link MlpGradientTest}) and against finite differences of the loss.
 *
 * <p>The fused step runs in float, so it is compared with references in double: the same initial weights
 * (Mlp draws them identically in both precisions), the same batch. Tolerance: relative error 1e-4 per
 * parameter, |a − r| / max(1e-4, |a| + |r|) — float's rounding (~6e-8 per operation) grown through a few
 * hundred operations, far below the O(1) error of any wrong term.
 */
class FusedStepTest {
    static final int N = 30, BATCH = 12;

    /** Float rows, each scaled to unit norm as HRN's inputs are. */
    static INDArray data(int dim, long seed) {
        INDArray x = MlpGradientTest.randomInput(N, dim, seed).castTo(DataType.FLOAT);
        return x.diviColumnVector(x.norm2(1).reshape(N, 1));
    }

    /** A batch with a repeated row, smaller than the buffers (the last batch of an epoch). */
    static final int[] ROWS = {3, 17, 0, 29, 3, 11, 8, 21, 5};

    static HrnConfig config(int[] hidden, int dim, double slope, DataTerm term, HRegularizer h, double l2) {
        return new HrnConfig(Architecture.mlp(dim, hidden), slope, false, 0.8, term, h, l2, 1, BATCH, 0.1, 0.9, false);
    }

    static double maxRelativeError(double[] a, double[] r) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - r[i]) / Math.max(1e-4, Math.abs(a[i]) + Math.abs(r[i])));
        return worst;
    }

    static double[] gradient(Mlp m) { return m.flat().grad.data().asDouble(); }

    @ParameterizedTest(name = "hidden={0} slope={1} eps={2} n={3} lambda={4} l2={5}")
    @CsvSource({
            "5,   0.0,  0.0,  12, 0.1, 0",
            "5,   0.01, 0.01, 12, 0.3, 0",
            "5,   0.0,  0.0,  1,  0.3, 0",
            "5,   0.1,  0.0,  3,  0.3, 0",
            "5,   0.0,  0.0,  12, 0.0, 0.1",
            "6;4, 0.0,  0.0,  12, 0.3, 0",
            "6;4, 0.01, 0.01, 4,  0.3, 0.05",
    })
    void matchesTheGeneralStepInDouble(String hidden, double slope, double eps, double n, double lambda, double l2) {
        int[] widths = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        int dim = 7;
        HrnConfig c = config(widths, dim, slope, new DataTerm.Nll(eps), lambda > 0 ? new HRegularizer(lambda, n, 0) : null, l2);
        INDArray x = data(dim, 4);
        assertTrue(FusedStep.supports(c, x));
        Mlp fused = new Mlp(c.architecture(), slope, false, 0.8, 9);
        Mlp reference = new Mlp(c.architecture(), slope, false, 0.8, 9, DataType.DOUBLE);
        double loss = new FusedStep(fused, x, BATCH).lossAndGradients(ROWS, new OneClassLoss(c.dataTerm(), c.hreg(), l2));
        double expected = reference.lossAndGradients(Nd4j.pullRows(x, 1, ROWS).castTo(DataType.DOUBLE), new OneClassLoss(c.dataTerm(), c.hreg(), l2));
        assertEquals(expected, loss, 1e-5 * Math.abs(expected));
        double err = maxRelativeError(gradient(fused), gradient(reference));
        assertTrue(err < 1e-4, "max relative gradient error " + err);
    }

    /** The square loss of Table 3 takes the same path. */
    @Test
    void squareLossMatchesTheGeneralStep() {
        HrnConfig c = config(new int[] {5}, 7, 0, new DataTerm.SquareLoss(), HRegularizer.paper(), 0);
        INDArray x = data(7, 5);
        Mlp fused = new Mlp(c.architecture(), 0, false, 0.8, 3);
        Mlp reference = new Mlp(c.architecture(), 0, false, 0.8, 3, DataType.DOUBLE);
        double loss = new FusedStep(fused, x, BATCH).lossAndGradients(ROWS, new OneClassLoss(c.dataTerm(), c.hreg(), 0));
        double expected = reference.lossAndGradients(Nd4j.pullRows(x, 1, ROWS).castTo(DataType.DOUBLE), new OneClassLoss(c.dataTerm(), c.hreg(), 0));
        assertEquals(expected, loss, 1e-5 * Math.abs(expected));
        assertTrue(maxRelativeError(gradient(fused), gradient(reference)) < 1e-4);
    }

    /**
     * The fused gradient against central finite differences of the loss (h = 1e-6), the loss evaluated in
     * double by the general step: in float, differences of the loss would be rounding noise at any step small
     * enough not to cross a ReLU kink.
     */
    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        HrnConfig c = config(new int[] {6, 4}, 7, 0.01, new DataTerm.Nll(0), new HRegularizer(0.3, 12, 0), 0);
        INDArray x = data(7, 6);
        Mlp fused = new Mlp(c.architecture(), 0.01, false, 0.8, 11);
        new FusedStep(fused, x, BATCH).lossAndGradients(ROWS, new OneClassLoss(c.dataTerm(), c.hreg(), 0));
        double[] analytic = gradient(fused);

        Mlp reference = new Mlp(c.architecture(), 0.01, false, 0.8, 11, DataType.DOUBLE);
        INDArray batch = Nd4j.pullRows(x, 1, ROWS).castTo(DataType.DOUBLE);
        INDArray theta = reference.flat().theta;
        double[] numeric = new double[analytic.length];
        double h = 1e-6;
        for (int i = 0; i < numeric.length; i++) {
            double v = theta.getDouble(0, i);
            theta.putScalar(0, i, v + h);
            double up = reference.lossAndGradients(batch, new OneClassLoss(c.dataTerm(), c.hreg(), 0));
            theta.putScalar(0, i, v - h);
            double down = reference.lossAndGradients(batch, new OneClassLoss(c.dataTerm(), c.hreg(), 0));
            theta.putScalar(0, i, v);
            numeric[i] = (up - down) / (2 * h);
        }
        double err = maxRelativeError(analytic, numeric);
        assertTrue(err < 1e-4, "max relative error against finite differences " + err);
    }

    /** Training with the fused step follows training with the general step: same draws, float-rounding differences only. */
    @Test
    void trainingFollowsTheGeneralStep() {
        DeterminismTest.Problem p = DeterminismTest.problem(1, 1.5);
        HrnConfig c = DeterminismTest.paperLike(3);
        assertTrue(FusedStep.supports(c, p.train()));
        List<Double> fusedLoss = new ArrayList<>(), generalLoss = new ArrayList<>();
        Mlp fused = HrnTrainer.train(c, p.train(), 42, (e, m, loss) -> fusedLoss.add(loss), true);
        Mlp general = HrnTrainer.train(c, p.train(), 42, (e, m, loss) -> generalLoss.add(loss), false);
        float[] a = DeterminismTest.weights(fused), b = DeterminismTest.weights(general);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst < 1e-4, "weights after 3 epochs differ by " + worst);
        for (int e = 0; e < 3; e++) assertEquals(generalLoss.get(e), fusedLoss.get(e), 1e-4 * generalLoss.get(e));
        double[] sf = fused.score(p.test()), sg = general.score(p.test());
        for (int i = 0; i < sf.length; i++) assertEquals(sg[i], sf[i], 1e-3 * Math.max(1, Math.abs(sg[i])));
    }

    /** Runs side by side (as --threads > 1 runs them) train bit-identically to a run alone. */
    @Test
    void runsSideBySideAreBitIdenticalToARunAlone() {
        DeterminismTest.Problem p = DeterminismTest.problem(2, 1.5);
        HrnConfig c = DeterminismTest.codeLike(2);
        float[] alone = DeterminismTest.weights(HrnTrainer.train(c, p.train(), 7, null));
        float[][] side = new float[2][];
        Parallel.run(List.of(() -> side[0] = DeterminismTest.weights(HrnTrainer.train(c, p.train(), 7, null)),
                () -> side[1] = DeterminismTest.weights(HrnTrainer.train(c, p.train(), 7, null))), 2);
        assertArrayEquals(alone, side[0]);
        assertArrayEquals(alone, side[1]);
    }

    @Test
    void whatTheFusedStepDoesNotCoverTakesTheGeneralStep() {
        INDArray x = data(12, 1);
        HrnConfig plain = config(new int[] {6}, 12, 0, new DataTerm.Nll(0), HRegularizer.paper(), 0);
        assertFalse(FusedStep.supports(new HrnConfig(plain.architecture(), 0, true, 0.8, plain.dataTerm(), plain.hreg(), 0, 1, BATCH, 0.1, 0.9, false), x), "biases");
        assertFalse(FusedStep.supports(plain.withArchitecture(new Architecture(12, 3, new int[] {6})), x), "a grouped first layer");
        assertFalse(FusedStep.supports(plain.withLoss(plain.dataTerm(), new HRegularizer(0.1, 12, 3)), x), "the per-pixel norm");
        assertFalse(FusedStep.supports(plain, x.castTo(DataType.DOUBLE)), "double precision");
    }
}
