package oneclass.ics;

/**
 * Structural similarity, SSIM (Wang, Bovik, Sheikh, Simoncelli, "Image quality assessment: from error
 * visibility to structural similarity", IEEE TIP 13(4), 2004), as in the authors' reference MATLAB code
 * {@code ssim_index.m}: an 11×11 Gaussian window with σ = 1.5 (normalized to sum 1), K₁ = 0.01, K₂ = 0.03,
 * the window only at positions where it fits inside the image ("valid"), and the mean of the SSIM map:
 *
 * <pre>
 *   SSIM(x, y) = (2 μx μy + C₁)(2 σxy + C₂) / ((μx² + μy² + C₁)(σx² + σy² + C₂)),   C₁ = (K₁L)², C₂ = (K₂L)²
 * </pre>
 *
 * with Gaussian-weighted local means, variances and covariance (population form, no n/(n−1)), and dynamic
 * range L = 1 for pixels in [0, 1]. This equals scikit-image's {@code structural_similarity(x, y,
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1)}, which crops the same
 * border. Colour images: the mean of the per-channel SSIMs (scikit-image's {@code channel_axis}), as the
 * ICS code does ("multichannel").
 *
 * <p>Images are float arrays in channel-major layout {@code [channels][rows][cols]} (as {@link
 * oneclass.data.Images} stores them) at an offset; every method allocates only its own small buffers.
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5, K1 = 0.01, K2 = 0.03;

    private final int rows, cols, channels;
    private final double c1, c2;
    private final double[] w = gaussian1d(WINDOW, SIGMA); // separable: the 2-D window is w ⊗ w
    // scratch maps, reused across calls (one Ssim per thread)
    private final double[] tmp, mx, my, mxx, myy, mxy;

    /**
     * @param dataRange L, the dynamic range of the pixel values (1 for pixels in [0, 1])
     */
    public Ssim(int rows, int cols, int channels, double dataRange) {
        if (rows < WINDOW || cols < WINDOW)
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got " + rows + "x" + cols);
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (!(dataRange > 0)) throw new IllegalArgumentException("dataRange must be > 0, got " + dataRange);
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.c1 = (K1 * dataRange) * (K1 * dataRange);
        this.c2 = (K2 * dataRange) * (K2 * dataRange);
        int or = rows - WINDOW + 1, oc = cols - WINDOW + 1;
        tmp = new double[or * cols];
        mx = new double[or * oc];
        my = new double[or * oc];
        mxx = new double[or * oc];
        myy = new double[or * oc];
        mxy = new double[or * oc];
    }

    /** For pixels in [0, 1]. */
    public Ssim(int rows, int cols, int channels) { this(rows, cols, channels, 1.0); }

    /** SSIM of the images at {@code x[xOff ..]} and {@code y[yOff ..]}, each channels·rows·cols values. */
    public double of(float[] x, int xOff, float[] y, int yOff) {
        double sum = 0;
        int plane = rows * cols;
        for (int c = 0; c < channels; c++) sum += plane(x, xOff + c * plane, y, yOff + c * plane);
        return sum / channels;
    }

    public double of(float[] x, float[] y) {
        int d = rows * cols * channels;
        if (x.length != d || y.length != d)
            throw new IllegalArgumentException("images must have " + d + " values, got " + x.length + " and " + y.length);
        return of(x, 0, y, 0);
    }

    private double plane(float[] x, int xo, float[] y, int yo) {
        filter(x, xo, null, 0, mx);
        filter(y, yo, null, 0, my);
        filter(x, xo, x, xo, mxx);
        filter(y, yo, y, yo, myy);
        filter(x, xo, y, yo, mxy);
        double s = 0;
        for (int i = 0; i < mx.length; i++) {
            double ux = mx[i], uy = my[i];
            double vx = mxx[i] - ux * ux, vy = myy[i] - uy * uy, cxy = mxy[i] - ux * uy; // σx², σy², σxy
            s += (2 * ux * uy + c1) * (2 * cxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        }
        return s / mx.length;
    }

    /** Valid-mode Gaussian filtering of a (or of a·b when b is non-null) into out [(rows-10) x (cols-10)]. */
    private void filter(float[] a, int ao, float[] b, int bo, double[] out) {
        int or = rows - WINDOW + 1, oc = cols - WINDOW + 1;
        // vertical pass: tmp[r][c] = Σ_k w[k]·v[r+k][c]
        for (int r = 0; r < or; r++)
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    int p = (r + k) * cols + c;
                    s += w[k] * (b == null ? a[ao + p] : (double) a[ao + p] * b[bo + p]);
                }
                tmp[r * cols + c] = s;
            }
        // horizontal pass
        for (int r = 0; r < or; r++)
            for (int c = 0; c < oc; c++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += w[k] * tmp[r * cols + c + k];
                out[r * oc + c] = s;
            }
    }

    /** exp(−k²/2σ²) for k = −(n−1)/2 .. (n−1)/2, normalized to sum 1 (MATLAB's fspecial('gaussian', n, σ) is its outer product). */
    static double[] gaussian1d(int n, double sigma) {
        double[] g = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double k = i - (n - 1) / 2.0;
            g[i] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < n; i++) g[i] /= sum;
        return g;
    }
}
