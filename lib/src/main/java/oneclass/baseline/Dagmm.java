package oneclass.baseline;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deep Autoencoding Gaussian Mixture Model (Zong et al., "Deep Autoencoding Gaussian Mixture Model for
 * Unsupervised Anomaly Detection", ICLR 2018): HRN Table 2's DAGMM row (and Table 1's column). A
 * compression network (an autoencoder) gives each row a code z_c and its reconstruction x'; the
 * estimation network maps z = [z_c, ‖x − x'‖/‖x‖, cos(x, x')] to soft memberships γ of K mixture
 * components; the objective (Eq. 7) is
 * <pre>
 *   J = (1/N) Σᵢ ‖xᵢ − x'ᵢ‖² + λ₁ (1/N) Σᵢ E(zᵢ) + λ₂ Σₖ Σⱼ 1/Σ̂ₖⱼⱼ,
 *   E(z) = −log Σₖ φ̂ₖ exp(−½ (z − μ̂ₖ)ᵀ Σ̂ₖ⁻¹ (z − μ̂ₖ)) / √|2π Σ̂ₖ|                       (Eq. 6)
 * </pre>
 * with φ̂, μ̂, Σ̂ estimated from the batch's γ (Eq. 5). After training, φ̂, μ̂, Σ̂ are computed once over the
 * whole training set and the anomaly score of a test row is its energy E(z); the normality score is −E.
 *
 * <p>Settings, from the paper's Sec. 4.2-4.3 for its data sets ({@link Setting}): the networks' layers,
 * K, Adam with learning rate 1e-4, λ₁ = 0.1, λ₂ = 0.005, epochs and batch sizes. The setting is picked by
 * the data's width: 6 features → Thyroid's, 274 → Arrhythmia's, anything else → KDDCUP99's (the paper has
 * no image setting; HRN Table 1's DAGMM column then uses KDDCUP99's networks on the pixels). Choices of
 * ours: Σ̂ₖ + 1e-6·I inside E (the paper adds "small values" to the diagonal to keep Σ̂ invertible),
 * Glorot-uniform initialization, and ‖x‖ computed as √(Σx² + 1e-12) (no NaN gradient for an all-zero row).
 *
 * <p>Why Σ̂⁻¹ and |Σ̂| are written out: ND4J 1.0.0-M2.1 has no gradient for matrix_inverse, matrix_determinant
 * or cholesky, so the graph factors Σ̂ₖ + εI = LLᵀ entry by entry (d is 3 or 4) and uses
 * (z − μ)ᵀΣ⁻¹(z − μ) = ‖L⁻¹(z − μ)‖² (forward substitution) and log|Σ| = 2 Σⱼ log Lⱼⱼ.
 *
 * @param epochs       passes over the training rows; null: the paper's for the data set's setting
 * @param lr           Adam's learning rate
 * @param lambdaEnergy λ₁
 * @param lambdaCov    λ₂
 */
public record Dagmm(Integer epochs, double lr, double lambdaEnergy, double lambdaCov) implements OneClassBaseline {
    /** The paper's: Adam 1e-4, λ₁ = 0.1, λ₂ = 0.005, epochs per data set. */
    public static final Dagmm PAPER = new Dagmm(null, 1e-4, 0.1, 0.005);
    /** Σ̂ₖ + EPS·I in the energy. */
    static final double EPS = 1e-6;

    /**
     * The paper's networks (Sec. 4.3): compression D-…-z_c (tanh, the code linear) and its mirror (the
     * output linear); estimation (z_c + 2)-10 (tanh), dropout 0.5, 10-K (softmax). Epochs and batch sizes
     * as the paper trains on each data set.
     */
    public enum Setting {
        /** FC(120,60,tanh)-FC(60,30,tanh)-FC(30,10,tanh)-FC(10,1,none), mirrored; K = 4; 200 epochs, batch 1024. */
        KDDCUP99(new int[] {60, 30, 10}, 1, 4, 200, 1024),
        /** FC(6,12,tanh)-FC(12,4,tanh)-FC(4,1,none), mirrored; K = 2; 20,000 epochs, batch 1024. */
        THYROID(new int[] {12, 4}, 1, 2, 20_000, 1024),
        /** FC(274,10,tanh)-FC(10,2,none), mirrored; K = 2; 10,000 epochs, batch 128. */
        ARRHYTHMIA(new int[] {10}, 2, 2, 10_000, 128);

