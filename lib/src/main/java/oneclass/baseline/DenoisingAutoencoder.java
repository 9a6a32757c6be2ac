package oneclass.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Denoising autoencoder (Vincent et al., ICML 2008), scored by reconstruction error: HRN Table 1's DAE
 * column. The HRN paper gives no architecture ("DAE [30, 80]: the reconstruction error is used as the
 * scoring function"), so this is the fully connected deep autoencoder of F. Chollet, "Building
 * Autoencoders in Keras" (The Keras Blog, 2016), with that post's denoising recipe:
 * <ul>
 *   <li>D-128-64-32-64-128-D, ReLU, sigmoid output, Keras' Glorot-uniform init;</li>
 *   <li>corruption x̃ = clip(x + σ·ε, 0, 1), ε ~ N(0, I), σ = 0.5 (the post's noise_factor), fresh every batch;</li>
 *   <li>loss: binary cross-entropy of the clean x against the reconstruction of x̃, summed over the D inputs
 *       ({@link DenseNet#bernoulliNll}) and averaged over the batch (the post averages over the inputs too,
 *       a constant factor that Adam's step does not see);</li>
 *   <li>Adam, learning rate 1e-3 (Keras' default), batch 256, 100 epochs (the post's).</li>
 * </ul>
 * The normality score is minus the clean input's reconstruction error, −BCE(x, x̂(x)). Inputs are expected
 * in [0, 1] (the harness gives raw pixels /255).
 *
 * @param epochs    passes over the training rows
 * @param batchSize rows per Adam step
 * @param lr        Adam's learning rate
 * @param noise     σ of the Gaussian corruption
 */
public record DenoisingAutoencoder(int epochs, int batchSize, double lr, double noise) implements OneClassBaseline {
    public static final DenoisingAutoencoder KERAS_BLOG = new DenoisingAutoencoder(100, 256, 1e-3, 0.5);

    public DenoisingAutoencoder {
        if (epochs < 1) throw new IllegalArgumentException("DAE epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("DAE batch size must be >= 1, got " + batchSize);
        if (!(lr > 0)) throw new IllegalArgumentException("DAE learning rate must be > 0, got " + lr);
        if (!(noise >= 0)) throw new IllegalArgumentException("DAE noise must be >= 0, got " + noise);
    }

    @Override public String name() { return "DAE"; }

    /** Fewer epochs than the recipe's 100 (the papers state no budget for their DAE) is a shortened budget. */
    @Override public String shortened(int features) {
        return epochs >= KERAS_BLOG.epochs ? null : epochs + " of the recipe's " + KERAS_BLOG.epochs + " epochs (the papers state none)";
    }

    @Override public String describe() {
        return "DAE(D-128-64-32-64-128-D relu/sigmoid, gaussian noise=" + noise + " clipped, BCE, adam lr=" + lr
                + ", batch=" + batchSize + ", epochs=" + epochs + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        Dense.requireUnitInterval(train, "DAE");
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(train[0].length, lr, DataType.FLOAT, rng);
        int d = train[0].length;
        m.net.train(train.length, batchSize, epochs, rng, rows -> {
            float[] x = Dense.rowValues(train, rows);
            m.gradients(Dense.matrix(x, rows.length, d), Dense.matrix(corrupt(x, noise, rng), rows.length, d));
        });
        double[] err = DenseNet.perRow(test.length, 1000, rows -> {
            INDArray x = Dense.rows(test, rows);
            return m.error(x, x);  // scoring reconstructs the clean input
        });
        for (int i = 0; i < err.length; i++) err[i] = -err[i];
        return err;
    }

    /** x̃ = clip(x + σ·ε, 0, 1), ε ~ N(0, I) from rng, one draw per value in order. */
    static float[] corrupt(float[] x, double sigma, SplittableRandom rng) {
        float[] f = new float[x.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) Math.min(1, Math.max(0, x[i] + sigma * rng.nextGaussian()));
        return f;
    }

    /** The network x̃ → encoder → decoder → logits, D-128-64-32-64-128-D, ReLU, linear logits (σ is in the loss). */
    static final class Model {
        final DenseNet net;

        Model(int d, double lr, DataType type, SplittableRandom rng) {
            net = new DenseNet(List.of(DenseNet.Chain.of(Dense.Act.RELU, Dense.Act.NONE, d, 128, 64, 32, 64, 128, d)), lr, type, rng);
        }

        /** BCE(x, σ(logits(xIn))) per row [B]: the error of reconstructing x from xIn. */
        INDArray error(INDArray x, INDArray xIn) {
            return DenseNet.bernoulliNll(x, net.forward(0, xIn));
        }

        /** The gradients of the loss, the batch mean of {@link #error}(x, x̃), into net.grads. */
        void gradients(INDArray x, INDArray xNoisy) {
            net.backward(0, DenseNet.bernoulliNllGradient(x, net.forward(0, xNoisy)), false);
        }
    }
}
