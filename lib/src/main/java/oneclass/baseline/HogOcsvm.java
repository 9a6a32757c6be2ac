package oneclass.baseline;

import boofcv.alg.feature.dense.DescribeDenseHogFastAlg;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;

/**
 * HOG + OCSVM, ICS Table 1's HOG column: "HOG had additionally the setup with nine orientations, 8 × 8
 * pixels per cell and 3 × 3 cells per block" (ICS Sec. 3), followed by the same one-class SVM as the
 * OCSVM column (ν = 0.15, RBF γ = 1/#features, now the number of HOG features). HOG (Dalal and Triggs,
 * CVPR 2005) comes from BoofCV's {@link DescribeDenseHogFastAlg}:
 * <ul>
 *   <li>gradient by the [−1, 0, 1] kernel; on colour images the band with the largest gradient magnitude
 *       at each pixel;</li>
 *   <li>unsigned orientation in [0, π), each pixel's magnitude split linearly between its two nearest
 *       of the 9 bins, summed over the 8 × 8 cell (no spatial interpolation, no Gaussian window);</li>
 *   <li>blocks of 3 × 3 cells, one cell apart, each L2-Hys normalized (L2, clip at 0.2, L2 again);</li>
 *   <li>cells cover the image from its top-left corner; the remainder (4 pixels of MNIST's 28) is unused,
 *       so a 28 × 28 image gives 1 block = 81 features and a 32 × 32 one 2 × 2 blocks = 324.</li>
 * </ul>
 * The paper's three settings are scikit-image's {@code hog()} defaults, which the authors may have used;
 * that one puts each pixel into a single bin (no orientation interpolation) and averages a cell rather than
 * summing it (the normalization removes the scale), so its features differ from these in the details.
 *
 * <p>A row is read as a square image: D = s² (grey, row-major) or D = 3s² (three colour planes one after
 * another, each row-major, the CIFAR-10 file layout the harness keeps).
 *
 * @param orientations  bins over [0, π)
 * @param pixelsPerCell a cell's side
 * @param cellsPerBlock a block's side, in cells
 * @param ocsvm         the one-class SVM on the HOG features
 */
public record HogOcsvm(int orientations, int pixelsPerCell, int cellsPerBlock, Ocsvm ocsvm) implements OneClassBaseline {
    /** The ICS paper's: 9 orientations, 8 × 8 pixels per cell, 3 × 3 cells per block, its OCSVM. */
    public static final HogOcsvm ICS_PAPER = new HogOcsvm(9, 8, 3, Ocsvm.ICS_PAPER);

    public HogOcsvm {
        if (orientations < 1) throw new IllegalArgumentException("HOG orientations must be >= 1, got " + orientations);
        if (pixelsPerCell < 1) throw new IllegalArgumentException("HOG pixels per cell must be >= 1, got " + pixelsPerCell);
        if (cellsPerBlock < 1) throw new IllegalArgumentException("HOG cells per block must be >= 1, got " + cellsPerBlock);
    }

    @Override public String name() { return "HOG"; }

    @Override public String describe() {
        return "HOG(orientations=" + orientations + ", pixelsPerCell=" + pixelsPerCell + ", cellsPerBlock=" + cellsPerBlock
                + ", L2-Hys, boofcv 1.2.2 fast variant) + " + ocsvm.describe();
    }

    @Override public double[] normality(double[][] train, double[][] test, long seed) {
        return ocsvm.normality(features(train), features(test), seed);
    }

    /** The HOG features of every row (blocks in row-major order, each cellsPerBlock² × orientations values). */
    double[][] features(double[][] rows) {
        int d = rows[0].length, channels = isSquare(d) ? 1 : d % 3 == 0 && isSquare(d / 3) ? 3 : 0;
        if (channels == 0)
            throw new IllegalArgumentException("HOG needs square images: a row of s² (grey) or 3s² (colour) pixels, got " + d + " values");
        int side = (int) Math.round(Math.sqrt(d / channels));
        if (side < pixelsPerCell * cellsPerBlock)
            throw new IllegalArgumentException("HOG: a " + side + "×" + side + " image holds no block of " + cellsPerBlock + "×" + cellsPerBlock
                    + " cells of " + pixelsPerCell + "×" + pixelsPerCell + " pixels");
        DescribeDenseHogFastAlg<Planar<GrayF32>> hog = new DescribeDenseHogFastAlg<>(orientations, pixelsPerCell, cellsPerBlock, cellsPerBlock,
                1, ImageType.pl(channels, GrayF32.class));
        Planar<GrayF32> image = new Planar<>(GrayF32.class, side, side, channels);
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < channels; c++) {
                float[] band = image.getBand(c).data;   // row-major, stride = side for a fresh image
                for (int i = 0; i < side * side; i++) band[i] = (float) rows[r][c * side * side + i];
            }
            hog.setInput(image);
            hog.process();
            var blocks = hog.getDescriptions();
            int per = orientations * cellsPerBlock * cellsPerBlock;
            out[r] = new double[blocks.size() * per];
            for (int b = 0; b < blocks.size(); b++) {
                TupleDesc_F64 block = blocks.get(b);
                System.arraycopy(block.data, 0, out[r], b * per, per);
            }
        }
        return out;
    }

    private static boolean isSquare(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        return s * s == n;
    }
}
