package oneclass.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the CIFAR-10 binary version (Krizhevsky 2009, "Learning Multiple Layers of Features from
 * Tiny Images"; format: https://www.cs.toronto.edu/~kriz/cifar.html, "Binary version").
 *
 * <p>A batch file is a sequence of 3073-byte records: 1 label byte (0..9), then the 32×32 image as
 * 1024 red, 1024 green and 1024 blue bytes, each plane row-major. The official files hold 10,000
 * records each ({@code data_batch_1.bin .. data_batch_5.bin}, {@code test_batch.bin}); a batch may be
 * gzipped ({@code .bin.gz}), detected by content.
 */
public final class Cifar10 {

    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    public static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int NUM_CLASSES = 10;

    /** The records of one batch file; {@code sha256} is of its decompressed bytes. */
    public record Batch(Path file, byte[] pixels, int[] labels, String sha256) {
        public int size() {
            return labels.length;
        }
    }

    private Cifar10() {
    }

    /** Reads batch files into one set, in the order given, checking nothing against published digests. */
    public static Images read(String name, List<Path> files) {
        List<Batch> batches = new ArrayList<>();
        for (Path file : files) {
            batches.add(readBatch(file, null));
        }
        return concat(name, batches);
    }

    /**
     * Reads one batch file.
     *
     * @param expectedSha256 sha256 of the decompressed content, or null when the file has no published digest
     */
    public static Batch readBatch(Path file, String expectedSha256) {
        try (DataFile f = DataFile.open(file)) {
            // Read whole: the size must be checked before the records mean anything, and a gzipped
            // file's size is only known at its end. A batch is 30 MB.
            byte[] content = f.readAll();
            if (content.length == 0 || content.length % RECORD_BYTES != 0) {
                throw f.error(content.length + " bytes" + (f.gzipped ? " (decompressed)" : "") + " is not a positive multiple"
                        + " of the " + RECORD_BYTES + "-byte CIFAR-10 record (1 label byte + 32x32x3 pixel bytes): the file"
                        + " is truncated or not a CIFAR-10 binary batch (CIFAR-100 records are 3074 bytes)");
            }
            String sha256 = f.verify(expectedSha256);
            int n = content.length / RECORD_BYTES;
            byte[] pixels = new byte[n * IMAGE_BYTES];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = content[i * RECORD_BYTES] & 0xff;
                if (labels[i] >= NUM_CLASSES) {
                    throw f.error("record " + i + " has label " + labels[i] + "; CIFAR-10 labels are 0..9");
                }
                System.arraycopy(content, i * RECORD_BYTES + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
            }
            return new Batch(file, pixels, labels, sha256);
        }
    }

    /** Concatenates batches, in order, into one image set. */
    public static Images concat(String name, List<Batch> batches) {
        int n = batches.stream().mapToInt(Batch::size).sum();
        byte[] pixels = new byte[Math.multiplyExact(n, IMAGE_BYTES)];
        int[] labels = new int[n];
        int at = 0;
        for (Batch b : batches) {
            System.arraycopy(b.pixels(), 0, pixels, at * IMAGE_BYTES, b.pixels().length);
            System.arraycopy(b.labels(), 0, labels, at, b.size());
            at += b.size();
        }
        return new Images(name, SIDE, SIDE, CHANNELS, pixels, labels);
    }
}