        final int[] hidden;
        final int code, components, epochs, batchSize;

        Setting(int[] hidden, int code, int components, int epochs, int batchSize) {
            this.hidden = hidden;
            this.code = code;
            this.components = components;
            this.epochs = epochs;
            this.batchSize = batchSize;
        }

        /** The setting of the paper's data set of this width (Thyroid 6, Arrhythmia 274), KDDCUP99's for any other. */
        public static Setting forWidth(int d) {
            return d == 6 ? THYROID : d == 274 ? ARRHYTHMIA : KDDCUP99;
        }

        public int epochs() { return epochs; }
    }

    public Dagmm {
        if (epochs != null && epochs < 1) throw new IllegalArgumentException("DAGMM epochs must be >= 1, got " + epochs);
        if (!(lr > 0)) throw new IllegalArgumentException("DAGMM learning rate must be > 0, got " + lr);
        if (!(lambdaEnergy >= 0)) throw new IllegalArgumentException("DAGMM lambda1 (energy weight) must be >= 0, got " + lambdaEnergy);
        if (!(lambdaCov >= 0)) throw new IllegalArgumentException("DAGMM lambda2 (covariance penalty) must be >= 0, got " + lambdaCov);
    }

    @Override public String name() { return "DAGMM"; }

    @Override public String describe() {
        return "DAGMM(networks, K, batch" + (epochs == null ? ", epochs" : "") + " of Zong et al. Sec. 4.3 by width (6: thyroid, 274: arrhythmia, "
                + "else kddcup99)" + (epochs == null ? "" : ", epochs=" + epochs) + ", adam lr=" + lr + ", lambda1=" + lambdaEnergy
                + ", lambda2=" + lambdaCov + ", eps=" + EPS + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        int d = train[0].length;
        Setting setting = Setting.forWidth(d);
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(d, setting, lambdaEnergy, lambdaCov, rng);
        int hidden = Model.ESTIMATION_HIDDEN;
        Dense.train(m.sd, List.of("x", "keep"), train.length, setting.batchSize, epochs != null ? epochs : setting.epochs, lr, rng,
                rows -> new INDArray[] {Dense.rows(train, rows), dropoutMask(rows.length, hidden, rng)});
        // φ̂, μ̂, Σ̂ over the whole training set (no dropout), then the energy of every test row under them
        INDArray zTrain = m.forward("z", train), gammaTrain = m.forward("gamma", train), zTest = m.forward("z", test);
        SameDiff sd = SameDiff.create();
        Gmm gmm = Gmm.fit(sd, sd.constant(zTrain), sd.constant(gammaTrain), (int) zTrain.columns());
        double[] e = energy(sd, sd.constant(zTest), gmm, EPS).eval().toDoubleVector();
        for (int i = 0; i < e.length; i++) e[i] = -e[i];
        return e;
    }

    /** Inverted dropout with keep probability ½ (the paper's Drop(p = 0.5)): each entry 0 or 2. */
    static INDArray dropoutMask(int rows, int cols, SplittableRandom rng) {
        float[] f = new float[rows * cols];
        for (int i = 0; i < f.length; i++) f[i] = rng.nextBoolean() ? 2 : 0;
        return Nd4j.create(f, new long[] {rows, cols}, 'c');
    }

    /**
     * A Gaussian mixture in z-space with every per-component quantity as a row [1, K], so that it broadcasts
     * against per-sample [N, K] terms: weights φ, means μ[j] (coordinate j of every μₖ) and covariance
     * entries σ[i][j] (Σₖ,ᵢⱼ of every k).
     */
    record Gmm(SDVariable phi, SDVariable[] mu, SDVariable[][] sigma) {
        /** Eq. 5: φₖ = mean γₖ, μₖ = Σᵢ γᵢₖ zᵢ / Σᵢ γᵢₖ, Σₖ = Σᵢ γᵢₖ (zᵢ − μₖ)(zᵢ − μₖ)ᵀ / Σᵢ γᵢₖ. z: [N, d], γ: [N, K]. */
        static Gmm fit(SameDiff sd, SDVariable z, SDVariable gamma, int d) {
            SDVariable nk = gamma.sum(0).reshape(1, -1);                                  // [1, K]
            SDVariable[] zj = columns(sd, z, d), mu = new SDVariable[d], diff = new SDVariable[d];
            for (int j = 0; j < d; j++) {
                mu[j] = gamma.mul(zj[j]).sum(0).reshape(1, -1).div(nk);                   // [N, K] → [1, K]
                diff[j] = zj[j].sub(mu[j]);                                      // [N, 1] − [1, K] → [N, K]
            }
            SDVariable[][] sigma = new SDVariable[d][d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j <= i; j++) sigma[i][j] = sigma[j][i] = gamma.mul(diff[i]).mul(diff[j]).sum(0).reshape(1, -1).div(nk);
            return new Gmm(gamma.mean(0).reshape(1, -1), mu, sigma);
        }

