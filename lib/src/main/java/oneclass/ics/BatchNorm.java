package oneclass.ics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization without affine parameters (Ioffe and Szegedy 2015, Alg. 1 with γ = 1, β = 0; PyTorch's
 * {@code BatchNorm2d(affine=False)}), as a layer of {@link Layers}, NCHW, per channel; then the activation. On a
 * [B, D] input it is {@code BatchNorm1d(affine=False)}: per feature, over the batch.
 * <pre>
 *   training:   x̂ = (x − μ_B) / √(σ²_B + ε),   μ_B, σ²_B the batch's mean and biased variance over (n, h, w), or (n)
 *   evaluation: x̂ = (x − μ_r) / √(σ²_r + ε),   the running statistics
 *   backward (training): ∂L/∂x = (1/√(σ²_B + ε)) · (∂L/∂x̂ − mean(∂L/∂x̂) − x̂ · mean(∂L/∂x̂ ⊙ x̂))
 * </pre>
 * In training mode each forward pass moves the running statistics towards the batch's, μ_r ← (1 − m)·μ_r + m·μ_B and
 * σ²_r ← (1 − m)·σ²_r + m·σ²_B·M/(M − 1) with the unbiased variance (M values per channel), as PyTorch does. The running
 * statistics are arrays owned by the caller, updated in place, so that several networks (Deep SVDD's autoencoder and
 * its φ) share them.
 */
final class BatchNorm extends Layers.Layer {
    private final INDArray runningMean, runningVar; // [C]
    private final double eps, momentum;
    private final boolean train;
    private final Layers.Act act;
    private INDArray xhat, invStd, dx;

    BatchNorm(INDArray runningMean, INDArray runningVar, double eps, double momentum, boolean train, Layers.Act act, OpProfile profile) {
        super(profile, false);
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.eps = eps;
        this.momentum = momentum;
        this.train = train;
        this.act = act;
    }

    /** The axes a channel's statistics run over: (n, h, w) of NCHW, (n) of [B, D]. */
    private static int[] over(INDArray x) { return x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0}; }

    @Override INDArray forward(INDArray x) {
        in = x;
        int[] over = over(x);
        xhat = Layers.like(xhat, x.dataType(), x.shape());
        profile.time("batchnorm", () -> {
            if (train) {
                long m = x.length() / x.size(1);
                INDArray mean = x.mean(over);                                      // μ_B [C]
                Nd4j.exec(new BroadcastSubOp(x, mean, xhat, 1));                   // x − μ_B
                INDArray var = xhat.norm2(over);
                var.muli(var).divi(m);                                              // σ²_B = Σ (x − μ_B)² / M
                invStd = Transforms.pow(var.add(eps), -0.5, false);
                runningMean.muli(1 - momentum).addi(mean.muli(momentum));
                runningVar.muli(1 - momentum).addi(var.muli(momentum * m / (m - 1)));
            } else {
                Nd4j.exec(new BroadcastSubOp(x, runningMean, xhat, 1));
                invStd = Transforms.pow(runningVar.add(eps), -0.5, false);
            }
            Nd4j.exec(new BroadcastMulOp(xhat, invStd, xhat, 1));
        });
        return activate(act, xhat);
    }

    @Override INDArray backward(INDArray dy) {
        if (!train) throw new IllegalStateException("batch normalization in evaluation mode has no backward pass here");
        INDArray d = deactivate(act, xhat, dy);
        dx = Layers.like(dx, d.dataType(), d.shape());
        int[] over = over(d);
        profile.time("batchnorm_bp", () -> {
            INDArray meanD = d.mean(over);                         // mean(∂L/∂x̂) [C]
            Nd4j.exec(new MulOp(d, xhat, dx));
            INDArray meanDx = dx.mean(over);                          // mean(∂L/∂x̂ ⊙ x̂) [C]
            Nd4j.exec(new BroadcastMulOp(xhat, meanDx, dx, 1));
            Nd4j.exec(new SubOp(d, dx, dx));
            Nd4j.exec(new BroadcastSubOp(dx, meanD, dx, 1));
            Nd4j.exec(new BroadcastMulOp(dx, invStd, dx, 1));
        });
        return dx;
    }
}
