package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Deep SVDD's networks on {@link Layers}: no bias anywhere, φ and the losses by hand, batch normalization's statistics
 * and its backward pass, and every gradient of both phases (padded bias-free convolutions, batch normalization,
 * upsampling, the bias-free dense layer) against central differences in double.
 */
class DeepSvddNetTest {
    static final int D = 28 * 28;

    static INDArray randomImages(int b, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[b * D];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble();
        return Nd4j.create(v, new long[] {b, 1, 28, 28}, 'c').castTo(type);
    }

    /** The trainable values are exactly the kernels: 8·25 + 4·8·25 + 196·32 = 7,272 for φ, + 2·4·25 + 4·8·25 + 8·25 = 1,200 for the decoder. */
    @Test
    void theNetworksHaveNoBiasParameters() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(1));
        assertEquals(7272 + 1200, net.autoencoder(new SplittableRandom(2), new Adam(1e-4), 0).params().theta().length());
        assertEquals(7272, net.svdd(new double[32], new Adam(1e-4), 0).params().theta().length());
    }

    /**
     * The MNIST decoder's transposed convolutions start as PyTorch's ConvTranspose2d does: U(±1/√fan_in) with fan_in from
     * the weight's second axis, the output channels, 4·25, 8·25 and 1·25, so bounds 0.1, 0.0707 and 0.2. Counting the
     * input channels instead (the bug fixed 2026-12-04) gives 0.1414, 0.1 and 0.0707: each kernel's largest |w| tells them apart.
     */
    @Test
    void theMnistDecoderStartsFromTransposedConvolutionFanIn() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(1));
        INDArray theta = net.autoencoder(new SplittableRandom(2), new Adam(1e-4), 0).params().theta();
        long[] from = {7272, 7272 + 200, 7272 + 1000, 7272 + 1200};
        double[] bound = {1 / Math.sqrt(100), 1 / Math.sqrt(200), 1 / Math.sqrt(25)};
        for (int i = 0; i < 3; i++) {
            double max = theta.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from[i], from[i + 1])).amaxNumber().doubleValue();
            assertTrue(max <= bound[i] && max > 0.95 * bound[i], "decoder kernel " + (i + 1) + ": largest |w| " + max + ", bound " + bound[i]);
        }
    }

    /**
     * What having no bias means for φ in evaluation mode with fresh BN statistics (mean 0, variance 1, so BN is x/√(1 + ε)):
     * φ is positively homogeneous, φ(0) = 0 and φ(2x) = 2φ(x) (leaky ReLU, max-pooling and the linear maps all commute
     * with a positive scale). One bias anywhere would break both.
     */
    @Test
    void phiWithoutBiasIsPositivelyHomogeneous() {
        for (DeepSvddNet.Lenet lenet : DeepSvddNet.Lenet.values()) {
            DeepSvddNet net = new DeepSvddNet(lenet, new SplittableRandom(3));
            SplittableRandom rng = new SplittableRandom(4);
            int d = lenet.features();
            float[] x = new float[2 * d], x2 = new float[2 * d], zero = new float[d];
            for (int i = 0; i < x.length; i++) { x[i] = (float) rng.nextDouble(); x2[i] = 2 * x[i]; }
            double[][] p = net.phi(x, 2), p2 = net.phi(x2, 2), p0 = net.phi(zero, 1);
            assertEquals(lenet.rep, p[0].length);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < lenet.rep; j++) assertEquals(2 * p[i][j], p2[i][j], 1e-5 * (1 + Math.abs(p[i][j])), lenet + " φ" + j);
            assertArrayEquals(new double[lenet.rep], p0[0], 0);
            assertNotEquals(0, p[0][0]);
        }
    }

    /**
     * The CIFAR-10 LeNet's kernels: φ 3·32·25 + 32·64·25 + 64·128·25 + 2048·128 = 520,544; its decoder 8·128·25 +
     * 128·64·25 + 64·32·25 + 32·3·25 = 284,000 (Ruff et al.'s CIFAR10_LeNet and its autoencoder, all bias=False).
     */
    @Test
    void theCifarNetworksHaveNoBiasParameters() {
        DeepSvddNet net = new DeepSvddNet(DeepSvddNet.Lenet.CIFAR10, new SplittableRandom(1));
        assertEquals(520_544 + 284_000, net.autoencoder(new SplittableRandom(2), new Adam(1e-4), 0).params().theta().length());
        assertEquals(520_544, net.svdd(new double[128], new Adam(1e-4), 0).params().theta().length());
        // the autoencoder's convolutions: Glorot-uniform with the leaky ReLU gain, conv1's bound 1.41414·√(6 / (75 + 800)) = 0.1171
        double max = net.weights[0].amaxNumber().doubleValue();
        assertTrue(max < 0.1171 && max > 0.11, "conv1's largest |w| " + max);
    }

    /**
     * The gradients of the CIFAR-10 autoencoder (BN of the code, the view, four convolutions) and its Deep SVDD phase, 4 images,
     * double (with 2, BN of the code maps each feature to about ±1, so curved that central differences missed by 5e-5).
     */
    @Test
    void cifarGradientsMatchFiniteDifferences() {
        DeepSvddNet net = new DeepSvddNet(DeepSvddNet.Lenet.CIFAR10, new SplittableRandom(5), DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(9);
        double[] v = new double[4 * 3072];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble();
        INDArray x = Nd4j.create(v, new long[] {4, 3, 32, 32}, 'c');
        DeepSvddNet.Phase ae = net.autoencoder(new SplittableRandom(6), new Adam(1e-4), 0);
        // every 2,399th value: fewer than the smallest kernel's 2,400 values, so each of the eight kernels is reached. The loss is
        // about 400 (3,072 squared errors an image), and central differences with ε = 1e-6 carry up to about 2e-6 of its rounding
        // (probed: they drift further from the gradient as ε falls to 1e-7, so it is rounding, not the gradient)
        assertEquals(804_544 / 2399 + 1, FiniteDifferences.check(ae.params(), () -> ae.loss(x, true), () -> ae.loss(x, false), 5e-6, 2399));
        // a fresh φ towards a centre away from it; its loss is about 58, so central differences carry about 5e-8 of rounding
        DeepSvddNet fresh = new DeepSvddNet(DeepSvddNet.Lenet.CIFAR10, new SplittableRandom(5), DataType.DOUBLE);
        double[] c = new double[128];
        for (int j = 0; j < c.length; j++) c[j] = 0.1 * (j % 5) - 0.2;
        DeepSvddNet.Phase svdd = fresh.svdd(c, new Adam(1e-4), 0);
        assertEquals(520_544 / 2399 + 1, FiniteDifferences.check(svdd.params(), () -> svdd.loss(x, true), () -> svdd.loss(x, false), 2e-7, 2399));
    }

    /**
     * φ by hand: conv1's filter 0 and conv2's filter 0 a centred δ (the rest 0), fc picks channel 0 at (0, 0). In
     * evaluation mode with fresh statistics each BN divides by √(1 + 1e-4), pixels are ≥ 0 so leaky ReLU passes
     * them, and the two max-pools take the maximum over the top-left 4 × 4 block: φ₀ = max(x[0..3, 0..3]) / (1 + 1e-4),
     * the other 31 coordinates 0.
     */
    @Test
    void phiByHand() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(1));
        for (INDArray w : net.weights) w.assign(0);
        net.weights[0].putScalar(new long[] {2, 2, 0, 0}, 1);  // [kH, kW, iC, oC]
        net.weights[1].putScalar(new long[] {2, 2, 0, 0}, 1);
        net.weights[2].putScalar(new long[] {0, 0}, 1);        // flat index 0 = channel 0, row 0, column 0
        float[] x = new float[D];
        x[3 * 28 + 2] = 0.8f;   // inside the top-left 4×4 block
        x[4 * 28 + 4] = 0.9f;   // outside it
        x[0] = 0.3f;
        double[] phi = net.phi(x, 1)[0];
        assertEquals(0.8 / (1 + 1e-4), phi[0], 1e-6);
        for (int j = 1; j < DeepSvddNet.REP; j++) assertEquals(0, phi[j], 0);
    }

    /**
     * The training losses with every weight 0: φ = 0, so the Deep SVDD loss is the batch mean of ‖0 − c‖² = ‖c‖²
     * = 1 + 4 = 5 for c = (1, 2, 0, …) whatever the images; the autoencoder reconstructs σ(0) = 0.5 everywhere, so an
     * all-zero image costs 784 · 0.25 = 196 and one with 392 pixels at 1 and 392 at 0.5 costs 392 · 0.25 = 98: loss 147.
     */
    @Test
    void lossesByHand() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(1));
        DeepSvddNet.Phase ae = net.autoencoder(new SplittableRandom(2), new Adam(1e-4), 0);
        ae.params().theta().assign(0);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28);
        for (int i = 0; i < D; i++) y.putScalar(D + i, i < D / 2 ? 1 : 0.5);
        assertEquals(147, ae.loss(y, false), 1e-4);
        double[] c = new double[DeepSvddNet.REP];
        c[0] = 1;
        c[1] = 2;
        DeepSvddNet.Phase svdd = net.svdd(c, new Adam(1e-4), 0);
        assertEquals(5, svdd.loss(randomImages(3, 5, DataType.FLOAT), false), 1e-6);
    }

    /**
     * Batch normalization in training mode (double), then leaky ReLU 0.01: before the activation each channel has mean 0
     * and variance σ²/(σ² + 1e-4); the backward pass of Σ out ⊙ w against central differences in every input value.
     */
    @Test
    void batchNormForwardAndGradient() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] v = new double[3 * 4 * 5 * 5], w = new double[v.length];
        for (int i = 0; i < v.length; i++) { v[i] = 2 * rng.nextGaussian() + 1; w[i] = rng.nextGaussian(); }
        INDArray x = Nd4j.create(v, new long[] {3, 4, 5, 5}, 'c'), wt = Nd4j.create(w, new long[] {3, 4, 5, 5}, 'c');
        BatchNorm plain = new BatchNorm(Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.ones(DataType.DOUBLE, 4), 1e-4, 0.1, true, null, new OpProfile());
        INDArray o = plain.forward(x);
        for (int ch = 0; ch < 4; ch++) {
            double var = populationVariance(x.get(NDArrayIndex.all(), NDArrayIndex.point(ch)));
            INDArray oc = o.get(NDArrayIndex.all(), NDArrayIndex.point(ch));
            assertEquals(0, oc.meanNumber().doubleValue(), 1e-12);
            assertEquals(var / (var + 1e-4), populationVariance(oc), 1e-9);
        }
        BatchNorm bn = new BatchNorm(Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.ones(DataType.DOUBLE, 4), 1e-4, 0.1, true, new Layers.Act(0.01), new OpProfile());
        bn.forward(x);
        INDArray g = bn.backward(wt).dup();
        for (int k = 0; k < x.length(); k++) {
            double orig = x.getDouble(k), h = 1e-6;
            x.putScalar(k, orig + h);
            double up = bn.forward(x).mul(wt).sumNumber().doubleValue();
            x.putScalar(k, orig - h);
            double down = bn.forward(x).mul(wt).sumNumber().doubleValue();
            x.putScalar(k, orig);
            assertEquals((up - down) / (2 * h), g.getDouble(k), 1e-6, "x[" + k + "]");
        }
    }

    static double populationVariance(INDArray a) {
        double[] v = a.dup().data().asDouble();
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        return java.util.Arrays.stream(v).map(t -> (t - m) * (t - m)).average().orElseThrow();
    }

    /**
     * Running statistics, PyTorch's rule with momentum 0.1 and the unbiased variance: a batch of 2 images of 2 values
     * per channel (M = 4), channel 0 {−1, 3, −1, 3} (mean 1, biased variance 4) and channel 1 all 2 (mean 2, variance 0),
     * moves the fresh (0, 1) to mean [0.1, 0.2] and variance [0.9 + 0.1·4·4/3, 0.9] = [1.433333, 0.9]. Evaluation mode then
     * uses them: (x − 0.1)/√(1.433333 + 1e-4) on channel 0.
     */
    @Test
    void runningStatisticsByHand() {
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 2), var = Nd4j.ones(DataType.FLOAT, 2);
        INDArray x = Nd4j.create(new float[] {-1, 3, 2, 2, -1, 3, 2, 2}, new long[] {2, 2, 1, 2}, 'c');
        new BatchNorm(mean, var, 1e-4, 0.1, true, null, new OpProfile()).forward(x);
        assertArrayEquals(new double[] {0.1, 0.2}, mean.dup().data().asDouble(), 1e-7);
        assertArrayEquals(new double[] {0.9 + 0.4 * 4 / 3, 0.9}, var.dup().data().asDouble(), 1e-6);
        assertEquals(1.433333, var.getDouble(0), 1e-6);
        INDArray eval = new BatchNorm(mean, var, 1e-4, 0.1, false, null, new OpProfile()).forward(x);
        assertEquals((3 - 0.1) / Math.sqrt(1.433333 + 1e-4), eval.getDouble(0, 0, 0, 1), 1e-5);
        assertEquals(0.1, mean.getDouble(0), 1e-7); // evaluation mode leaves them
    }

    /**
     * The gradients of the autoencoder phase (φ and the decoder) against central differences, double, 2 images: every
     * 29th of the 8,472 values (293, each of the six kernels reached; the full check took 2.5 minutes).
     */
    @Test
    void autoencoderGradientsMatchFiniteDifferences() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(5), DataType.DOUBLE);
        DeepSvddNet.Phase ae = net.autoencoder(new SplittableRandom(6), new Adam(1e-4), 0);
        INDArray x = randomImages(2, 7, DataType.DOUBLE);
        assertEquals(8472 / 29 + 1, FiniteDifferences.check(ae.params(), () -> ae.loss(x, true), () -> ae.loss(x, false), 1e-6, 29));
    }

    /** The gradients of the Deep SVDD phase against central differences, double, 3 images, a centre away from φ: every 23rd value (317 of 7,272). */
    @Test
    void svddGradientsMatchFiniteDifferences() {
        DeepSvddNet net = new DeepSvddNet(new SplittableRandom(5), DataType.DOUBLE);
        double[] c = new double[DeepSvddNet.REP];
        for (int j = 0; j < c.length; j++) c[j] = 0.1 * (j % 5) - 0.2;
        DeepSvddNet.Phase svdd = net.svdd(c, new Adam(1e-4), 0);
        INDArray x = randomImages(3, 8, DataType.DOUBLE);
        assertEquals(7272 / 23 + 1, FiniteDifferences.check(svdd.params(), () -> svdd.loss(x, true), () -> svdd.loss(x, false), 1e-8, 23));
    }
}