        /** A mixture with given parameters (φ [K], μ [K][d], Σ [K][d][d]), as constants. */
        static Gmm of(SameDiff sd, double[] phi, double[][] mu, double[][][] sigma) {
            int k = phi.length, d = mu[0].length;
            SDVariable[] m = new SDVariable[d];
            SDVariable[][] s = new SDVariable[d][d];
            for (int i = 0; i < d; i++) {
                int fi = i;
                m[i] = row(sd, k, c -> mu[c][fi]);
                for (int j = 0; j < d; j++) { int fj = j; s[i][j] = row(sd, k, c -> sigma[c][fi][fj]); }
            }
            return new Gmm(row(sd, k, c -> phi[c]), m, s);
        }

        private static SDVariable row(SameDiff sd, int k, java.util.function.IntToDoubleFunction v) {
            double[] r = new double[k];
            for (int c = 0; c < k; c++) r[c] = v.applyAsDouble(c);
            return sd.constant(Nd4j.createFromArray(new double[][] {r}).castTo(DataType.FLOAT));
        }

        /** λ₂'s penalty P(Σ̂) = Σₖ Σⱼ 1/Σ̂ₖⱼⱼ (Eq. 7), a scalar. */
        SDVariable inverseDiagonalSum(SameDiff sd) {
            SDVariable p = null;
            for (int j = 0; j < mu.length; j++) {
                SDVariable t = sd.math().reciprocal(sigma[j][j]).sum();
                p = p == null ? t : p.add(t);
            }
            return p;
        }
    }

    // (sums keep their axis by a reshape: the gradient of ND4J's reduce_sum with keepDims failed on these shapes)

    /** The d columns of z [N, d], each [N, 1]. */
    static SDVariable[] columns(SameDiff sd, SDVariable z, int d) {
        SDVariable[] c = new SDVariable[d];
        for (int j = 0; j < d; j++) {
            double[][] e = new double[d][1];
            e[j][0] = 1;
            c[j] = z.mmul(sd.constant(Nd4j.createFromArray(e).castTo(z.dataType())));
        }
        return c;
    }

    /**
     * Eq. 6, E(z) = −log Σₖ φₖ N(z; μₖ, Σₖ + εI), per row [N], in the log-sum-exp form. With Σ + εI = LLᵀ
     * (Cholesky, written out: L_jj = √(Σ_jj + ε − Σ_{m<j} L_jm²), L_ij = (Σ_ij − Σ_{m<j} L_im L_jm) / L_jj) and
     * y = L⁻¹(z − μ) by forward substitution, log N = −½‖y‖² − Σⱼ log L_jj − (d/2) log 2π.
     */
    static SDVariable energy(SameDiff sd, SDVariable z, Gmm g, double eps) {
        int d = g.mu().length;
        SDVariable[][] L = new SDVariable[d][d];                                   // each [1, K]
        for (int j = 0; j < d; j++) {
            SDVariable s = g.sigma()[j][j].add(eps);
            for (int m = 0; m < j; m++) s = s.sub(L[j][m].mul(L[j][m]));
            L[j][j] = sd.math().sqrt(s);
            for (int i = j + 1; i < d; i++) {
                SDVariable t = g.sigma()[i][j];
                for (int m = 0; m < j; m++) t = t.sub(L[i][m].mul(L[j][m]));
                L[i][j] = t.div(L[j][j]);
            }
        }
        SDVariable[] zj = columns(sd, z, d), y = new SDVariable[d];
        SDVariable half = null, logDet = null;                                     // ½‖y‖² [N, K]; Σⱼ log L_jj [1, K]
        for (int i = 0; i < d; i++) {
            SDVariable r = zj[i].sub(g.mu()[i]);                                   // [N, K]
            for (int m = 0; m < i; m++) r = r.sub(y[m].mul(L[i][m]));
            y[i] = r.div(L[i][i]);
            SDVariable sq = y[i].mul(y[i]).mul(0.5), ld = sd.math().log(L[i][i]);
            half = half == null ? sq : half.add(sq);
            logDet = logDet == null ? ld : logDet.add(ld);
        }
        SDVariable logComponent = sd.math().log(g.phi()).sub(half).sub(logDet).sub(0.5 * d * Math.log(2 * Math.PI));  // [N, K]
        // −log Σₖ exp(aₖ) = −(m + log Σₖ exp(aₖ − m)), m = maxₖ aₖ (ND4J's logSumExp has no working gradient here)
        SDVariable m = logComponent.max(1).reshape(-1, 1);                                                     // [N, 1]
        return sd.math().log(sd.math().exp(logComponent.sub(m)).sum(1)).add(m.reshape(-1)).neg();              // [N]
    }

