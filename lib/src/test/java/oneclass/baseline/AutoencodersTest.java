package oneclass.baseline;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** DAE and VAE: their loss terms on hand-computed inputs, their hand-written gradients against finite differences, their scores, determinism. */
class AutoencodersTest {
    static final double LN2 = Math.log(2);

    static double softplus(double l) { return Math.log1p(Math.exp(l)); }

    static INDArray matrix(double[][] v) { return Nd4j.createFromArray(v); }

    /**
     * x = [1, 0, 0.5], logits l = [0, 2, −1]: Σⱼ softplus(lⱼ) − xⱼlⱼ = ln 2 + softplus(2) + softplus(−1) + 0.5
     * = 0.693147 + 2.126928 + 0.313262 + 0.5 = 3.633337; a confident right logit (x = 1, l = 40) costs ~0
     * (e^−40), a confident wrong one (x = 0, l = 40) costs 40, and l = 200 costs 200 in float (no overflow of e^l).
     */
    /** The recipe's 100 epochs are the full budget of both autoencoders (the papers state none); fewer are shortened. */
    @Test
    void fewerEpochsThanTheRecipesAreAShortenedBudget() {
        assertNull(DenoisingAutoencoder.KERAS_BLOG.shortened(784));
        assertNull(VariationalAutoencoder.DEFAULT.shortened(784));
        assertEquals("2 of the recipe's 100 epochs (the papers state none)", new DenoisingAutoencoder(2, 256, 1e-3, 0.5).shortened(784));
        assertEquals("99 of the recipe's 100 epochs (the papers state none)", new VariationalAutoencoder(99, 256, 1e-3).shortened(784));
    }

