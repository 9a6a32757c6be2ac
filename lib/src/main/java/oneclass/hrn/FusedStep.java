package oneclass.hrn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.CpuBackend;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.*;

/**
 * {@link Mlp#lossAndGradients} for HRN's usual model — float, no biases, no grouped layer, the paper's
 * per-instance H-regularizer — written against BLAS directly, on buffers allocated once.
 *
 * <p>Why: at HRN's sizes (batch 100, 784-100-1) a step's products are 16 MFLOP each, ~0.2 ms apiece, and
 * ND4J's fixed cost of ~10-30 µs per operation, paid ~25 times a step, nearly doubled the step
 * (docs/performance.md). Here every product is one {@code cblas_sgemm} from a buffer into a buffer, the
 * per-example scalings are BLAS level-1 calls on rows, and the rest — the slope masks, a few [B, width]
 * element-wise products — are plain loops.
 *
 * <p>The math is {@link Mlp}'s, in its symbols (see its class comment): h_l the layer inputs, M_l the slope
 * masks, u_l = ∂f/∂z_l, g = ∇ₓf(x) = u_0·W_0, dr_0 = ∂P/∂g, and one product per layer for
 * ∂L/∂W_l = u_lᵀ·(ℓ'(f) ⊙ h_l + dr_l). One step is regrouped: the last hidden layer's and the output layer's
 * gradients come from a single product ({@link #lastLayer}), so 784-100-1 takes three 100×784×100 products a
 * step instead of four. The tests check it against Mlp in double precision and against finite differences.
 */
final class FusedStep {
    private final int depth;            // L: hidden layers
    private final int[] width;          // n_0 = D, n_1 .. n_L the hidden widths
    private final float slope;
    private final FloatPointer x;       // training data [N, D]
    private final FloatPointer[] w, dw; // W_l [n_{l+1}, n_l] for l < L and w_L [1, n_L]: views into θ and ∂L/∂θ
    private final FloatBuffer outputWeights; // w_L, for the loop that forms u_{L-1}
    private final FloatPointer theta, grad;
    private final int paramCount;
    private final Rows[] h, mask, u, dr; // h_0..h_L, M_0..M_{L-1}, u_0..u_{L-1}, dr_0..dr_{L-1}; [B, width]
    private final Rows f, df;            // [B, 1]
    private final FloatPointer wRow, qRow; // rows of W_{L-1} and of ∂L/∂W_{L-1}, for lastLayer
    private final INDArray data;         // keeps x's memory alive

    /** A [rows, cols] row-major buffer: a pointer for BLAS and a buffer view for loops. */
    private record Rows(FloatPointer p, FloatBuffer v, int cols) {
        static Rows of(int rows, int cols) {
            FloatPointer p = new FloatPointer((long) rows * cols);
            return new Rows(p, p.asBuffer(), cols);
        }

        FloatPointer all() { return p.position(0); }

        FloatPointer row(int b) { return p.position((long) b * cols); }
    }

    /** Whether this path computes what {@link Mlp#lossAndGradients} would for {@code c} on {@code x}. */
    static boolean supports(HrnConfig c, INDArray x) {
        return Nd4j.getBackend() instanceof CpuBackend && x.dataType() == DataType.FLOAT && !c.bias()
                && c.architecture().inputGroups() == 1 && (c.hreg() == null || c.hreg().perPixelChannels() == 0);
    }

