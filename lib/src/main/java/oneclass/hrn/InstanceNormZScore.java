package oneclass.hrn;

/**
 * The instance normalization of Ulyanov, Vedaldi and Lempitsky (2016), "Instance Normalization: The Missing
 * Ingredient for Fast Stylization" (arXiv:1607.08022), Eq. (2) — the "Inst_Norm[79]" of HRN's Table 3 and
 * Sec. 3.2 ("similar to the traditional z-score and normalizes the contrast of the images"). For every
 * instance t and channel i, over that channel's H·W values x_tilm:
 * <pre>
 *   μ_ti  = 1/(HW) Σ_lm x_tilm
 *   σ²_ti = 1/(HW) Σ_lm (x_tilm − μ_ti)²          (the biased variance, as in the paper and PyTorch)
 *   y_tijk = (x_tijk − μ_ti) / √(σ²_ti + ε)
 * </pre>
 * with no learned affine part (PyTorch's InstanceNorm2d default, affine=False). ε sits inside the square
 * root, as in Ulyanov's Eq. (2); its default 1e-5 is PyTorch's InstanceNorm default. On pixels scaled to
 * [0, 1] a channel's variance is typically 1e-2 to 1e-1, so ε shrinks the result by a factor
 * 1/√(1 + ε/σ²), about 1e-4 relative; a constant channel (σ² = 0) becomes all zeros, not 0/0.
 *
 * <p>Unlike {@link InstanceNorm2} (x/‖x‖₂ over the whole instance, then centred), this normalizes each
 * channel separately and to unit variance, so it removes brightness and contrast per channel. Channels are
 * contiguous planes, the layout of {@link oneclass.data.Images}: a CIFAR-10 row is 3 planes of 1024 values
 * (R, G, B), an MNIST row one plane of 784.
 *
 * @param eps ε added to the variance inside the square root, ≥ 0
 */
public record InstanceNormZScore(double eps) {
    /** ε = 1e-5, PyTorch's InstanceNorm default. */
    public static final InstanceNormZScore ULYANOV = new InstanceNormZScore(1e-5);

    public InstanceNormZScore {
        if (!(eps >= 0)) throw new IllegalArgumentException("eps must be >= 0, got " + eps);
    }

    /**
     * Normalizes {@code x[from, from + dim)} in place, as {@code channels} contiguous planes of
     * {@code dim / channels} values each.
     */
    public void apply(float[] x, int from, int dim, int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (dim < 1 || dim % channels != 0)
            throw new IllegalArgumentException("dim must be a positive multiple of channels (" + channels + "), got " + dim);
        int plane = dim / channels;                                      // H·W
        for (int c = 0; c < channels; c++) {
            int start = from + c * plane, end = start + plane;
            double mean = 0;
            for (int i = start; i < end; i++) mean += x[i];
            mean /= plane;                                               // μ_ti
            double var = 0;
            for (int i = start; i < end; i++) var += (x[i] - mean) * (x[i] - mean);
            var /= plane;                                                // σ²_ti, biased
            // A constant plane with ε = 0 would be 0/0; its x − μ is exactly 0, so any finite scale gives 0.
            double scale = var + eps == 0 ? 0 : 1 / Math.sqrt(var + eps);
            for (int i = start; i < end; i++) x[i] = (float) ((x[i] - mean) * scale);
        }
    }
}
