package oneclass.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
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
 * <p>How it is computed: the four networks run on {@link DenseNet} (hand-written backward passes, ND4J's Adam);
 * the mixture part (Eqs. 5-7 from z and γ, d ≤ 4 coordinates, K ≤ 4 components) runs in plain Java doubles
 * ({@link Gmm}), with its gradient written out in {@link Gmm#lossAndGradient}. The SameDiff graph this
 * replaces had a few hundred small ops (ND4J has no gradient for matrix_inverse or cholesky, so Σ̂ was
 * factored entry by entry) and spent about 0.1 s per step on them, whatever the batch.
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

    /** Fewer epochs than Zong et al. state for the data set's setting (e.g. 400 of Thyroid's 20,000) is a shortened budget. */
    @Override public String shortened(int features) {
        Setting s = Setting.forWidth(features);
        return epochs == null || epochs >= s.epochs ? null
                : epochs + " of Zong et al.'s " + s.epochs + " epochs (" + s.name().toLowerCase(java.util.Locale.ROOT) + "'s setting)";
    }

    @Override public String describe() {
        return "DAGMM(networks, K, batch" + (epochs == null ? ", epochs" : "") + " of Zong et al. Sec. 4.3 by width (6: thyroid, 274: arrhythmia, "
                + "else kddcup99)" + (epochs == null ? "" : ", epochs=" + epochs) + ", adam lr=" + lr + ", lambda1=" + lambdaEnergy
                + ", lambda2=" + lambdaCov + ", eps=" + EPS + ")";
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        int d = train[0].length;
        Setting setting = Setting.forWidth(d);
        SplittableRandom rng = new SplittableRandom(seed);
        Model m = new Model(d, setting, lambdaEnergy, lambdaCov, lr, DataType.FLOAT, rng);
        m.net.train(train.length, setting.batchSize, epochs != null ? epochs : setting.epochs, rng,
                rows -> m.gradients(Dense.rows(train, rows), dropoutMask(rows.length, Model.ESTIMATION_HIDDEN, rng)));
        // φ̂, μ̂, Σ̂ over the whole training set (no dropout), then the energy of every test row under them
        double[][][] zg = m.zAndGamma(train);
        Gmm gmm = Gmm.fit(zg[0], zg[1]);
        double[][] zTest = m.zAndGamma(test)[0];
        double[] e = new double[zTest.length];
        for (int i = 0; i < e.length; i++) e[i] = -gmm.energy(zTest[i], EPS);
        return e;
    }

    /** Inverted dropout with keep probability ½ (the paper's Drop(p = 0.5)): each entry 0 or 2. */
    static INDArray dropoutMask(int rows, int cols, SplittableRandom rng) {
        float[] f = new float[rows * cols];
        for (int i = 0; i < f.length; i++) f[i] = rng.nextBoolean() ? 2 : 0;
        return Dense.matrix(f, rows, cols);
    }

    /**
     * A Gaussian mixture in z-space, K components in d dimensions: weights φ [K], means μ [K][d],
     * covariances Σ [K][d][d], and the memberships' column sums n [K] that Eq. 5 divides by.
     */
    record Gmm(double[] phi, double[][] mu, double[][][] sigma, double[] n) {
        /** Eq. 5: φₖ = mean γₖ, μₖ = Σᵢ γᵢₖ zᵢ / Σᵢ γᵢₖ, Σₖ = Σᵢ γᵢₖ (zᵢ − μₖ)(zᵢ − μₖ)ᵀ / Σᵢ γᵢₖ. z: [N][d], γ: [N][K]. */
        static Gmm fit(double[][] z, double[][] gamma) {
            int rows = z.length, d = z[0].length, k = gamma[0].length;
            double[] n = new double[k], phi = new double[k];
            double[][] mu = new double[k][d];
            double[][][] sigma = new double[k][d][d];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < rows; i++) {
                    n[c] += gamma[i][c];
                    for (int a = 0; a < d; a++) mu[c][a] += gamma[i][c] * z[i][a];
                }
                phi[c] = n[c] / rows;
                for (int a = 0; a < d; a++) mu[c][a] /= n[c];
                for (int i = 0; i < rows; i++)
                    for (int a = 0; a < d; a++)
                        for (int b = 0; b < d; b++) sigma[c][a][b] += gamma[i][c] * (z[i][a] - mu[c][a]) * (z[i][b] - mu[c][b]);
                for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) sigma[c][a][b] /= n[c];
            }
            return new Gmm(phi, mu, sigma, n);
        }

        /** λ₂'s penalty P(Σ̂) = Σₖ Σⱼ 1/Σ̂ₖⱼⱼ (Eq. 7). */
        double inverseDiagonalSum() {
            double p = 0;
            for (double[][] s : sigma) for (int j = 0; j < s.length; j++) p += 1 / s[j][j];
            return p;
        }

        /** log(φₖ N(z; μₖ, Σₖ + εI)) for every k, given each component's inverse P and log-determinant (of Σ + εI). */
        private double[] logComponents(double[] z, double[][][] inv, double[] logDet) {
            int d = z.length;
            double[] a = new double[phi.length];
            for (int c = 0; c < a.length; c++) {
                double q = 0;
                for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) q += (z[i] - mu[c][i]) * inv[c][i][j] * (z[j] - mu[c][j]);
                a[c] = Math.log(phi[c]) - 0.5 * q - 0.5 * logDet[c] - 0.5 * d * Math.log(2 * Math.PI);
            }
            return a;
        }

        /** Eq. 6, E(z) = −log Σₖ φₖ N(z; μₖ, Σₖ + εI). */
        double energy(double[] z, double eps) {
            double[][][] inv = new double[phi.length][][];
            double[] logDet = new double[phi.length];
            inverses(eps, inv, logDet);
            return -logSumExp(logComponents(z, inv, logDet));
        }

        private void inverses(double eps, double[][][] inv, double[] logDet) {
            for (int c = 0; c < phi.length; c++) {
                double[][] a = new double[sigma[c].length][];
                for (int i = 0; i < a.length; i++) { a[i] = sigma[c][i].clone(); a[i][i] += eps; }
                double[][] l = cholesky(a);
                inv[c] = inverseFromCholesky(l);
                logDet[c] = 0;
                for (int i = 0; i < l.length; i++) logDet[c] += 2 * Math.log(l[i][i]);
            }
        }

        /**
         * The mixture part of the objective (Eq. 7 without the reconstruction term),
         * J_gmm = λ₁ (1/N) Σᵢ E(zᵢ) + λ₂ P(Σ̂), with φ̂, μ̂, Σ̂ fitted to (z, γ) by Eq. 5, and its gradient:
         * ∂J/∂z into dz [N][d], ∂J/∂γ into dGamma [N][K]; returns J_gmm. With rᵢₖ = zᵢ − μₖ,
         * Pₖ = (Σₖ + εI)⁻¹, aᵢₖ = log φₖ − ½ rᵢₖᵀPₖrᵢₖ − ½ log|2π(Σₖ + εI)| and wᵢₖ = softmaxₖ(aᵢ) (so
         * Eᵢ = −log Σₖ e^aᵢₖ and gᵢₖ = ∂J/∂aᵢₖ = −λ₁wᵢₖ/N):
         * <pre>
         *   ∂J/∂φₖ = Σᵢ gᵢₖ / φₖ,  ∂J/∂μₖ = Σᵢ gᵢₖ Pₖrᵢₖ,
         *   Gₖ = ∂J/∂Σₖ = Σᵢ gᵢₖ ½ (PₖrᵢₖrᵢₖᵀPₖ − Pₖ) − λ₂ diag(1/Σₖⱼⱼ²),
         *   ∂J/∂zᵢ = Σₖ [−gᵢₖ Pₖrᵢₖ + (γᵢₖ/nₖ) ∂J/∂μₖ + 2 (γᵢₖ/nₖ) Gₖrᵢₖ],
         *   ∂J/∂γᵢₖ = (∂J/∂φₖ)/N + rᵢₖ·∂J/∂μₖ/nₖ + (rᵢₖᵀGₖrᵢₖ − tr(GₖΣₖ))/nₖ,
         * </pre>
         * where Σᵢ γᵢₖ rᵢₖ = 0 removes the terms of Σₖ's dependence on μₖ.
         */
        static double lossAndGradient(double[][] z, double[][] gamma, double lambdaEnergy, double lambdaCov, double eps,
                                      double[][] dz, double[][] dGamma) {
            Gmm g = fit(z, gamma);
            int rows = z.length, d = z[0].length, k = g.phi.length;
            double[][][] inv = new double[k][][];
            double[] logDet = new double[k];
            g.inverses(eps, inv, logDet);
            double[] dPhi = new double[k];
            double[][] dMu = new double[k][d], ga = new double[rows][];
            double[][][] gSigma = new double[k][d][d], pr = new double[rows][k][d];   // pr: Pₖrᵢₖ
            double energy = 0;
            for (int i = 0; i < rows; i++) {
                double[] a = g.logComponents(z[i], inv, logDet);
                double lse = logSumExp(a);
                energy -= lse;
                ga[i] = new double[k];
                for (int c = 0; c < k; c++) {
                    double gic = -lambdaEnergy * Math.exp(a[c] - lse) / rows;
                    ga[i][c] = gic;
                    for (int p = 0; p < d; p++) for (int q = 0; q < d; q++) pr[i][c][p] += inv[c][p][q] * (z[i][q] - g.mu[c][q]);
                    dPhi[c] += gic / g.phi[c];
                    for (int p = 0; p < d; p++) dMu[c][p] += gic * pr[i][c][p];
                    for (int p = 0; p < d; p++) for (int q = 0; q < d; q++) gSigma[c][p][q] += gic * 0.5 * (pr[i][c][p] * pr[i][c][q] - inv[c][p][q]);
                }
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) gSigma[c][j][j] -= lambdaCov / (g.sigma[c][j][j] * g.sigma[c][j][j]);
            double[] trace = new double[k];
            for (int c = 0; c < k; c++) for (int p = 0; p < d; p++) for (int q = 0; q < d; q++) trace[c] += gSigma[c][p][q] * g.sigma[c][q][p];
            for (int i = 0; i < rows; i++) {
                java.util.Arrays.fill(dz[i], 0);
                for (int c = 0; c < k; c++) {
                    double share = gamma[i][c] / g.n[c], rMu = 0, rGr = 0;
                    for (int p = 0; p < d; p++) {
                        double r = z[i][p] - g.mu[c][p], gr = 0;
                        for (int q = 0; q < d; q++) gr += gSigma[c][p][q] * (z[i][q] - g.mu[c][q]);
                        dz[i][p] += -ga[i][c] * pr[i][c][p] + share * dMu[c][p] + 2 * share * gr;
                        rMu += r * dMu[c][p];
                        rGr += r * gr;
                    }
                    dGamma[i][c] = dPhi[c] / rows + rMu / g.n[c] + (rGr - trace[c]) / g.n[c];
                }
            }
            return lambdaEnergy * energy / rows + lambdaCov * g.inverseDiagonalSum();
        }
    }

    static double logSumExp(double[] a) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : a) m = Math.max(m, v);
        for (double v : a) s += Math.exp(v - m);
        return m + Math.log(s);
    }

    /** A = LLᵀ for a symmetric positive-definite A: L_jj = √(A_jj − Σ_{m<j} L_jm²), L_ij = (A_ij − Σ_{m<j} L_im L_jm) / L_jj. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int m = 0; m < j; m++) s -= l[j][m] * l[j][m];
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < d; i++) {
                double t = a[i][j];
                for (int m = 0; m < j; m++) t -= l[i][m] * l[j][m];
                l[i][j] = t / l[j][j];
            }
        }
        return l;
    }

    /** (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, with L⁻¹ by forward substitution. */
    static double[][] inverseFromCholesky(double[][] l) {
        int d = l.length;
        double[][] li = new double[d][d], inv = new double[d][d];
        for (int j = 0; j < d; j++) {
            li[j][j] = 1 / l[j][j];
            for (int i = j + 1; i < d; i++) {
                double t = 0;
                for (int m = j; m < i; m++) t -= l[i][m] * li[m][j];
                li[i][j] = t / l[i][i];
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int m = Math.max(i, j); m < d; m++) inv[i][j] += li[m][i] * li[m][j];
        return inv;
    }

    /**
     * The compression network (encoder chain 0, decoder chain 1) and the estimation network (chain 2:
     * (z_c + 2)-10 tanh, dropout; chain 3: 10-K, softmax applied here), in the order their weights are drawn.
     */
    static final class Model {
        static final int ESTIMATION_HIDDEN = 10;
        final DenseNet net;
        final int code;
        final double lambdaEnergy, lambdaCov;

        Model(int d, Setting s, double lambdaEnergy, double lambdaCov, double lr, DataType type, SplittableRandom rng) {
            int[] enc = new int[s.hidden.length + 2], dec = new int[s.hidden.length + 2];
            enc[0] = d;
            enc[enc.length - 1] = s.code;
            for (int i = 0; i < s.hidden.length; i++) enc[i + 1] = dec[dec.length - 2 - i] = s.hidden[i];
            dec[0] = s.code;
            dec[dec.length - 1] = d;
            net = new DenseNet(List.of(new DenseNet.Chain(enc, Dense.Act.TANH, Dense.Act.NONE), new DenseNet.Chain(dec, Dense.Act.TANH, Dense.Act.NONE),
                    DenseNet.Chain.of(Dense.Act.TANH, Dense.Act.TANH, s.code + 2, ESTIMATION_HIDDEN),
                    DenseNet.Chain.of(Dense.Act.NONE, Dense.Act.NONE, ESTIMATION_HIDDEN, s.components)), lr, type, rng);
            this.code = s.code;
            this.lambdaEnergy = lambdaEnergy;
            this.lambdaCov = lambdaCov;
        }

        /** A forward pass: x' [N, D], ‖x‖, ‖x'‖, ‖x − x'‖ [N, 1], z = [z_c, ‖x − x'‖/‖x‖, cos(x, x')] [N, d], γ [N][K]. */
        record Pass(INDArray xr, INDArray normX, INDArray normR, INDArray dist, INDArray z, double[][] gamma) {}

        /** keep: the dropout mask [N, 10] (all 1: none). Norms as √(· + 1e-12), so an all-zero row has no NaN gradient. */
        Pass forward(INDArray x, INDArray keep) {
            INDArray zc = net.forward(0, x), xr = net.forward(1, zc);
            INDArray diff = x.sub(xr);
            INDArray dist = Transforms.sqrt(diff.mul(diff).sum(true, 1).addi(1e-12), false);
            INDArray normX = Transforms.sqrt(x.mul(x).sum(true, 1).addi(1e-12), false), normR = Transforms.sqrt(xr.mul(xr).sum(true, 1).addi(1e-12), false);
            INDArray cosine = x.mul(xr).sum(true, 1).divi(normX.mul(normR));
            INDArray z = Nd4j.hstack(zc, dist.div(normX), cosine);
            double[][] logits = Dense.toRows(net.forward(3, net.forward(2, z).mul(keep))), gamma = new double[logits.length][];
            for (int i = 0; i < logits.length; i++) {
                double lse = logSumExp(logits[i]);
                gamma[i] = new double[logits[i].length];
                for (int c = 0; c < gamma[i].length; c++) gamma[i][c] = Math.exp(logits[i][c] - lse);
            }
            return new Pass(xr, normX, normR, dist, z, gamma);
        }

        /** Eq. 7's J for the batch x. */
        double loss(INDArray x, INDArray keep) {
            Pass p = forward(x, keep);
            double[][] z = Dense.toRows(p.z);
            double rec = p.dist.mul(p.dist).subi(1e-12).meanNumber().doubleValue();
            return rec + Gmm.lossAndGradient(z, p.gamma, lambdaEnergy, lambdaCov, EPS, new double[z.length][z[0].length], new double[z.length][p.gamma[0].length]);
        }

        /**
         * The gradients of J into net.grads. Back from (∂J/∂z, ∂J/∂γ) of {@link Gmm#lossAndGradient}: softmax
         * (∂ℓ = γ ⊙ (∂γ − Σₖ γₖ∂γₖ)), the estimation network and its dropout, then z's three parts into the
         * compression network: ∂J/∂x' = 2(x' − x)/N + ∂J/∂rel · (x' − x)/(‖x − x'‖‖x‖) + ∂J/∂cos · (x/(‖x‖‖x'‖) − cos · x'/‖x'‖²).
         */
        void gradients(INDArray x, INDArray keep) {
            Pass p = forward(x, keep);
            double[][] z = Dense.toRows(p.z), gamma = p.gamma;
            int rows = z.length, k = gamma[0].length;
            double[][] dz = new double[rows][z[0].length], dGamma = new double[rows][k], dLogits = new double[rows][k];
            Gmm.lossAndGradient(z, gamma, lambdaEnergy, lambdaCov, EPS, dz, dGamma);
            for (int i = 0; i < rows; i++) {
                double dot = 0;
                for (int c = 0; c < k; c++) dot += gamma[i][c] * dGamma[i][c];
                for (int c = 0; c < k; c++) dLogits[i][c] = gamma[i][c] * (dGamma[i][c] - dot);
            }
            DataType type = net.params.dataType();
            INDArray dh = net.backward(3, Nd4j.createFromArray(dLogits).castTo(type), true).muli(keep);
            INDArray dZ = net.backward(2, dh, true).addi(Nd4j.createFromArray(dz).castTo(type));              // [N, d]
            INDArray dZc = dZ.get(NDArrayIndex.all(), NDArrayIndex.interval(0, code));
            INDArray dRel = dZ.get(NDArrayIndex.all(), NDArrayIndex.interval(code, code + 1));
            INDArray dCos = dZ.get(NDArrayIndex.all(), NDArrayIndex.interval(code + 1, code + 2));
            INDArray minus = p.xr.sub(x);                                                                          // x' − x
            INDArray cosine = p.z.get(NDArrayIndex.all(), NDArrayIndex.interval(code + 1, code + 2));
            INDArray dXr = minus.mul(2.0 / rows)
                    .addi(minus.mulColumnVector(dRel.div(p.dist.mul(p.normX))))
                    .addi(x.mulColumnVector(dCos.div(p.normX.mul(p.normR))))
                    .subi(p.xr.mulColumnVector(dCos.mul(cosine).divi(p.normR.mul(p.normR))));
            INDArray dZcRec = net.backward(1, dXr, true);
            net.backward(0, dZcRec.addi(dZc), false);
        }

        /** z and γ of every row of x, without dropout, 4,096 rows at a time: [0] = z [n][d], [1] = γ [n][K]. */
        double[][][] zAndGamma(double[][] x) {
            double[][] z = new double[x.length][], gamma = new double[x.length][];
            for (int from = 0; from < x.length; from += 4096) {
                int[] rows = new int[Math.min(x.length, from + 4096) - from];
                for (int i = 0; i < rows.length; i++) rows[i] = from + i;
                int at = from;
                DenseNet.scoped(() -> {
                    Pass p = forward(Dense.rows(x, rows), Nd4j.ones(DataType.FLOAT, rows.length, ESTIMATION_HIDDEN));
                    double[][] zb = Dense.toRows(p.z);
                    System.arraycopy(zb, 0, z, at, zb.length);
                    System.arraycopy(p.gamma, 0, gamma, at, zb.length);
                    return null;
                });
            }
            return new double[][][] {z, gamma};
        }
    }
}
