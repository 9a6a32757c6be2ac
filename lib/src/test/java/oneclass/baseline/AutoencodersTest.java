package oneclass.baseline;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** DAE and VAE: their loss terms on hand-computed inputs, their scores, determinism. */
class AutoencodersTest {
    static final double LN2 = Math.log(2);

    static double softplus(double l) { return Math.log1p(Math.exp(l)); }

    /**
     * x = [1, 0, 0.5], logits l = [0, 2, −1]: Σⱼ softplus(lⱼ) − xⱼlⱼ = ln 2 + softplus(2) + softplus(−1) + 0.5
     * = 0.693147 + 2.126928 + 0.313262 + 0.5 = 3.633337; a confident right logit (x = 1, l = 40) costs ~0
     * (e^−40), a confident wrong one (x = 0, l = 40) costs 40.
     */
    @Test
    void bernoulliNllIsTheBinaryCrossEntropyOnLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant(Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}, {1, 0, 0}}));
        SDVariable l = sd.constant(Nd4j.createFromArray(new float[][] {{0, 2, -1}, {40, 0, 0}}));
        double[] nll = Dense.bernoulliNll(sd, x, l).eval().toDoubleVector();
        assertEquals(LN2 + softplus(2) + softplus(-1) + 0.5, nll[0], 1e-5);
        assertEquals(3.633337, nll[0], 1e-5);
        assertEquals(2 * LN2, nll[1], 1e-5);
        SDVariable wrong = Dense.bernoulliNll(sd, sd.constant(Nd4j.createFromArray(new float[][] {{0}})), sd.constant(Nd4j.createFromArray(new float[][] {{40}})));
        assertEquals(40, wrong.eval().getDouble(0), 1e-4);
    }

    /**
     * KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − ln σ²): 0.5 for N(1, 1), ½(4 − 1 − ln 4) = 0.806853 for N(0, 4),
     * and the two summed for the 2-D code; 0 for the standard normal itself.
     */
    @Test
    void klOfKnownGaussians() {
        SameDiff sd = SameDiff.create();
        SDVariable mu = sd.constant(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 0}}));
        SDVariable logVar = sd.constant(Nd4j.createFromArray(new float[][] {{0, (float) Math.log(4)}, {0, 0}}));
        double[] kl = VariationalAutoencoder.klToStandardNormal(sd, mu, logVar).eval().toDoubleVector();
        assertEquals(0.5 + 0.5 * (4 - 1 - Math.log(4)), kl[0], 1e-6);
        assertEquals(1.306853, kl[0], 1e-6);
        assertEquals(0, kl[1], 1e-7);
    }

    /** Every weight of a graph set to 0 and the named biases to the given values. */
    static void setParameters(SameDiff sd, Map<String, float[]> biases) {
        for (var v : sd.variables()) if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) v.getArr().assign(0);
        biases.forEach((name, b) -> sd.getVariable(name).getArr().assign(Nd4j.createFromArray(b).reshape(1, b.length)));
    }

    /**
     * With zero weights the reconstruction's logits are the output bias b whatever the input, so the DAE's
     * error is Σⱼ softplus(bⱼ) − xⱼbⱼ: for x = [1, 0, 0.5], b = [1, −2, 0] that is softplus(1) − 1 + softplus(−2)
     * + ln 2 = 1.133337, and the normality score is its negative. The loss is the batch mean of the error.
     */
    @Test
    void daeScoreIsMinusTheReconstructionError() {
        DenoisingAutoencoder.Model m = new DenoisingAutoencoder.Model(3, new SplittableRandom(1));
        setParameters(m.sd, Map.of("ae_b6", new float[] {1, -2, 0}));
        double[][] x = {{1, 0, 0.5}, {0, 0, 0}};
        double[] err = Dense.perRow(m.sd, "error", 2, 1000, rows -> Map.of("x", Dense.rows(x, rows), "xNoisy", Dense.rows(x, rows)));
        assertEquals(softplus(1) - 1 + softplus(-2) + LN2, err[0], 1e-5);
        assertEquals(1.133337, err[0], 1e-5);
        assertEquals(softplus(1) + softplus(-2) + LN2, err[1], 1e-5);
        INDArray xs = Dense.rows(x, new int[] {0, 1});
        double loss = m.sd.output(Map.of("x", xs, "xNoisy", xs), "loss").get("loss").getDouble(0);
        assertEquals((err[0] + err[1]) / 2, loss, 1e-5);
    }

    /**
     * The VAE's ELBO terms through its graph: zero weights, the μ bias [1, 0, …], the log σ² bias
     * [0, ln 4, 0, …] and the decoder's output bias b make q(z|x) = N((1, 0, …), diag(1, 4, 1, …)) for every x
     * and p(x|z) = Bernoulli(σ(b)) for every z: KL = 0.5 + 0.806853 = 1.306853, reconstruction as the DAE's.
     */
    @Test
    void vaeElboTermsOnAKnownPosterior() {
        VariationalAutoencoder.Model m = new VariationalAutoencoder.Model(3, new SplittableRandom(1));
        float[] muBias = new float[VariationalAutoencoder.LATENT], logVarBias = new float[VariationalAutoencoder.LATENT];
        muBias[0] = 1;
        logVarBias[1] = (float) Math.log(4);
        setParameters(m.sd, Map.of("mu_b1", muBias, "logvar_b1", logVarBias, "dec_b3", new float[] {1, -2, 0}));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}});
        INDArray eps = Dense.gaussian(1, VariationalAutoencoder.LATENT, new SplittableRandom(3));
        var out = m.sd.output(Map.of("x", x, "eps", eps), "kl", "reconstruction", "loss");
        assertEquals(1.306853, out.get("kl").getDouble(0), 1e-5);
        assertEquals(1.133337, out.get("reconstruction").getDouble(0), 1e-5);
        assertEquals(1.306853 + 1.133337, out.get("loss").getDouble(0), 1e-5);
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
