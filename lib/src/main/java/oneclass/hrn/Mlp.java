package oneclass.hrn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HRN's model f(·): an MLP with ReLU or Leaky-ReLU hidden units and one linear output unit (HRN Eq. 2),
 * together with the one-class loss's gradients (Eq. 3), written by hand.
 *
 * <p>Why by hand: the H-regularizer needs the gradient of a function of ∇ₓf(x), a second derivative,
 * which SameDiff does not do. For a piecewise-linear activation the slopes M_l = σ'(z_l) are constant
 * almost everywhere, so ∇ₓf(x) is the linear chain
 * <pre>
 *   u_{L-1} = M_{L-1} ⊙ w_L,   r_l = u_l·W_l,   u_{l-1} = M_{l-1} ⊙ r_l,   g = ∇ₓf(x) = r_1
 * </pre>
 * and differentiating the penalty P(g) back through that chain (masks held fixed) gives
 * <pre>
 *   ∂P/∂W_l += u_lᵀ·dr_l,   dr_{l+1} = (dr_l·W_lᵀ) ⊙ M_l,   ∂P/∂w_L += Σ_b dr_L
 * </pre>
 * with dr_1 = ∂P/∂g. The data term's backward pass reuses the same u_l: ∂f/∂z_l = u_l, so
 * ∂ℓ/∂W_l = (ℓ'(f) ⊙ u_l)ᵀ·h_{l-1}. Biases do not enter ∇ₓf, so they only get the data term's gradient.
 * Both are checked against finite differences in the tests.
 */
public final class Mlp {
    private final Architecture arch;
    private final double slope;   // σ(z) = z for z > 0, slope·z otherwise: 0 = ReLU, 0.01 = the code's LeakyReLU
    private final Linear[] layers; // hidden layers, then the output layer
    private final FlatParameters params;

    /**
     * @param initBound weights (and biases) uniform in ±initBound; {@code null} = PyTorch's nn.Linear default
     *                  U(±1/√fan_in), fan_in being the width of the layer's input block
     */
    public Mlp(Architecture arch, double negativeSlope, boolean bias, Double initBound, long seed) {
        this(arch, negativeSlope, bias, initBound, seed, DataType.FLOAT);
    }

    /** As above, in the given precision (the gradient checks run in double). */
    Mlp(Architecture arch, double negativeSlope, boolean bias, Double initBound, long seed, DataType dtype) {
        this.arch = arch;
        this.slope = negativeSlope;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] h = arch.hidden();
        layers = new Linear[h.length + 1];
        int[] widths = new int[h.length + 2];
        widths[0] = arch.inputDim();
        System.arraycopy(h, 0, widths, 1, h.length);
        widths[h.length + 1] = 1;
        long count = 0;
        for (int l = 0; l <= h.length; l++)
            count += Linear.parameterCount(widths[l], widths[l + 1], l == 0 ? arch.inputGroups() : 1, bias);
        params = new FlatParameters(count, dtype);
        for (int l = 0; l <= h.length; l++) {
            int g = l == 0 ? arch.inputGroups() : 1;
            double bound = initBound != null ? initBound : 1 / Math.sqrt((double) widths[l] / g);
            layers[l] = new Linear(widths[l], widths[l + 1], g, bias, bound, rng, params);
        }
    }

    public Architecture architecture() { return arch; }

    public long parameterCount() { return params.theta.length(); }

    /** θ and ∂L/∂θ as flat vectors [1, P], for the optimiser. */
    FlatParameters flat() { return params; }

    /** Parameters and their gradients, pairwise, for the optimiser. */
    List<INDArray[]> parametersAndGradients() {
        List<INDArray[]> p = new ArrayList<>();
        for (Linear l : layers) {
            for (int k = 0; k < l.groups; k++) p.add(new INDArray[] {l.w[k], l.dw[k]});
            if (l.b != null) p.add(new INDArray[] {l.b, l.db});
        }
        return p;
    }

    private Linear output() { return layers[layers.length - 1]; }

    /** The hidden layers, then the output layer (for {@link FusedStep}). */
    Linear[] layers() { return layers; }

    double negativeSlope() { return slope; }

    /** The forward pass: inputs of every layer (hs[0] = x) and the slope masks M_l of the hidden layers. */
    private record Forward(INDArray[] hs, INDArray[] masks, INDArray f) {}

    private Forward forward(INDArray x) {
        int hidden = layers.length - 1;
        INDArray[] hs = new INDArray[hidden + 1], masks = new INDArray[hidden];
        hs[0] = x;
        for (int l = 0; l < hidden; l++) {
            INDArray z = layers[l].forward(hs[l], true);
            masks[l] = Transforms.step(z);                             // M = σ'(z) ∈ {slope, 1}
            if (slope != 0) masks[l].muli(1 - slope).addi(slope);
            hs[l + 1] = z.muli(masks[l]);                              // σ(z) = z·σ'(z) for piecewise-linear σ
        }
        return new Forward(hs, masks, output().forward(hs[hidden], true));
    }

    /** u_l = ∂f/∂z_l for every hidden layer (see the class comment). */
    private INDArray[] logitGradients(Forward fw) {
        int hidden = layers.length - 1;
        INDArray[] u = new INDArray[hidden];
        u[hidden - 1] = fw.masks[hidden - 1].mulRowVector(output().w[0]);
        for (int l = hidden - 1; l > 0; l--) u[l - 1] = layers[l].backInput(u[l]).muli(fw.masks[l - 1]);
        return u;
    }

    static INDArray column(double[] v, DataType dtype) {
        if (dtype == DataType.DOUBLE) return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Nd4j.create(f, new long[] {v.length, 1}, DataType.FLOAT);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    /** The scores f(x) for the rows of x [N, D], computed in chunks. */
    public double[] score(INDArray x) {
        double[] out = new double[(int) x.rows()];
        for (int start = 0; start < out.length; start += 2048) {
            int end = Math.min(out.length, start + 2048);
            INDArray f = forward(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())).f;
            double[] v = f.data().asDouble();
            System.arraycopy(v, 0, out, start, v.length);
        }
        return out;
    }

    /** ∇ₓf(x) [B, D] for a batch x [B, D]. */
    public INDArray inputGradient(INDArray x) {
        return layers[0].backInput(logitGradients(forward(x))[0]);
    }

    /** E‖∇ₓf(x)‖₂ over the rows of x: the paper's measure of how sensitive f is to its input (Sec. 4.3). */
    public double meanInputGradientNorm(INDArray x) {
        double sum = 0;
        long n = x.rows();
        for (long start = 0; start < n; start += 2048) {
            INDArray g = inputGradient(x.get(NDArrayIndex.interval(start, Math.min(n, start + 2048)), NDArrayIndex.all()));
            sum += g.norm2(1).sumNumber().doubleValue();
        }
        return sum / n;
    }

    /**
     * The one-class loss of Eq. (3) ({@link OneClassLoss}) on the batch x [B, D] and its gradients, left in the layers'
     * gradient buffers: mean ℓ(f(x)) + (H-regularizer, if given) + l2·‖θ‖² (all parameters, for HRN-L2).
     */
    public double lossAndGradients(INDArray x, OneClassLoss loss) {
        params.grad.assign(0);
        int batch = (int) x.rows(), hidden = layers.length - 1;
        Forward fw = forward(x);
        INDArray[] u = logitGradients(fw);

        double[] df = new double[batch];
        double value = loss.meanDataTerm(fw.f.data().asDouble(), df);
        INDArray dfCol = column(df, x.dataType());

        // H-regularizer: penalty and ∂P/∂g for g = ∇ₓf(x) = u_1·W_1.
        INDArray dr = null;
        if (loss.hRegularized()) {
            HRegularizer.Result p = loss.hreg().apply(layers[0].backInput(u[0]));
            value += p.value();
            dr = p.dg();
        }
        // Hidden layers: ∂L/∂W_l = u_lᵀ·(ℓ'(f) ⊙ h_{l-1}) + u_lᵀ·dr_l = u_lᵀ·(ℓ'(f) ⊙ h_{l-1} + dr_l), one product.
        for (int l = 0; l < hidden; l++) {
            INDArray a = fw.hs[l].mulColumnVector(dfCol);
            if (dr != null) a.addi(dr);
            layers[l].accumulate(a, u[l], 1, false);
            if (layers[l].b != null) Nd4j.gemm(dfCol, u[l], layers[l].db, true, false, 1.0, 1.0); // ∂ℓ/∂b_l = ℓ'ᵀ·u_l
            if (dr != null) dr = layers[l].forward(dr, false).muli(fw.masks[l]);  // dr_{l+1} = (dr_l·W_lᵀ) ⊙ M_l
        }
        // Output layer: ∂L/∂w_L = ℓ'(f)ᵀ·h_{L-1} + Σ_b dr_L, ∂L/∂b_L = Σ_b ℓ'(f).
        output().accumulate(fw.hs[hidden], dfCol, 1, false);
        if (output().b != null) output().db.addi(sum(df));
        if (dr != null) output().dw[0].addi(dr.sum(0).reshape(1, dr.columns()));

        double l2 = loss.l2();
        if (l2 > 0) { // l2·‖θ‖² over every parameter, biases included, as PyTorch's weight decay does by default
            value += l2 * params.theta.mul(params.theta).sumNumber().doubleValue();
            params.grad.addi(params.theta.mul(2 * l2));
        }
        return value;
    }
}
