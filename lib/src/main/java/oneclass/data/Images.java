package oneclass.data;

import java.util.Objects;

/**
 * A labelled image set, held as the raw unsigned bytes of the file it came from.
 *
 * <p>Image {@code i} occupies {@code pixels[i*dim .. (i+1)*dim)} with {@code dim = rows*cols*channels},
 * in the file's own layout: row-major {@code [rows][cols]} for IDX (MNIST, Fashion-MNIST) and
 * channel-major {@code [3][32][32]} (1024 R, then 1024 G, then 1024 B bytes) for CIFAR-10. Bytes, not
 * floats, because the 50,000 CIFAR-10 training images take 150 MB as bytes and 600 MB as floats;
 * callers scale the images they need with {@link #copyImage}.
 *
 * <p>The arrays are not copied (they can be large): treat them as read-only.
 */
public record Images(String name, int rows, int cols, int channels, byte[] pixels, int[] labels) implements Labelled {

    public Images {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (rows <= 0 || cols <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    name + ": rows, cols and channels must be positive, got " + rows + " x " + cols + " x " + channels);
        }
        long dim = (long) rows * cols * channels;
        if (pixels.length != labels.length * dim) {
            throw new IllegalArgumentException(name + ": pixels.length is " + pixels.length + ", expected labels.length ("
                    + labels.length + ") x dim (" + rows + " x " + cols + " x " + channels + " = " + dim + ") = "
                    + labels.length * dim);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Values per image: rows × cols × channels. */
    public int dim() {
        return rows * cols * channels;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Value {@code d} of image {@code i}, scaled to [0, 1]. */
    public float pixel(int i, int d) {
        return (pixels[i * dim() + d] & 0xff) / 255f;
    }

    /** Writes image {@code i}, scaled to [0, 1] exactly as {@link #pixel}, into {@code dst[offset .. offset+dim)}. */
    public void copyImage(int i, float[] dst, int offset) {
        int dim = dim();
        int base = i * dim;
        for (int d = 0; d < dim; d++) {
            dst[offset + d] = (pixels[base + d] & 0xff) / 255f;
        }
    }

    /** Indices of the images with this label, in file order. */
    @Override
    public int[] indicesOf(int label) {
        int count = 0;
        for (int l : labels) {
            if (l == label) {
                count++;
            }
        }
        int[] indices = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                indices[k++] = i;
            }
        }
        return indices;
    }

    /** The images at these indices, in the order given (repeats allowed), as a new set with copied arrays. */
    public Images select(int[] indices) {
        int dim = dim();
        byte[] selectedPixels = new byte[indices.length * dim];
        int[] selectedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException(name + ": index " + i + " at position " + k + " is outside 0.." + (size() - 1));
            }
            System.arraycopy(pixels, i * dim, selectedPixels, k * dim, dim);
            selectedLabels[k] = labels[i];
        }
        return new Images(name + "[" + indices.length + " selected]", rows, cols, channels, selectedPixels, selectedLabels);
    }

    /** Short: the arrays themselves are too large to print. */
    @Override
    public String toString() {
        return "Images[" + name + ": " + size() + " x " + rows + "x" + cols + "x" + channels + "]";
    }
}
