package oneclass.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
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

    /** Fewer epochs than the recipe's 100 (the papers state no budget for their VAE) is a shortened budget. */
    @Override public String shortened(int features) {
        return epochs >= DEFAULT.epochs ? null : epochs + " of the recipe's " + DEFAULT.epochs + " epochs (the papers state none)";
    }

    @Override public String describe() {
        return "VAE(D-128-64-[32 gaussian]-64-128-D relu, bernoulli decoder, -ELBO, adam lr=" + lr + ", batch=" + batchSize + ", epochs=" + epochs + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        Dense.requireUnitInterval(train, "VAE");
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(train[0].length, lr, DataType.FLOAT, rng);
        m.net.train(train.length, batchSize, epochs, rng, rows -> m.gradients(Dense.rows(train, rows), Dense.gaussian(rows.length, LATENT, rng)));
        // ε = 0: z = μ(x), the reconstruction of the mean code
        double[] err = DenseNet.perRow(test.length, 1000, rows -> {
            INDArray x = Dense.rows(test, rows);
            return m.forward(x, Nd4j.zeros(DataType.FLOAT, rows.length, LATENT)).reconstruction(x);
        });
        for (int i = 0; i < err.length; i++) err[i] = -err[i];
        return err;
    }

    /** KL(N(μ, diag σ²) ‖ N(0, I)) per row = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²) (Kingma and Welling, Appendix B). μ, log σ²: [B, J] → [B]. */
    static INDArray klToStandardNormal(INDArray mu, INDArray logVar) {
        return logVar.add(1).subi(mu.mul(mu)).subi(Transforms.exp(logVar, true)).sum(1).muli(-0.5);
    }

    /** One forward pass: the code's μ, log σ², σ [B, J] and the decoder's logits [B, D]. */
    record Pass(INDArray mu, INDArray logVar, INDArray sigma, INDArray logits) {
        /** −log p(x | z) per row [B]. */
        INDArray reconstruction(INDArray x) { return DenseNet.bernoulliNll(x, logits); }
        /** KL(q(z|x) ‖ N(0, I)) per row [B]. */
        INDArray kl() { return klToStandardNormal(mu, logVar); }
        /** −ELBO, the batch mean of reconstruction + KL. */
        double loss(INDArray x) { return reconstruction(x).addi(kl()).meanNumber().doubleValue(); }
    }

    /**
     * The networks: encoder D-128-64 (chain 0), heads μ (1) and log σ² (2), decoder 32-64-128-D (3), in
     * the order their weights are drawn.
     */
    static final class Model {
        final DenseNet net;

        Model(int d, double lr, DataType type, SplittableRandom rng) {
            net = new DenseNet(List.of(DenseNet.Chain.of(Dense.Act.RELU, Dense.Act.RELU, d, 128, 64),
                    DenseNet.Chain.of(Dense.Act.NONE, Dense.Act.NONE, 64, LATENT), DenseNet.Chain.of(Dense.Act.NONE, Dense.Act.NONE, 64, LATENT),
                    DenseNet.Chain.of(Dense.Act.RELU, Dense.Act.NONE, LATENT, 64, 128, d)), lr, type, rng);
        }

        /** x: [B, D], ε: [B, J]. */
        Pass forward(INDArray x, INDArray eps) {
            INDArray h = net.forward(0, x);                                           // [B, 64]
            INDArray mu = net.forward(1, h), logVar = net.forward(2, h);              // [B, J]
            INDArray sigma = Transforms.exp(logVar.mul(0.5), false);
            INDArray z = sigma.mul(eps).addi(mu);                                     // Eq. 10
            return new Pass(mu, logVar, sigma, net.forward(3, z));
        }

        /**
         * The gradients of −ELBO (batch mean) into net.grads. With z = μ + σ ⊙ ε, σ = exp(½ log σ²) and
         * KL = −½ Σ (1 + log σ² − μ² − σ²): ∂/∂μ = ∂L/∂z + μ/B, ∂/∂log σ² = ½ ∂L/∂z ⊙ ε ⊙ σ + ½ (σ² − 1)/B.
         */
        void gradients(INDArray x, INDArray eps) {
            Pass p = forward(x, eps);
            long b = x.rows();
            INDArray dz = net.backward(3, DenseNet.bernoulliNllGradient(x, p.logits()), true);                      // [B, J]
            INDArray dMu = p.mu().div(b).addi(dz);
            INDArray dLogVar = dz.muli(eps).muli(p.sigma()).muli(0.5).addi(p.sigma().mul(p.sigma()).subi(1).muli(0.5 / b));
            INDArray dh = net.backward(1, dMu, true).addi(net.backward(2, dLogVar, true));                      // [B, 64]
            net.backward(0, dh, false);
        }
    }
}