    /**
     * @param model      a float model without biases or groups; its parameters are read and its gradients written in place
     * @param x          the training data [N, D]; batches are row indices into it
     * @param batchSize  the largest batch
     */
    FusedStep(Mlp model, INDArray x, int batchSize) {
        Linear[] layers = model.layers();
        for (Linear l : layers)
            if (l.b != null || l.groups != 1) throw new IllegalArgumentException("the fused step needs layers without biases and groups");
        depth = layers.length - 1;
        width = new int[depth + 1];
        for (int l = 0; l <= depth; l++) width[l] = layers[l].in;
        slope = (float) model.negativeSlope();
        data = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
        if (data.dataType() != DataType.FLOAT || data.columns() != width[0])
            throw new IllegalArgumentException("x must be float [N, " + width[0] + "], got " + data.dataType() + " " + data.shapeInfoToString());
        this.x = pointer(data);
        FlatParameters params = model.flat();
        theta = pointer(params.theta);
        grad = pointer(params.grad);
        paramCount = (int) params.theta.length();
        w = new FloatPointer[depth + 1];
        dw = new FloatPointer[depth + 1];
        for (int l = 0; l <= depth; l++) {
            w[l] = pointer(layers[l].w[0]);
            dw[l] = pointer(layers[l].dw[0]);
        }
        outputWeights = new FloatPointer(w[depth]).limit(w[depth].position() + width[depth]).asBuffer();
        h = new Rows[depth + 1];
        dr = new Rows[depth];
        mask = new Rows[depth];
        u = new Rows[depth];
        for (int l = 0; l <= depth; l++) h[l] = Rows.of(batchSize, width[l]);
        for (int l = 0; l < depth; l++) {
            dr[l] = Rows.of(batchSize, width[l]);
            mask[l] = Rows.of(batchSize, width[l + 1]);
            u[l] = Rows.of(batchSize, width[l + 1]);
        }
        f = Rows.of(batchSize, 1);
        df = Rows.of(batchSize, 1);
        wRow = new FloatPointer(w[depth - 1]);
        qRow = new FloatPointer(dw[depth - 1]);
    }

    /**
     * A pointer at the first element of {@code a}, its own object since positions are moved per call. A view's
     * data buffer already starts at the view's first element (ND4J 1.0.0-M2.1), so its offset is not added.
     */
    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    /** The one-class loss (Eq. 3) on rows {@code rows} of x; ∂L/∂θ is left in the model's gradient vector. */
    double lossAndGradients(int[] rows, OneClassLoss oneClassLoss) {
        int batch = rows.length, d = width[0];
        for (int b = 0; b < batch; b++) cblas_scopy(d, x.position((long) rows[b] * d), 1, h[0].row(b), 1); // h_0 = x[rows]

        // Forward: z_l = h_l·W_lᵀ, M_l = σ'(z_l) ∈ {slope, 1}, h_{l+1} = z_l ⊙ M_l; f = h_L·w_Lᵀ.
        for (int l = 0; l < depth; l++) {
            product(batch, width[l + 1], width[l], h[l].all(), false, w[l], true, h[l + 1].all());
            FloatBuffer z = h[l + 1].v, m = mask[l].v;
            for (int i = 0, n = batch * width[l + 1]; i < n; i++) {
                float mi = z.get(i) > 0 ? 1 : slope;
                m.put(i, mi);
                z.put(i, z.get(i) * mi);
            }
        }
        cblas_sgemv(CblasRowMajor, CblasNoTrans, batch, width[depth], 1, h[depth].all(), width[depth], w[depth], 1, 0, f.all(), 1);

        // Data term: mean ℓ(f) and ℓ'(f)/B per example.
        double[] fv = new double[batch], dfv = new double[batch];
        for (int b = 0; b < batch; b++) fv[b] = f.v.get(b);
        double loss = oneClassLoss.meanDataTerm(fv, dfv);
        for (int b = 0; b < batch; b++) df.v.put(b, (float) dfv[b]);

        // u_{L-1} = M_{L-1} ⊙ w_L,  u_{l-1} = (u_l·W_l) ⊙ M_{l-1}.
        int top = width[depth];
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < top; j++) u[depth - 1].v.put(b * top + j, mask[depth - 1].v.get(b * top + j) * outputWeights.get(j));
        for (int l = depth - 1; l > 0; l--) {
            product(batch, width[l], width[l + 1], u[l].all(), false, w[l], false, u[l - 1].all());
            multiply(u[l - 1], mask[l - 1], batch);
        }

