package oneclass.ics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The trainable values of one network in one vector θ, with its gradient g beside it: each weight or bias is
 * a view of both, so that the layers write their gradients straight into g and {@link Optimizer} updates all
 * of θ with one op. Parameters are added with their initial values (in the order the run's RNG drew them),
 * then {@link #seal} lays them out.
 */
final class Params {
    /** One weight or bias: its value and gradient, views of θ and g (after {@link #seal}). */
    static final class Param {
        final long[] shape;
        final boolean decayed;
        private INDArray initial;
        INDArray value, grad;

        private Param(INDArray initial, boolean decayed) {
            this.shape = initial.shape();
            this.initial = initial;
            this.decayed = decayed;
        }
    }

    private final DataType type;
    private final List<Param> all = new ArrayList<>();
    private INDArray theta, grad;

    Params(DataType type) { this.type = type; }

    /** A parameter with these initial values; {@code decayed}: it carries the L2 term (convolution kernels). */
    Param add(INDArray initial, boolean decayed) {
        if (theta != null) throw new IllegalStateException("parameters are sealed");
        Param p = new Param(initial, decayed);
        all.add(p);
        return p;
    }

    /** Lays the parameters out in θ (in the order they were added) and g (zeros). */
    void seal() {
        long n = all.stream().mapToLong(p -> p.initial.length()).sum();
        theta = Nd4j.zeros(type, n);
        grad = Nd4j.zeros(type, n);
        long off = 0;
        for (Param p : all) {
            long len = p.initial.length();
            p.value = theta.get(NDArrayIndex.interval(off, off + len)).reshape('c', p.shape);
            p.grad = grad.get(NDArrayIndex.interval(off, off + len)).reshape('c', p.shape);
            p.value.assign(p.initial);
            p.initial = null;
            off += len;
        }
    }

    DataType type() { return type; }

    /** θ: every trainable value. */
    INDArray theta() { return theta; }

    /** g = ∂L/∂θ of the last backward pass. */
    INDArray grad() { return grad; }

    /** A new vector shaped as θ: 1 on the values of the parameters with the L2 term, 0 elsewhere. */
    INDArray decayedMask() {
        INDArray mask = Nd4j.zeros(type, theta.length());
        long off = 0;
        for (Param p : all) {
            long len = p.value.length();
            if (p.decayed) mask.get(NDArrayIndex.interval(off, off + len)).assign(1);
            off += len;
        }
        return mask;
    }
}
