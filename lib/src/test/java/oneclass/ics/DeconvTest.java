package oneclass.ics;

import oneclass.ics.ConvStack.*;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ConvStack}'s transposed convolutions are built from a convolution (stride 1) or a 1×1 convolution
 * and depth_to_space (kernel = stride) instead of ND4J's deconv2d: both must compute what deconv2d computes,
 * with the weights mapped as the comments in {@link ConvStack#build} say, and an autoencoder with them must
 * have the gradients of central differences.
 */
class DeconvTest {
    static final SplittableRandom RNG = new SplittableRandom(11);

    /** One transposed convolution on x with the bias b; returns {W (as the layer holds it), output}. */
    private static INDArray[] deconv(Deconv d, INDArray x, INDArray b) {
        Params p = new Params(DataType.FLOAT);
        Layers.Net net = new ConvStack(List.of(d), 0).build(p, new long[] {-1, x.size(1), x.size(2), x.size(3)}, RNG, false, true, new OpProfile());
        p.seal();
        INDArray w = p.theta().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, p.theta().length() - d.filters()));
        p.theta().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(p.theta().length() - d.filters(), p.theta().length())).assign(b);
        INDArray out = net.forward(x).dup();
        assertArrayEquals(new long[] {-1, d.filters(), out.size(2), out.size(3)}, net.shape());
        return new INDArray[] {w, out};
    }

    @Test
    void strideOneIsDeconv2dWithTheKernelFlipped() {
        int cin = 3, o = 2, k = 3;
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, cin, 5, 5).subi(0.5), b = Nd4j.rand(DataType.FLOAT, o);
        INDArray[] r = deconv(new Deconv(o, k, 1), x, b);
        INDArray w = r[0].reshape(k, k, cin, o);
        INDArray wDeconv = Nd4j.zeros(DataType.FLOAT, k, k, o, cin); // deconv2d: [kH, kW, oC, iC]
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) for (int c = 0; c < cin; c++) for (int q = 0; q < o; q++)
            wDeconv.putScalar(new long[] {i, j, q, c}, w.getDouble(k - 1 - i, k - 1 - j, c, q));
        assertArrayEquals(new long[] {2, o, 5, 5}, r[1].shape());
        assertClose(deconv2d(x, wDeconv, b, k, 1, true), r[1]);
    }

    @Test
    void kernelEqualStrideIsDeconv2dOfNonOverlappingBlocks() {
        int cin = 3, o = 2, s = 2;
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, cin, 3, 4).subi(0.5), b = Nd4j.rand(DataType.FLOAT, o);
        INDArray[] r = deconv(new Deconv(o, s, s), x, b);
        INDArray w = r[0].reshape(1, 1, cin, s * s * o);
        INDArray wDeconv = Nd4j.zeros(DataType.FLOAT, s, s, o, cin);
        for (int a = 0; a < s; a++) for (int bb = 0; bb < s; bb++) for (int c = 0; c < cin; c++) for (int q = 0; q < o; q++)
            wDeconv.putScalar(new long[] {a, bb, q, c}, w.getDouble(0, 0, c, (a * s + bb) * o + q));
        assertArrayEquals(new long[] {2, o, 6, 8}, r[1].shape());
        assertClose(deconv2d(x, wDeconv, b, s, s, false), r[1]);
    }

    @Test
    void otherShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Deconv(4, 3, 2));
        assertTrue(e.getMessage().contains("kernel 3, stride 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Deconv(4, 2, 1));
    }

    /**
     * conv, pool, 1×1 conv, both transposed kinds, LeakyReLU between, MSE through a sigmoid (the {@link Autoencoder}):
     * every gradient of the backward passes of {@link Layers} against central differences (double).
     */
    @Test
    void autoencoderGradientsMatchFiniteDifferences() {
        for (boolean max : new boolean[] {true, false}) {
            ConvStack enc = new ConvStack(List.of(new Conv(2, 3), new Pool(max), new Conv(2, 1)), 0.2);
            ConvStack dec = new ConvStack(List.of(new Deconv(2, 2, 2), new Deconv(1, 3, 1)), 0.2);
            Autoencoder ae = new Autoencoder(enc, dec, 1, 4, 0, Optimizer.Rule.rmsprop(1e-3), 5, DataType.DOUBLE);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4);
            ae.params().theta().addi(Nd4j.rand(DataType.DOUBLE, ae.params().theta().shape()).subi(0.5)); // biases off 0
            int checked = FiniteDifferences.check(ae.params(), () -> ae.loss(x, true), () -> ae.loss(x, false), 1e-8);
            // conv 3x3 1→2 (18 + 2), conv 1x1 2→2 (4 + 2), deconv 2x2/2 2→2 (1x1 to 8 channels: 16 + 2), deconv 3x3 2→1 (18 + 1)
            assertEquals(20 + 6 + 18 + 19, checked);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-5, "max |deconv2d - ours| = " + maxDiff);
    }

    private static INDArray deconv2d(INDArray x, INDArray w, INDArray b, int k, int s, boolean same) {
        SameDiff sd = SameDiff.create();
        return sd.cnn().deconv2d(sd.constant(x), sd.constant(w), sd.constant(b),
                DeConv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).isSameMode(same).dataFormat(DeConv2DConfig.NCHW).build()).eval();
    }
}