        // H-regularizer: g = u_0·W_0 into dr_0, then dr_0 = ∂P/∂g = coef_b·g_b row by row.
        boolean penalized = oneClassLoss.hRegularized();
        if (penalized) {
            product(batch, d, width[1], u[0].all(), false, w[0], false, dr[0].all());
            double[] squaredNorms = new double[batch], coef = new double[batch];
            for (int b = 0; b < batch; b++) squaredNorms[b] = cblas_sdot(d, dr[0].row(b), 1, dr[0].row(b), 1);
            loss += oneClassLoss.hreg().penalty(squaredNorms, coef);
            for (int b = 0; b < batch; b++) cblas_sscal(d, (float) coef[b], dr[0].row(b), 1);
        }
        // Hidden layers: a_l = ℓ'(f) ⊙ h_l + dr_l, formed in place (a saxpy per row into dr_l, or a scaling of h_l);
        // below the last, dr_{l+1} = (dr_l·W_lᵀ) ⊙ M_l first and ∂L/∂W_l = u_lᵀ·a_l; the last with the output layer.
        for (int l = 0; l < depth; l++) {
            Rows a = penalized ? dr[l] : h[l];
            boolean last = l == depth - 1;
            if (penalized && !last) {
                product(batch, width[l + 1], width[l], dr[l].all(), false, w[l], true, dr[l + 1].all());
                multiply(dr[l + 1], mask[l], batch);
            }
            for (int b = 0; b < batch; b++) {
                if (penalized) cblas_saxpy(width[l], df.v.get(b), h[l].row(b), 1, dr[l].row(b), 1);
                else cblas_sscal(width[l], df.v.get(b), h[l].row(b), 1);
            }
            if (!last) product(width[l + 1], width[l], batch, u[l].all(), true, a.all(), false, dw[l]);
            else lastLayer(batch, a);
        }

        double l2 = oneClassLoss.l2();
        if (l2 > 0) { // l2·‖θ‖², and its gradient 2·l2·θ
            loss += l2 * cblas_sdot(paramCount, theta, 1, theta, 1);
            cblas_saxpy(paramCount, (float) (2 * l2), theta, 1, grad, 1);
        }
        return loss;
    }

    /**
     * The last hidden layer and the output layer from one product, Q = M_{L-1}ᵀ·a_{L-1} [n_L, n_{L-1}], instead of
     * two (u_{L-1}ᵀ·a_{L-1}, and dr_L = (dr_{L-1}·W_{L-1}ᵀ) ⊙ M_{L-1} for the output weights):
     * <pre>
     *   ∂L/∂W_{L-1} = u_{L-1}ᵀ·a = diag(w_L)·Mᵀ·a = diag(w_L)·Q                     (u_{L-1} = M ⊙ w_L, row-broadcast)
     *   ∂L/∂w_L[j]  = Σ_b ℓ'(f_b)·h_L[b,j] + Σ_b dr_L[b,j]
     *              = Σ_b M[b,j]·(ℓ'(f_b)·h_{L-1}[b] + dr_{L-1}[b])·W_{L-1}[j]         (h_L = M ⊙ (h_{L-1}·W_{L-1}ᵀ), no bias)
     *              = Σ_i W_{L-1}[j,i]·Q[j,i]
     * </pre>
     * For 784-100-1 that is one of the step's four 100×784×100 products saved.
     */
    private void lastLayer(int batch, Rows a) {
        int l = depth - 1, rows = width[depth], cols = width[l];
        product(rows, cols, batch, mask[l].all(), true, a.all(), false, dw[l]); // Q, in ∂L/∂W_{L-1}'s place
        for (int j = 0; j < rows; j++) {
            wRow.position((long) j * cols);
            qRow.position((long) j * cols);
            dw[depth].put(j, cblas_sdot(cols, wRow, 1, qRow, 1));    // ∂L/∂w_L[j] = W_{L-1}[j]·Q[j]
            cblas_sscal(cols, outputWeights.get(j), qRow, 1);         // ∂L/∂W_{L-1}[j] = w_L[j]·Q[j]
        }
    }

    /** c = a·b, with a [m, k] and b [k, n] (each stored transposed when its flag says so), c [m, n]. */
    private static void product(int m, int n, int k, FloatPointer a, boolean transA, FloatPointer b, boolean transB, FloatPointer c) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                1, a, transA ? m : k, b, transB ? k : n, 0, c, n);
    }

    /** a ⊙= m over the first {@code rows} rows. */
    private static void multiply(Rows a, Rows m, int rows) {
        for (int i = 0, n = rows * a.cols; i < n; i++) a.v.put(i, a.v.get(i) * m.v.get(i));
    }
}
