package oneclass.baseline;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Variational autoencoder (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014), scored by
 * reconstruction error: HRN Table 1's VAE column ("the classic variational auto-encoder"; the paper gives
 * no architecture). The model is the paper's for binary-ish data (its Appendix C: a Gaussian MLP encoder,
 * a Bernoulli MLP decoder, one sample of z per data point), with the layers of {@link DenoisingAutoencoder}
 * so that the two columns differ only in the model:
 * <ul>
 *   <li>encoder D-128-64 (ReLU), then μ and log σ² ∈ ℝ³² (linear); decoder 32-64-128-D (ReLU), Bernoulli logits;</li>
 *   <li>z = μ + σ ⊙ ε, ε ~ N(0, I) (the reparameterization, Eq. 10);</li>
 *   <li>loss = −ELBO = E_q[−log p(x|z)] + KL(q(z|x) ‖ N(0, I)), the KL term in closed form
 *       −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²) (Appendix B), averaged over the batch;</li>
 *   <li>Adam, learning rate 1e-3, batch 256, 100 epochs (as the DAE).</li>
 * </ul>
 * The normality score is minus the reconstruction error of the mean code, −(−log p(x | z = μ(x))): the
 * same Bernoulli NLL as the DAE's, without sampling, so scoring is deterministic.
 *
 * @param epochs    passes over the training rows
 * @param batchSize rows per Adam step
 * @param lr        Adam's learning rate
 */
public record VariationalAutoencoder(int epochs, int batchSize, double lr) implements OneClassBaseline {
    public static final VariationalAutoencoder DEFAULT = new VariationalAutoencoder(100, 256, 1e-3);
    static final int LATENT = 32;

    public VariationalAutoencoder {
        if (epochs < 1) throw new IllegalArgumentException("VAE epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("VAE batch size must be >= 1, got " + batchSize);
        if (!(lr > 0)) throw new IllegalArgumentException("VAE learning rate must be > 0, got " + lr);
    }

    @Override public String name() { return "VAE"; }

    @Override public String describe() {
        return "VAE(D-128-64-[32 gaussian]-64-128-D relu, bernoulli decoder, -ELBO, adam lr=" + lr + ", batch=" + batchSize + ", epochs=" + epochs + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        Dense.requireUnitInterval(train, "VAE");
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(train[0].length, rng);
        Dense.train(m.sd, List.of("x", "eps"), train.length, batchSize, epochs, lr, rng,
                rows -> new INDArray[] {Dense.rows(train, rows), Dense.gaussian(rows.length, LATENT, rng)});
        // ε = 0: z = μ(x), the reconstruction of the mean code
        double[] err = Dense.perRow(m.sd, "reconstruction", test.length, 1000,
                rows -> Map.of("x", Dense.rows(test, rows), "eps", Nd4j.zeros(DataType.FLOAT, rows.length, LATENT)));
        for (int i = 0; i < err.length; i++) err[i] = -err[i];
        return err;
    }

    /** KL(N(μ, diag σ²) ‖ N(0, I)) per row = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²) (Kingma and Welling, Appendix B). μ, log σ²: [B, J] → [B]. */
    static SDVariable klToStandardNormal(SameDiff sd, SDVariable mu, SDVariable logVar) {
        return logVar.add(1).sub(mu.mul(mu)).sub(sd.math().exp(logVar)).sum(1).mul(-0.5);
    }

    /** The graph; outputs per row [B]: "reconstruction" = −log p(x|z), "kl"; "loss" = mean of their sum (−ELBO). */
    static final class Model {
        final SameDiff sd = SameDiff.create();

        Model(int d, SplittableRandom rng) {
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, d);
            SDVariable eps = sd.placeHolder("eps", DataType.FLOAT, -1, LATENT);
            SDVariable h = Dense.stack(sd, "enc", x, new int[] {d, 128, 64}, Dense.Act.RELU, Dense.Act.RELU, rng);  // h: [B, 64]
            SDVariable mu = Dense.stack(sd, "mu", h, new int[] {64, LATENT}, Dense.Act.NONE, Dense.Act.NONE, rng);
            SDVariable logVar = Dense.stack(sd, "logvar", h, new int[] {64, LATENT}, Dense.Act.NONE, Dense.Act.NONE, rng);
            SDVariable z = mu.add(sd.math().exp(logVar.mul(0.5)).mul(eps));                                 // Eq. 10
            SDVariable logits = Dense.stack(sd, "dec", z, new int[] {LATENT, 64, 128, d}, Dense.Act.RELU, Dense.Act.NONE, rng);
            SDVariable rec = Dense.bernoulliNll(sd, x, logits).rename("reconstruction");
            SDVariable kl = klToStandardNormal(sd, mu, logVar).rename("kl");
            rec.add(kl).mean().rename("loss");
            sd.setLossVariables("loss");
        }
    }
}
