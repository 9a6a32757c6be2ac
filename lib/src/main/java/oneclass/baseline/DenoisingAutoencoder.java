package oneclass.baseline;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;
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
 *       ({@link Dense#bernoulliNll}) and averaged over the batch (the post averages over the inputs too,
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

    @Override public String describe() {
        return "DAE(D-128-64-32-64-128-D relu/sigmoid, gaussian noise=" + noise + " clipped, BCE, adam lr=" + lr
                + ", batch=" + batchSize + ", epochs=" + epochs + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        Dense.requireUnitInterval(train, "DAE");
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(train[0].length, rng);
        Dense.train(m.sd, List.of("x", "xNoisy"), train.length, batchSize, epochs, lr, rng, rows -> {
            INDArray x = Dense.rows(train, rows);
            return new INDArray[] {x, corrupt(x, noise, rng)};
        });
        double[] err = Dense.perRow(m.sd, "error", test.length, 1000, rows -> {
            INDArray x = Dense.rows(test, rows);
            return Map.of("x", x, "xNoisy", x);  // scoring reconstructs the clean input
        });
        for (int i = 0; i < err.length; i++) err[i] = -err[i];
        return err;
    }

    /** x̃ = clip(x + σ·ε, 0, 1), ε ~ N(0, I) from rng. */
    static INDArray corrupt(INDArray x, double sigma, SplittableRandom rng) {
        INDArray e = Dense.gaussian((int) x.rows(), (int) x.columns(), rng);
        return Transforms.max(Transforms.min(e.muli(sigma).addi(x), 1.0, false), 0.0, false);
    }

    /** The graph: x̃ → encoder → decoder → logits; "error" = BCE(x, σ(logits)) per row [B]; "loss" = its batch mean. */
    static final class Model {
        final SameDiff sd = SameDiff.create();

        Model(int d, SplittableRandom rng) {
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, d);
            SDVariable xNoisy = sd.placeHolder("xNoisy", DataType.FLOAT, -1, d);
            SDVariable logits = Dense.stack(sd, "ae", xNoisy, new int[] {d, 128, 64, 32, 64, 128, d}, Dense.Act.RELU, Dense.Act.NONE, rng);
            SDVariable error = Dense.bernoulliNll(sd, x, logits).rename("error");
            error.mean().rename("loss");
            sd.setLossVariables("loss");
        }
    }
}
