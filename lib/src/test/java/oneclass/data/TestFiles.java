package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small files in the real formats (IDX, CIFAR-10 binary, gzip, ustar) for the tests, and checks what the errors about them say. */
final class TestFiles {

    private TestFiles() {
    }

    /** {@code e}'s message contains each of {@code parts}. */
    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    /** The pixel the generated files hold at value {@code d} of image {@code i}: distinct, covers 0..255. */
    static int pixel(int i, int d) {
        return (i * 31 + d * 7) & 0xff;
    }

    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols); // big-endian by default
        b.putInt(Idx.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < rows * cols; d++) {
                b.put((byte) pixel(i, d));
            }
        }
        return b.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(Idx.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    static byte[] cifarRecords(int... labels) {
        byte[] b = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            b[i * Cifar10.RECORD_BYTES] = (byte) labels[i];
            for (int d = 0; d < Cifar10.IMAGE_BYTES; d++) {
                b[i * Cifar10.RECORD_BYTES + 1 + d] = (byte) pixel(i, d);
            }
        }
        return b;
    }

    /** A full-size batch (10,000 records), cheap to gzip: label i % 10, pixel 0 = i & 0xff, the rest 0. */
    static byte[] fullCifarBatch() {
        byte[] b = new byte[DataSource.CIFAR10_BATCH_RECORDS * Cifar10.RECORD_BYTES];
        for (int i = 0; i < DataSource.CIFAR10_BATCH_RECORDS; i++) {
            b[i * Cifar10.RECORD_BYTES] = (byte) (i % 10);
            b[i * Cifar10.RECORD_BYTES + 1] = (byte) i;
        }
        return b;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code content} to {@code file} (gzipped if asked), creating folders; returns the file. */
    static Path write(Path file, byte[] content, boolean gzipped) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, gzipped ? gzip(content) : content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A ustar archive of regular files (name → content) plus one directory entry for each file's folder. */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String name = e.getKey();
            if (name.contains("/")) {
                out.writeBytes(tarHeader(name.substring(0, name.lastIndexOf('/') + 1), 0, '5'));
            }
            byte[] content = e.getValue();
            out.writeBytes(tarHeader(name, content.length, '0'));
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
