package oneclass.ics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Layers.Act} computes what libnd4j's relu, relu_bp, lrelu and lrelu_bp ops compute, bit for bit, on
 * inputs with exact zeros (the subgradient at 0: 0 for ReLU, 1 for LeakyReLU) and in float and double.
 */
class ActTest {
    @Test
    void activationsEqualLibnd4jsOps() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE})
            for (double leak : new double[] {0, 0.2}) {
                INDArray x = Nd4j.createFromArray(-1.5, -0.25, 0, 0, 0.25, 3).castTo(t).reshape(1, 6), dy = Nd4j.createFromArray(2, -3, 5, -7, 11, 13).castTo(t).reshape(1, 6);
                Layers.Act act = new Layers.Act(leak);
                Layers.Layer l = new Layers.Pool(true, new OpProfile(), false);
                INDArray out = x.ulike(), dx = x.ulike(), refOut = x.ulike(), refDx = x.ulike();
                act.forward(l, x, out);
                act.backward(l, x, dy, dx);
                Nd4j.exec(DynamicCustomOp.builder(leak > 0 ? "lrelu" : "relu").addInputs(x).addOutputs(refOut).addFloatingPointArguments(leak).build());
                Nd4j.exec(DynamicCustomOp.builder(leak > 0 ? "lrelu_bp" : "relu_bp").addInputs(x, dy).addOutputs(refDx).addFloatingPointArguments(leak).build());
                assertEquals(refOut, out, t + " leak " + leak);
                assertEquals(refDx, dx, t + " leak " + leak);
                assertEquals(leak > 0 ? 5.0 : 0.0, dx.getDouble(2), 0.0, "the subgradient at 0");
            }
    }
}
