package oneclass.ics;

import oneclass.ics.ConvStack.*;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ConvStack}'s transposed convolutions are built from a convolution (stride 1) or a 1×1 convolution
 * and depthToSpace (kernel = stride) instead of ND4J's deconv2d: both must compute what deconv2d computes,
 * with the weights mapped as the comments in {@link ConvStack#build} say, and a stack with them must have
 * the gradients of central differences.
 */
class DeconvTest {
    static final SplittableRandom RNG = new SplittableRandom(11);

    @Test
    void strideOneIsDeconv2dWithTheKernelFlipped() {
        int cin = 3, o = 2, k = 3;
        SameDiff sd = SameDiff.create();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, cin, 5, 5).subi(0.5);
        ConvStack.Built built = new ConvStack(List.of(new Deconv(o, k, 1)), 0).build(sd, "d", sd.constant(x), new long[] {-1, cin, 5, 5}, RNG);
        INDArray w = sd.getArrForVarName("d0_W"), b = Nd4j.rand(DataType.FLOAT, o);
        sd.getArrForVarName("d0_b").assign(b);
        INDArray wDeconv = Nd4j.zeros(DataType.FLOAT, k, k, o, cin); // deconv2d: [kH, kW, oC, iC]
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) for (int c = 0; c < cin; c++) for (int q = 0; q < o; q++)
            wDeconv.putScalar(new long[] {i, j, q, c}, w.getDouble(k - 1 - i, k - 1 - j, c, q));
        INDArray ours = built.out().eval();
        assertArrayEquals(new long[] {2, o, 5, 5}, ours.shape());
        assertArrayEquals(new long[] {-1, o, 5, 5}, built.shape());
        assertClose(deconv2d(x, wDeconv, b, k, 1, true), ours);
    }

    @Test
    void kernelEqualStrideIsDeconv2dOfNonOverlappingBlocks() {
        int cin = 3, o = 2, s = 2;
        SameDiff sd = SameDiff.create();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, cin, 3, 4).subi(0.5);
        ConvStack.Built built = new ConvStack(List.of(new Deconv(o, s, s)), 0).build(sd, "d", sd.constant(x), new long[] {-1, cin, 3, 4}, RNG);
        INDArray w = sd.getArrForVarName("d0_W"), b = Nd4j.rand(DataType.FLOAT, o);
        sd.getArrForVarName("d0_b").assign(b);
        INDArray wDeconv = Nd4j.zeros(DataType.FLOAT, s, s, o, cin);
        for (int a = 0; a < s; a++) for (int bb = 0; bb < s; bb++) for (int c = 0; c < cin; c++) for (int q = 0; q < o; q++)
            wDeconv.putScalar(new long[] {a, bb, q, c}, w.getDouble(0, 0, c, (a * s + bb) * o + q));
        INDArray ours = built.out().eval();
        assertArrayEquals(new long[] {2, o, 6, 8}, ours.shape());
        assertClose(deconv2d(x, wDeconv, b, s, s, false), ours);
    }

    @Test
    void otherShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Deconv(4, 3, 2));
        assertTrue(e.getMessage().contains("kernel 3, stride 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Deconv(4, 2, 1));
    }

    /** conv, pool, 1×1 conv, both transposed kinds, LeakyReLU between, MSE through a sigmoid: gradients against central differences (double). */
    @Test
    void autoencoderGradientsMatchFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant("x", Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4));
        ConvStack enc = new ConvStack(List.of(new Conv(2, 3), new Pool(true), new Conv(2, 1)), 0.2);
        ConvStack dec = new ConvStack(List.of(new Deconv(2, 2, 2), new Deconv(1, 3, 1)), 0.2);
        ConvStack.Built e = enc.build(sd, "e", x, new long[] {-1, 1, 4, 4}, RNG);
        ConvStack.Built d = dec.build(sd, "d", e.out(), e.shape(), RNG);
        sd.math().squaredDifference(sd.nn().sigmoid(d.out()), x).mean("loss");
        sd.setLossVariables("loss");
        List<String> params = new ArrayList<>(e.params());
        params.addAll(d.params());
        Map<String, DataType> toDouble = new HashMap<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) toDouble.put(v.name(), DataType.DOUBLE);
        sd.convertDataTypes(toDouble);
        for (String p : params) sd.getArrForVarName(p).addi(Nd4j.rand(DataType.DOUBLE, sd.getArrForVarName(p).shape()).subi(0.5)); // biases off 0
        int checked = FiniteDifferences.check(sd, params, 1e-8);
        // conv 3x3 1→2 (18 + 2), conv 1x1 2→2 (4 + 2), deconv 2x2/2 2→2 (1x1 to 8 channels: 16 + 2), deconv 3x3 2→1 (18 + 1)
        assertEquals(20 + 6 + 18 + 19, checked);
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