    @Test
    void bernoulliNllIsTheBinaryCrossEntropyOnLogits() {
        double[] nll = DenseNet.bernoulliNll(Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}, {1, 0, 0}}),
                Nd4j.createFromArray(new float[][] {{0, 2, -1}, {40, 0, 0}})).toDoubleVector();
        assertEquals(LN2 + softplus(2) + softplus(-1) + 0.5, nll[0], 1e-5);
        assertEquals(3.633337, nll[0], 1e-5);
        assertEquals(2 * LN2, nll[1], 1e-5);
        double[] wrong = DenseNet.bernoulliNll(Nd4j.createFromArray(new float[][] {{0}, {0}}), Nd4j.createFromArray(new float[][] {{40}, {200}})).toDoubleVector();
        assertEquals(40, wrong[0], 1e-4);
        assertEquals(200, wrong[1], 1e-3);
        // its gradient, (σ(l) − x)/B: at l = 0, x = 1 over a batch of 2: −0.25
        assertEquals(-0.25, DenseNet.bernoulliNllGradient(Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}, {1, 0, 0}}),
                Nd4j.createFromArray(new float[][] {{0, 2, -1}, {40, 0, 0}})).getDouble(0, 0), 1e-7);
    }

    /**
     * KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − ln σ²): 0.5 for N(1, 1), ½(4 − 1 − ln 4) = 0.806853 for N(0, 4),
     * and the two summed for the 2-D code; 0 for the standard normal itself.
     */
    @Test
    void klOfKnownGaussians() {
        INDArray mu = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 0}});
        INDArray logVar = Nd4j.createFromArray(new float[][] {{0, (float) Math.log(4)}, {0, 0}});
        double[] kl = VariationalAutoencoder.klToStandardNormal(mu, logVar).toDoubleVector();
        assertEquals(0.5 + 0.5 * (4 - 1 - Math.log(4)), kl[0], 1e-6);
        assertEquals(1.306853, kl[0], 1e-6);
        assertEquals(0, kl[1], 1e-7);
    }

    /** x̃ = clip(x + σε, 0, 1), one N(0, 1) draw per value in order; σ = 0 gives x back. */
    @Test
    void corruptionIsClippedGaussianNoise() {
        float[] x = {0, 1, 0.5f, 0.25f};
        SplittableRandom r = new SplittableRandom(4);
        double[] eps = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        float[] noisy = DenoisingAutoencoder.corrupt(x, 0.5, new SplittableRandom(4));
        for (int i = 0; i < x.length; i++) assertEquals(Math.min(1, Math.max(0, x[i] + 0.5 * eps[i])), noisy[i], 1e-6, "value " + i);
        assertArrayEquals(x, DenoisingAutoencoder.corrupt(x, 0, new SplittableRandom(4)));
        float[] loud = DenoisingAutoencoder.corrupt(new float[1000], 10, new SplittableRandom(5));
        long zeros = 0, ones = 0;
        for (float v : loud) { zeros += v == 0 ? 1 : 0; ones += v == 1 ? 1 : 0; }
        assertTrue(zeros > 400 && ones > 400, "σ = 10 on 0 clips about half the values to 0 and most of the rest to 1: " + zeros + ", " + ones);
    }

    /** Every weight and bias of a network set to 0. */
    static void zero(DenseNet net) { net.params.assign(0); }

    static INDArray row(float... v) { return Nd4j.createFromArray(v).reshape(1, v.length); }

    /**
     * With zero weights the reconstruction's logits are the output bias b whatever the input, so the DAE's
     * error is Σⱼ softplus(bⱼ) − xⱼbⱼ: for x = [1, 0, 0.5], b = [1, −2, 0] that is softplus(1) − 1 + softplus(−2)
     * + ln 2 = 1.133337, and the normality score is its negative.
     */
    @Test
    void daeScoreIsMinusTheReconstructionError() {
        DenoisingAutoencoder.Model m = new DenoisingAutoencoder.Model(3, 1e-3, DataType.FLOAT, new SplittableRandom(1));
        zero(m.net);
        m.net.chains[0][5].b.assign(row(1, -2, 0));
        double[][] x = {{1, 0, 0.5}, {0, 0, 0}};
        double[] err = DenseNet.perRow(2, 1000, rows -> m.error(Dense.rows(x, rows), Dense.rows(x, rows)));
        assertEquals(softplus(1) - 1 + softplus(-2) + LN2, err[0], 1e-5);
        assertEquals(1.133337, err[0], 1e-5);
        assertEquals(softplus(1) + softplus(-2) + LN2, err[1], 1e-5);
    }

    /**
     * The VAE's ELBO terms through its networks: zero weights, the μ bias [1, 0, …], the log σ² bias
     * [0, ln 4, 0, …] and the decoder's output bias b make q(z|x) = N((1, 0, …), diag(1, 4, 1, …)) for every x
     * and p(x|z) = Bernoulli(σ(b)) for every z: KL = 0.5 + 0.806853 = 1.306853, reconstruction as the DAE's.
     */
    @Test
    void vaeElboTermsOnAKnownPosterior() {
        VariationalAutoencoder.Model m = new VariationalAutoencoder.Model(3, 1e-3, DataType.FLOAT, new SplittableRandom(1));
        zero(m.net);
        float[] muBias = new float[VariationalAutoencoder.LATENT], logVarBias = new float[VariationalAutoencoder.LATENT];
        muBias[0] = 1;
        logVarBias[1] = (float) Math.log(4);
        m.net.chains[1][0].b.assign(row(muBias));
        m.net.chains[2][0].b.assign(row(logVarBias));
        m.net.chains[3][2].b.assign(row(1, -2, 0));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}});
        VariationalAutoencoder.Pass p = m.forward(x, Dense.gaussian(1, VariationalAutoencoder.LATENT, new SplittableRandom(3)));
        assertEquals(1.306853, p.kl().getDouble(0), 1e-5);
        assertEquals(1.133337, p.reconstruction(x).getDouble(0), 1e-5);
        assertEquals(1.306853 + 1.133337, p.loss(x), 1e-5);
    }

    /**
     * Checks every gradient of the last layer's bias and 300 other entries (drawn by a fixed seed) of
     * net.grads, as left by {@code gradients}, against central differences (step 1e-6, in double) of
     * {@code loss}: |analytic − numeric| ≤ 1e-6 + 1e-4·|numeric|.
     */
    static void checkGradients(DenseNet net, Runnable gradients, DoubleSupplier loss) {
        gradients.run();
        double[] analytic = net.grads.toDoubleVector();
        long p = net.params.length();
        long[] picks = new long[300 + 16];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) picks[i] = r.nextLong(p);
        for (int i = 0; i < 16; i++) picks[300 + i] = p - 1 - i % 3;   // the output layer's bias (its last entries)
        int nonzero = 0;
        for (long i : picks) {
            double v = net.params.getDouble(0, i), h = 1e-6;
            net.params.putScalar(0, i, v + h);
            double up = loss.getAsDouble();
            net.params.putScalar(0, i, v - h);
            double down = loss.getAsDouble();
            net.params.putScalar(0, i, v);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic[(int) i], 1e-6 + 1e-4 * Math.abs(numeric), "parameter " + i);
            if (Math.abs(numeric) > 1e-6) nonzero++;
        }
        assertTrue(nonzero > 100, "the check saw only " + nonzero + " non-zero gradients");
    }

    static double[][] uniform(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) for (int j = 0; j < cols; j++) row[j] = r.nextDouble();
        return x;
    }

    @Test
    void daeGradientMatchesFiniteDifferences() {
        DenoisingAutoencoder.Model m = new DenoisingAutoencoder.Model(5, 1e-3, DataType.DOUBLE, new SplittableRandom(2));
        INDArray x = matrix(uniform(4, 5, 3)), xNoisy = matrix(uniform(4, 5, 4));
        checkGradients(m.net, () -> m.gradients(x, xNoisy), () -> m.error(x, xNoisy).meanNumber().doubleValue());
    }

    @Test
    void vaeGradientMatchesFiniteDifferences() {
        VariationalAutoencoder.Model m = new VariationalAutoencoder.Model(5, 1e-3, DataType.DOUBLE, new SplittableRandom(2));
        INDArray x = matrix(uniform(4, 5, 3));
        INDArray eps = Dense.gaussian(4, VariationalAutoencoder.LATENT, new SplittableRandom(5)).castTo(DataType.DOUBLE);
        checkGradients(m.net, () -> m.gradients(x, eps), () -> m.forward(x, eps).loss(x));
    }

    /** The tanh and sigmoid backward passes (DAE and VAE use ReLU and linear layers only), on L = Σ c ⊙ output. */
    @Test
    void tanhAndSigmoidGradientsMatchFiniteDifferences() {
        DenseNet net = new DenseNet(List.of(DenseNet.Chain.of(Dense.Act.TANH, Dense.Act.SIGMOID, 3, 40, 20)), 1e-3, DataType.DOUBLE, new SplittableRandom(6));
        INDArray x = matrix(uniform(4, 3, 7)), c = matrix(uniform(4, 20, 8)).subi(0.5);
        checkGradients(net, () -> net.backward(0, net.forward(0, x).mul(0).addi(c), false), () -> net.forward(0, x).mul(c).sumNumber().doubleValue());
    }

    /**
     * Adam's first step (m̂ = g, v̂ = g²) moves every parameter by −lr·g/(|g| + ε) = −lr·sign(g), here on
     * the flat vector whose views are the layers' W and b: with L = Σ output of one linear layer 2 → 1 on x = (1, −2),
     * ∂L/∂W = xᵀ = (1, −2), ∂L/∂b = 1, so W moves by (−0.01, +0.01) and b by −0.01.
     */
    @Test
    void oneAdamStepMovesEachParameterByTheLearningRate() {
        DenseNet net = new DenseNet(List.of(DenseNet.Chain.of(Dense.Act.NONE, Dense.Act.NONE, 2, 1)), 0.01, DataType.DOUBLE, new SplittableRandom(9));
        double[] before = net.params.toDoubleVector();
        INDArray x = matrix(new double[][] {{1, -2}});
        net.backward(0, net.forward(0, x).mul(0).addi(1), false);
        assertArrayEquals(new double[] {1, -2, 1}, net.grads.toDoubleVector(), 1e-12);
        net.adamStep();
        double[] after = net.params.toDoubleVector();
        assertArrayEquals(new double[] {-0.01, 0.01, -0.01}, new double[] {after[0] - before[0], after[1] - before[1], after[2] - before[2]}, 1e-8);
        assertEquals(0, before[2], "biases start at 0");
        assertTrue(Math.abs(before[0]) <= Math.sqrt(6.0 / 3) && before[0] != before[1], "Glorot-uniform weights: " + Arrays.toString(before));
    }

    /** Two 16-pixel "classes": bright left half (normal) and bright right half, with pixel noise. */
    static double[][] halves(int n, boolean left, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][16];
        for (double[] row : x) for (int j = 0; j < 16; j++) row[j] = Math.min(1, Math.max(0, ((j < 8) == left ? 0.9 : 0.1) + 0.05 * r.nextGaussian()));
        return x;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void bothRankTheirTrainingClassAboveAnotherAndAreReproducible() {
        double[][] train = halves(200, true, 1), test = concat(halves(20, true, 2), halves(20, false, 3));
        for (OneClassBaseline b : new OneClassBaseline[] {new DenoisingAutoencoder(10, 25, 1e-3, 0.5), new VariationalAutoencoder(10, 25, 1e-3)}) {
            double[] s = b.normality(train, test, 7);
            double worstNormal = Arrays.stream(s, 0, 20).min().orElseThrow(), bestOther = Arrays.stream(s, 20, 40).max().orElseThrow();
            assertTrue(worstNormal > bestOther, b.name() + ": every normal row above every other one: " + worstNormal + " vs " + bestOther);
        }
        for (OneClassBaseline b : new OneClassBaseline[] {new DenoisingAutoencoder(2, 50, 1e-3, 0.5), new VariationalAutoencoder(2, 50, 1e-3)}) {
            double[] s = b.normality(train, test, 7);
            assertArrayEquals(s, b.normality(train, test, 7), b.name() + ": same seed, same numbers");
            assertFalse(Arrays.equals(s, b.normality(train, test, 8)), b.name() + ": another seed, other weights");
        }
    }

    @Test
    void aRunBesideAnotherGivesTheSameNumbers() throws Exception {
        double[][] train = halves(200, true, 4), test = halves(10, false, 5);
        VariationalAutoencoder vae = new VariationalAutoencoder(3, 50, 1e-3);
        double[] alone = vae.normality(train, test, 1);
        double[][] beside = new double[1][];
        Thread other = new Thread(() -> new DenoisingAutoencoder(3, 50, 1e-3, 0.5).normality(train, test, 2));
        Thread same = new Thread(() -> beside[0] = vae.normality(train, test, 1));
        other.start(); same.start(); other.join(); same.join();
        assertArrayEquals(alone, beside[0]);
    }

    @Test
    void badSettingsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DenoisingAutoencoder(0, 256, 1e-3, 0.5)).getMessage().contains("DAE epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DenoisingAutoencoder(1, 256, 1e-3, -0.1)).getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VariationalAutoencoder(1, 0, 1e-3)).getMessage().contains("batch size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VariationalAutoencoder(1, 1, 0)).getMessage().contains("learning rate"));
        double[][] unscaled = {{0.5, 2.0}};
        String msg = assertThrows(IllegalArgumentException.class, () -> new VariationalAutoencoder(1, 1, 1e-3).normality(unscaled, unscaled, 1)).getMessage();
        assertTrue(msg.contains("VAE") && msg.contains("[0, 1]") && msg.contains("2.0 in column 1"), msg);
    }

    @Test
    void optionsGiveThePublishedDefaultsAndTheScriptsEpochs() {
        BaselineOptions o = new BaselineOptions();
        assertEquals(DenoisingAutoencoder.KERAS_BLOG, o.parse("DAE").orElseThrow());
        assertEquals(VariationalAutoencoder.DEFAULT, o.parse("vae").orElseThrow());
        o.epochsFallback(2);
        assertEquals(2, ((VariationalAutoencoder) o.parse("VAE").orElseThrow()).epochs());
        o.baselineEpochs = 5;
        assertEquals(5, ((DenoisingAutoencoder) o.parse("DAE").orElseThrow()).epochs(), "--baseline-epochs wins over --epochs");
        o.baselineEpochs = 0;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.parse("DAE")).getMessage().contains("epochs must be >= 1, got 0"));
        String msg = assertThrows(IllegalArgumentException.class, () -> o.method("--methods", "AE")).getMessage();
        assertTrue(msg.contains("DAE") && msg.contains("VAE"), msg);
    }
}
