package oneclass.hrn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;

/**
 * A fully connected layer z = x·Wᵀ (+ b), optionally split into {@code groups} independent blocks:
 * input block k (a contiguous slice of the input) feeds only output block k. HRN's CIFAR-10 model uses
 * three groups for its first layer, one per colour plane: "3*[1024-300]" (HRN Sec. 4.2, footnote 12).
 *
 * <p>Shapes: x [B, in], W_k [out/groups, in/groups], z [B, out]. All three products a layer needs are
 * here: {@link #forward} (x·Wᵀ), {@link #backInput} (dz·W) and {@link #accumulate} (dW += α·dzᵀ·x).
 */
final class Linear {
    final int in, out, groups;
    final INDArray[] w, dw; // per group [outG, inG]
    final INDArray b, db;   // [1, out] or null when the layer has no bias

    /** Takes its parameters (and gradients) as views of {@code flat}, initialized uniform in ±initBound. */
    Linear(int in, int out, int groups, boolean bias, double initBound, SplittableRandom rng, FlatParameters flat) {
        if (in % groups != 0 || out % groups != 0)
            throw new IllegalArgumentException("in=" + in + " and out=" + out + " must divide by groups=" + groups);
        this.in = in; this.out = out; this.groups = groups;
        w = new INDArray[groups]; dw = new INDArray[groups];
        for (int k = 0; k < groups; k++) {
            INDArray[] p = flat.take(out / groups, in / groups);
            w[k] = uniform(p[0], initBound, rng);
            dw[k] = p[1];
        }
        INDArray[] pb = bias ? flat.take(1, out) : null;
        b = bias ? uniform(pb[0], initBound, rng) : null;
        db = bias ? pb[1] : null;
    }

    static long parameterCount(int in, int out, int groups, boolean bias) {
        return (long) in * out / groups + (bias ? out : 0);
    }

    private static INDArray uniform(INDArray target, double bound, SplittableRandom rng) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound); // same draws in float and double
        return target.assign(Nd4j.create(v, target.shape(), DataType.DOUBLE).castTo(target.dataType()));
    }

    private INDArray inSlice(INDArray x, int k) {
        return groups == 1 ? x : x.get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * in / groups, (long) (k + 1) * in / groups));
    }

    private INDArray outSlice(INDArray z, int k) {
        return groups == 1 ? z : z.get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * out / groups, (long) (k + 1) * out / groups));
    }

    /** z = x·Wᵀ, plus b when {@code withBias} and the layer has one. */
    INDArray forward(INDArray x, boolean withBias) {
        INDArray z;
        if (groups == 1) {
            z = product(x, w[0], true);
        } else {
            INDArray[] parts = new INDArray[groups];
            for (int k = 0; k < groups; k++) parts[k] = product(inSlice(x, k).dup(), w[k], true);
            z = Nd4j.hstack(parts);
        }
        if (withBias && b != null) z.addiRowVector(b);
        return z;
    }

    /** dx = dz·W: the gradient with respect to the layer's input. */
    INDArray backInput(INDArray dz) {
        if (groups == 1) return product(dz, w[0], false);
        INDArray[] parts = new INDArray[groups];
        for (int k = 0; k < groups; k++) parts[k] = product(outSlice(dz, k).dup(), w[k], false);
        return Nd4j.hstack(parts);
    }

    /**
     * a·Bᵀ or a·B into a fresh c-order array. Why not {@code a.mmul(b)}: at these sizes ND4J's mmul
     * spends several times the multiplication's own cost on choosing and allocating its result.
     */
    private static INDArray product(INDArray a, INDArray b, boolean transposeB) {
        INDArray c = Nd4j.createUninitialized(a.dataType(), a.rows(), transposeB ? b.rows() : b.columns());
        return Nd4j.gemm(a, b, c, false, transposeB, 1.0, 0.0);
    }

    /** dW += α·dzᵀ·x, and db += α·Σ_rows dz when {@code withBias}. */
    void accumulate(INDArray x, INDArray dz, double alpha, boolean withBias) {
        for (int k = 0; k < groups; k++) {
            INDArray dzk = outSlice(dz, k), xk = inSlice(x, k);
            if (groups > 1) { dzk = dzk.dup(); xk = xk.dup(); }
            Nd4j.gemm(dzk, xk, dw[k], true, false, alpha, 1.0);
        }
        if (withBias && db != null) db.addi(dz.sum(0).reshape(1, out).muli(alpha));
    }

}