    /** The graph: compression and estimation networks and the objective J; outputs "z" [N, z_c + 2], "gamma" [N, K], "loss". */
    static final class Model {
        static final int ESTIMATION_HIDDEN = 10;
        final SameDiff sd = SameDiff.create();

        Model(int d, Setting s, double lambdaEnergy, double lambdaCov, SplittableRandom rng) {
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, d);
            SDVariable keep = sd.placeHolder("keep", DataType.FLOAT, -1, ESTIMATION_HIDDEN);   // dropout mask (all 1 when scoring)
            int[] enc = new int[s.hidden.length + 2], dec = new int[s.hidden.length + 2];
            enc[0] = d;
            enc[enc.length - 1] = s.code;
            for (int i = 0; i < s.hidden.length; i++) enc[i + 1] = dec[dec.length - 2 - i] = s.hidden[i];
            dec[0] = s.code;
            dec[dec.length - 1] = d;
            SDVariable zc = Dense.stack(sd, "enc", x, enc, Dense.Act.TANH, Dense.Act.NONE, rng);        // [N, z_c]
            SDVariable xr = Dense.stack(sd, "dec", zc, dec, Dense.Act.TANH, Dense.Act.NONE, rng);       // x': [N, D]
            SDVariable diff = x.sub(xr);
            SDVariable sq = diff.mul(diff).sum(1).reshape(-1, 1);                                                 // ‖x − x'‖²: [N, 1]
            SDVariable normX = sd.math().sqrt(x.mul(x).sum(1).reshape(-1, 1).add(1e-12)), normR = sd.math().sqrt(xr.mul(xr).sum(1).reshape(-1, 1).add(1e-12));
            SDVariable relative = sd.math().sqrt(sq.add(1e-12)).div(normX);
            SDVariable cosine = x.mul(xr).sum(1).reshape(-1, 1).div(normX.mul(normR));
            SDVariable z = sd.concat("z", 1, zc, relative, cosine);
            SDVariable h = Dense.stack(sd, "est1", z, new int[] {s.code + 2, ESTIMATION_HIDDEN}, Dense.Act.TANH, Dense.Act.TANH, rng).mul(keep);
            SDVariable gamma = Dense.stack(sd, "est2", h, new int[] {ESTIMATION_HIDDEN, s.components}, Dense.Act.SOFTMAX, Dense.Act.SOFTMAX, rng)
                    .rename("gamma");
            Gmm g = Gmm.fit(sd, z, gamma, s.code + 2);
            SDVariable loss = sq.mean().add(energy(sd, z, g, EPS).mean().mul(lambdaEnergy)).add(g.inverseDiagonalSum(sd).mul(lambdaCov));  // Eq. 7
            loss.rename("loss");
            sd.setLossVariables("loss");
        }

        /** Output {@code name} for every row of x, without dropout. */
        INDArray forward(String name, double[][] x) {
            return Dense.outputs(sd, name, x.length, 4096,
                    rows -> Map.of("x", Dense.rows(x, rows), "keep", Nd4j.ones(DataType.FLOAT, rows.length, ESTIMATION_HIDDEN)));
        }
    }
}
