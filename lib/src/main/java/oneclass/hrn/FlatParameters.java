package oneclass.hrn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of a model's parameters in one flat vector θ, and their gradients in another; each layer's weight
 * matrix is a view into them. Why: the optimiser and the zeroing of gradients then cost one operation
 * each instead of one per tensor, and at HRN's sizes ND4J's per-operation overhead outweighs the arithmetic.
 */
final class FlatParameters {
    final INDArray theta, grad; // [1, P]
    private long next;

    FlatParameters(long count, DataType dtype) {
        theta = Nd4j.zeros(dtype, 1, count);
        grad = Nd4j.zeros(dtype, 1, count);
    }

    /** The next rows×cols block: {parameter view, gradient view}. */
    INDArray[] take(int rows, int cols) {
        long n = (long) rows * cols;
        if (next + n > theta.length()) throw new IllegalStateException("parameter vector exhausted");
        INDArray[] pair = {view(theta, n, rows, cols), view(grad, n, rows, cols)};
        next += n;
        return pair;
    }

    private INDArray view(INDArray flat, long n, int rows, int cols) {
        INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(next, next + n)).reshape('c', rows, cols);
        if (!v.isView()) throw new IllegalStateException("ND4J copied instead of returning a view");
        return v;
    }
}
