package oneclass.ics;

import oneclass.data.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Images as the networks see them: pixels /255 in [0, 1], NCHW, optionally zero-padded to a larger square
 * (the ICS code pads 28×28 to 32×32). Held once as a float array; a batch is copied into an INDArray that
 * is reused for every batch of the same size, so training allocates no new input arrays per batch.
 */
public final class ImageBatches {
    private final float[] x;
    private final int n, channels, side, dim;
    private final Map<Integer, INDArray> buffers = new HashMap<>();
    private final Map<Integer, float[]> scratch = new HashMap<>();

    /**
     * @param indices which images of {@code images}, in this order
     * @param side    the side of the network's input (≥ the images' side; the image is centred, zeros around)
     */
    public ImageBatches(Images images, int[] indices, int side) {
        if (images.rows() != images.cols()) throw new IllegalArgumentException(images + ": square images expected");
        if (side < images.rows()) throw new IllegalArgumentException("side " + side + " < image side " + images.rows());
        this.n = indices.length;
        this.channels = images.channels();
        this.side = side;
        this.dim = channels * side * side;
        this.x = new float[n * dim];
        int src = images.rows(), off = (side - src) / 2;
        float[] one = new float[images.dim()];
        for (int i = 0; i < n; i++) {
            images.copyImage(indices[i], one, 0);
            for (int c = 0; c < channels; c++)
                for (int r = 0; r < src; r++)
                    System.arraycopy(one, (c * src + r) * src, x, i * dim + (c * side + r + off) * side + off, src);
        }
    }

    public int size() { return n; }

    public int channels() { return channels; }

    public int side() { return side; }

    /** Values per image. */
    public int dim() { return dim; }

    /** The raw values (read-only), image i at [i·dim, (i+1)·dim). */
    public float[] values() { return x; }

    /**
     * Images {@code order[from .. to)} as [to−from, C, side, side]. The returned array is reused by the next
     * call with the same batch size: use it before asking for another.
     */
    public INDArray batch(int[] order, int from, int to) {
        int b = to - from;
        float[] buf = scratch.computeIfAbsent(b, k -> new float[k * dim]);
        for (int i = 0; i < b; i++) System.arraycopy(x, order[from + i] * dim, buf, i * dim, dim);
        INDArray arr = buffers.computeIfAbsent(b, k -> Nd4j.create(DataType.FLOAT, k, channels, side, side));
        arr.data().setData(buf);
        return arr;
    }
}
