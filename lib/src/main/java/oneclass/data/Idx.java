package oneclass.data;

import java.nio.file.Path;

/**
 * Reader for the IDX files of MNIST and Fashion-MNIST (format: http://yann.lecun.com/exdb/mnist/,
 * "FILE FORMATS FOR THE MNIST DATABASE").
 *
 * <p>A file is a big-endian header, then unsigned bytes: magic {@code 0x00000803} (ubyte, 3 dims),
 * count, rows, cols, then count×rows×cols pixels for images; magic {@code 0x00000801} (ubyte, 1 dim),
 * count, then count labels for labels. Files may be gzipped (detected by content, not by name).
 * The reader is strict: a short file, extra bytes, or an out-of-range label is an error, not a
 * silently smaller data set.
 */
public final class Idx {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;

    /** The content of an image file; {@code sha256} is of its decompressed bytes. */
    public record ImageFile(int count, int rows, int cols, byte[] pixels, String sha256) {
    }

    /** The content of a label file; {@code sha256} is of its decompressed bytes. */
    public record LabelFile(int[] labels, String sha256) {
    }

    private Idx() {
    }

    /** Reads an image file and its label file into one set, checking nothing against published digests. */
    public static Images read(String name, Path imagesFile, Path labelsFile, int numClasses) {
        return combine(name, readImages(imagesFile, null), imagesFile, readLabels(labelsFile, numClasses, null), labelsFile);
    }

    /**
     * Reads an IDX image file.
     *
     * @param expectedSha256 sha256 of the decompressed content, or null when the file has no published digest
     */
    public static ImageFile readImages(Path file, String expectedSha256) {
        try (DataFile f = DataFile.open(file)) {
            int magic = f.readInt("magic number");
            if (magic != IMAGES_MAGIC) {
                throw f.error(wrongMagic("image", IMAGES_MAGIC, magic));
            }
            int count = f.readInt("image count");
            int rows = f.readInt("row count");
            int cols = f.readInt("column count");
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw f.error("header says " + count + " images of " + rows + " x " + cols + " pixels; expected positive sizes");
            }
            long pixelBytes = (long) count * rows * cols;
            if (pixelBytes > Integer.MAX_VALUE - 8) {
                throw f.error("header says " + count + " x " + rows + " x " + cols + " = " + pixelBytes
                        + " pixel bytes, more than one Java array holds; the header is corrupt");
            }
            // Shortcut: a corrupt header can make us allocate up to 2 GB before the short read shows it.
            byte[] pixels = new byte[(int) pixelBytes];
            int got = f.read(pixels);
            if (got < pixelBytes) {
                throw f.error("truncated: header says " + count + " x " + rows + " x " + cols + " = " + pixelBytes
                        + " pixel bytes after the " + IMAGES_HEADER_BYTES + "-byte header, the file holds " + got);
            }
            long trailing = f.skipToEnd();
            if (trailing > 0) {
                throw f.error(trailing + " bytes of trailing data after the " + count + " images the header announces"
                        + " (" + (IMAGES_HEADER_BYTES + pixelBytes) + " bytes expected in all)");
            }
            String sha256 = f.verify(expectedSha256);
            return new ImageFile(count, rows, cols, pixels, sha256);
        }
    }

    /**
     * Reads an IDX label file; every label must lie in {@code 0..numClasses-1}.
     *
     * @param expectedSha256 sha256 of the decompressed content, or null when the file has no published digest
     */
    public static LabelFile readLabels(Path file, int numClasses, String expectedSha256) {
        try (DataFile f = DataFile.open(file)) {
            int magic = f.readInt("magic number");
            if (magic != LABELS_MAGIC) {
                throw f.error(wrongMagic("label", LABELS_MAGIC, magic));
            }
            int count = f.readInt("label count");
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw f.error("header says " + count + " labels; the header is corrupt");
            }
            byte[] bytes = new byte[count];
            int got = f.read(bytes);
            if (got < count) {
                throw f.error("truncated: header says " + count + " labels = " + count + " bytes after the "
                        + LABELS_HEADER_BYTES + "-byte header, the file holds " + got);
            }
            long trailing = f.skipToEnd();
            if (trailing > 0) {
                throw f.error(trailing + " bytes of trailing data after the " + count + " labels the header announces"
                        + " (" + (LABELS_HEADER_BYTES + count) + " bytes expected in all)");
            }
            String sha256 = f.verify(expectedSha256);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] >= numClasses) {
                    throw f.error("label " + labels[i] + " at index " + i + " is outside 0.." + (numClasses - 1));
                }
            }
            return new LabelFile(labels, sha256);
        }
    }

    /** Joins an image file and its label file; their counts must agree. */
    public static Images combine(String name, ImageFile images, Path imagesFile, LabelFile labels, Path labelsFile) {
        if (images.count() != labels.labels().length) {
            throw new DataException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.labels().length + " labels; the two files must come from the same split");
        }
        return new Images(name, images.rows(), images.cols(), 1, images.pixels(), labels.labels());
    }

    private static String wrongMagic(String kind, int expected, int found) {
        String hint = "";
        if (found == IMAGES_MAGIC || found == LABELS_MAGIC) {
            hint = " (that is the magic of an IDX " + (found == IMAGES_MAGIC ? "image" : "label") + " file: are the files swapped?)";
        }
        return String.format("not an IDX %s file: expected magic 0x%08x, found 0x%08x%s", kind, expected, found, hint);
    }
}
