package oneclass.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Digests of data files, and the table of known digests that the loaders check against.
 *
 * <p>The known sha256 are of the UNCOMPRESSED content (as the originals' publishers list them), so
 * one table serves every mirror however it gzipped the files. They are keyed by the path under the
 * data directory without {@code .gz}, e.g. {@code mnist/train-images-idx3-ubyte}. The full CIFAR-10
 * batches have no entry: they are protected by the md5 of the official archive when downloaded, and
 * their sha256 is recorded for provenance.
 */
public final class Checksums {

    /** md5 of https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, as published on the CIFAR page. */
    public static final String CIFAR10_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    private static final Map<String, String> KNOWN_SHA256 = Map.ofEntries(
            Map.entry("mnist/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            Map.entry("mnist/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            Map.entry("mnist/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            Map.entry("mnist/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            Map.entry("fashion-mnist/train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            Map.entry("fashion-mnist/train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            Map.entry("fashion-mnist/t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            Map.entry("fashion-mnist/t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            Map.entry("cifar10-subset/cifar-10-batches-bin/data_batch_1.bin", "0993cf8b8e43bc207603aef9787006995746513f5e3fa5a52e06d1b069926330"),
            Map.entry("cifar10-subset/cifar-10-batches-bin/test_batch.bin", "8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5"));

    private Checksums() {
    }

    /** The whole table: path under the data directory (no {@code .gz}) → sha256 of the uncompressed content. */
    public static Map<String, String> knownSha256() {
        return KNOWN_SHA256;
    }

    /**
     * The known sha256 of the uncompressed content of the file at this path under the data directory;
     * a trailing {@code .gz} and Windows separators are ignored.
     */
    public static Optional<String> knownSha256(String relativePath) {
        String key = relativePath.replace('\\', '/');
        if (key.endsWith(".gz")) {
            key = key.substring(0, key.length() - 3);
        }
        return Optional.ofNullable(KNOWN_SHA256.get(key));
    }

    /** sha256 of everything left in the stream, as lower-case hex. Does not close the stream. */
    public static String sha256(InputStream in) throws IOException {
        return digest("SHA-256", in);
    }

    /** md5 of everything left in the stream, as lower-case hex. Does not close the stream. */
    public static String md5(InputStream in) throws IOException {
        return digest("MD5", in);
    }

    /** sha256 of the file's bytes as stored (not decompressed). */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** md5 of the file's bytes as stored (not decompressed). */
    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return md5(in);
        }
    }

    /**
     * The error for a file whose digest is not the published one. Says what the two likely causes
     * are, because "checksum mismatch" alone leaves the user guessing.
     */
    public static DataException mismatch(String what, String algorithm, String expected, String actual) {
        return new DataException(what + ": " + algorithm + " of the content is " + actual + ", expected " + expected
                + ". The file is corrupt (e.g. an interrupted download) or comes from another release of the data set;"
                + " delete it and download it again, or replace it with the official file.");
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256 (MessageDigest javadoc).
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static String digest(String algorithm, InputStream in) throws IOException {
        MessageDigest md = newDigest(algorithm);
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return hex(md.digest());
    }
}
