package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Layers.Pool}'s max pooling, written in Java, gives libnd4j's maxpool2d and maxpool2d_bp bit for bit, ties and odd sizes included. */
class PoolTest {
    private static final int[] ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};

    /**
     * Values rounded to {0, 0.5, 1, …} so that most windows hold ties (as MNIST's constant background does): the gradient
     * must go to one value of each window, the first largest, as libnd4j's kernel sends it. 7 × 6 maps: VALID drops the last row.
     */
    @Test
    void maxPoolingIsLibnd4jsWithTies() {
        for (long[] shape : new long[][] {{3, 2, 7, 6}, {2, 3, 8, 8}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(4).castTo(DataType.INT32).castTo(DataType.FLOAT).divi(2);
            INDArray dy = Nd4j.rand(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2).addi(1);
            INDArray out = Nd4j.create(DataType.FLOAT, dy.shape()), dx = x.ulike();
            Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(out).addIntegerArguments(ARGS).build());
            Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy).addOutputs(dx).addIntegerArguments(ARGS).build());
            Layers.Pool pool = new Layers.Pool(true, new OpProfile(), false);
            assertEquals(out, pool.forward(x));
            INDArray ours = pool.backward(dy);
            assertEquals(dx, ours);
            assertEquals(dy.sumNumber().doubleValue(), ours.sumNumber().doubleValue(), 1e-4); // one value per window gets ∂L/∂y
        }
    }
}
