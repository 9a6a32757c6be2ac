package oneclass.ics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The three losses of ICS training (Schlachter, Liao, Yang, "Deep one-class classification using
 * intra-class splitting", IEEE DSW 2019, Sec. 2.3), on the distance subnetwork's logit a and the
 * classifier's logit l, where dist(z_i, z_j) = σ(a_ij), a_ij = w·(z_i − z_j) + b, and ŷ = σ(l).
 * Each is written through softplus(t) = log(1 + eᵗ), which is exact and does not overflow:
 *
 * <pre>
 *   Eq. 2  L_cls  = −(1/B) Σ log(1 − dist(z_typ,i, z_typ,j≠i))  = (1/B) Σ softplus(a_ij)       ∂/∂a = σ(a)/B
 *   Eq. 3  L_ic   = −(1/B) Σ [y log ŷ + (1 − y) log(1 − ŷ)]    = (1/B) Σ softplus(l) − y·l    ∂/∂l = (σ(l) − y)/B
 *   Eq. 4  L_disp = −(1/B) Σ log dist(z_atyp,i, z_atyp,j≠i)     = (1/B) Σ softplus(−a_ij)      ∂/∂a = −σ(−a)/B
 * </pre>
 *
 * using log σ(t) = −softplus(−t), log(1 − σ(t)) = −softplus(t) and softplus' = σ. Labels as in Eq. 3: y = 0
 * typical, y = 1 atypical. The array versions return the loss and write its gradient into {@code d} (when
 * not null); the plain-double versions are the references the tests hold them to.
 */
public final class IcsLosses {
    private IcsLosses() {}

    /** Eq. 2, closeness: typical pairs should be at distance 0. {@code a}, {@code d}: [B, 1]. */
    public static double closeness(INDArray a, INDArray d) {
        if (d != null) d.assign(Transforms.sigmoid(a, true)).divi(a.length());
        return Transforms.softPlus(a, true).meanNumber().doubleValue();
    }

    /** Eq. 3, intra-class binary cross-entropy. {@code logit}, {@code y}, {@code d}: [B, 1]. */
    public static double intraClass(INDArray logit, INDArray y, INDArray d) {
        if (d != null) d.assign(Transforms.sigmoid(logit, true).subi(y)).divi(logit.length());
        return Transforms.softPlus(logit, true).subi(logit.mul(y)).meanNumber().doubleValue();
    }

    /** Eq. 4, dispersion: atypical pairs should be at distance 1. {@code a}, {@code d}: [B, 1]. */
    public static double dispersion(INDArray a, INDArray d) {
        INDArray minusA = a.neg();
        if (d != null) d.assign(Transforms.sigmoid(minusA, true)).divi(-a.length());
        return Transforms.softPlus(minusA, false).meanNumber().doubleValue();
    }

    /** Eq. 2 on plain numbers: −mean log(1 − σ(a)). */
    public static double closeness(double[] a) {
        double s = 0;
        for (double v : a) s -= Math.log(1 - sigmoid(v));
        return s / a.length;
    }

    /** Eq. 3 on plain numbers. */
    public static double intraClass(double[] logit, double[] y) {
        double s = 0;
        for (int i = 0; i < logit.length; i++) {
            double p = sigmoid(logit[i]);
            s -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        return s / logit.length;
    }

    /** Eq. 4 on plain numbers: −mean log σ(a). */
    public static double dispersion(double[] a) {
        double s = 0;
        for (double v : a) s -= Math.log(sigmoid(v));
        return s / a.length;
    }

    static double sigmoid(double t) { return 1 / (1 + Math.exp(-t)); }
}
