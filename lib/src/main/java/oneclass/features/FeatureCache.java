package oneclass.features;

import oneclass.data.Features;
import oneclass.data.DataException;

import java.io.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.*;
import java.util.function.Supplier;

/**
 * Features are extracted once and kept on disk: a pretrained network's forward pass over 60,000 images
 * takes an hour on a CPU, HRN's runs on the features take seconds. The file's name is derived from a
 * {@link Key} that holds everything the features depend on (the extractor's {@link FeatureExtractor#identity()}:
 * model-file checksum, layer, pooling, preprocessing; and the image files' checksums), so a change to any of
 * them is a different file, and an old one is never used for new settings.
 *
 * <p>File format (big-endian), version 1:
 * <pre>
 * "OCFEAT01"                     8 bytes magic
 * int k, k bytes                 the key's text, UTF-8 (repeated in the file so it says what it holds)
 * 2 × part (train, then test):   int n, int d, n ints (labels), n·d floats (row-major features)
 * 32 bytes                       sha256 of everything before
 * </pre>
 * Written to a temp file in the same folder, then renamed: an interrupted extraction leaves no entry.
 * Read back strictly: a wrong magic, another key, impossible sizes, a short or long file or a wrong digest
 * are errors that name the file.
 */
public final class FeatureCache {
    private FeatureCache() {}

    static final byte[] MAGIC = "OCFEAT01".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_KEY_BYTES = 1 << 20;

    /**
     * What the features depend on.
     *
     * @param extractor   {@link FeatureExtractor#identity()}
     * @param dataset     e.g. cifar10
     * @param subset      which part of the data set (full, or the development subset)
     * @param dataSha256  path → sha256 of every image file read
     */
    public record Key(String extractor, String dataset, String subset, Map<String, String> dataSha256) {
        public Key {
            Objects.requireNonNull(extractor, "extractor");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(subset, "subset");
            dataSha256 = Collections.unmodifiableMap(new TreeMap<>(dataSha256));
        }

        /** One line per component, in a fixed order. */
        public String text() {
            StringBuilder s = new StringBuilder("oneclass-repro features v1\n");
            s.append("extractor=").append(extractor).append('\n').append("dataset=").append(dataset).append('\n')
                    .append("variant=").append(subset).append('\n'); // the file format's word, kept: caches made before stay valid
            dataSha256.forEach((f, h) -> s.append("data ").append(f).append('=').append(h).append('\n'));
            return s.toString();
        }

        /** The first 24 hex digits of the text's sha256: the file name. */
        public String id() {
            return hex(sha256().digest(text().getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        }
    }

    /** Where the entry for {@code key} lives under {@code dir}. */
    public static Path file(Path dir, Key key) {
        return dir.resolve(key.dataset() + "-" + key.id() + ".features");
    }

    /**
     * The cached features for {@code key}, or {@code compute}'s, which are then written to the cache.
     *
     * @param log told whether the entry was found (may be null)
     */
    public static Features.Split getOrCompute(Path dir, Key key, Supplier<Features.Split> compute, PrintStream log) {
        Path f = file(dir, key);
        if (Files.isRegularFile(f)) {
            Features.Split s = read(f, key);
            if (log != null) log.println("features: cached in " + f + " (" + s.train() + " train, " + s.test() + " test)");
            return s;
        }
        if (log != null) log.println("features: not cached yet; extracting into " + f);
        Features.Split s = compute.get();
        write(f, key, s);
        return s;
    }

    /** Writes an entry atomically ({@link oneclass.run.Io}: a temp file in the same folder, then a rename). */
    public static void write(Path file, Key key, Features.Split split) {
        oneclass.run.Io.writeAtomically(file, bos -> {
            MessageDigest md = sha256();
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(bos, md));
            out.write(MAGIC);
            byte[] k = key.text().getBytes(StandardCharsets.UTF_8);
            out.writeInt(k.length);
            out.write(k);
            writePart(out, split.train());
            writePart(out, split.test());
            out.flush();
            bos.write(md.digest()); // not through the digest stream
        });
    }

    private static void writePart(DataOutputStream out, Features f) throws IOException {
        out.writeInt(f.n());
        out.writeInt(f.d());
        for (int l : f.labels()) out.writeInt(l);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        float[] x = f.x();
        for (int i = 0; i < x.length; ) {
            int m = Math.min(x.length - i, buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(x, i, m);
            out.write(buf.array(), 0, m * 4);
            i += m;
        }
    }

    /**
     * Reads an entry and checks it holds {@code key}'s features.
     *
     * @throws DataException naming the file and what is wrong with it
     */
    public static Features.Split read(Path file, Key key) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DataException("cannot read feature cache " + file + ": " + e, e);
        }
        String fix = " Delete it to extract the features again.";
        try (InputStream fis = Files.newInputStream(file); BufferedInputStream bis = new BufferedInputStream(fis, 1 << 20)) {
            MessageDigest md = sha256();
            DataInputStream in = new DataInputStream(new DigestInputStream(bis, md));
            long[] left = {size - 32};
            if (left[0] < MAGIC.length + 4) throw bad(file, size + " bytes is too short for a feature cache file." + fix);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            left[0] -= MAGIC.length;
            if (!Arrays.equals(magic, MAGIC)) throw bad(file, "does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
                    + ": not a feature cache file (version 1)." + fix);
            int k = in.readInt();
            left[0] -= 4;
            if (k < 0 || k > MAX_KEY_BYTES || k > left[0]) throw bad(file, "key length " + k + " is impossible (" + left[0] + " bytes left)." + fix);
            byte[] keyBytes = new byte[k];
            in.readFully(keyBytes);
            left[0] -= k;
            String text = new String(keyBytes, StandardCharsets.UTF_8);
            if (!text.equals(key.text()))
                throw bad(file, "holds features for another extractor or data:\n" + text + "expected:\n" + key.text() + fix);
            Features train = readPart(in, file, "train", left);
            Features test = readPart(in, file, "test", left);
            if (left[0] != 0) throw bad(file, left[0] + " unexpected bytes after the test features." + fix);
            byte[] expected = md.digest();
            byte[] actual = new byte[32];
            int r = bis.readNBytes(actual, 0, 32);
            if (r != 32 || bis.read() != -1) throw bad(file, "the trailing sha256 is missing or followed by more bytes." + fix);
            if (!Arrays.equals(expected, actual)) throw bad(file, "sha256 mismatch: the content is corrupt." + fix);
            if (train.d() != test.d()) throw bad(file, "train features have d = " + train.d() + ", test d = " + test.d() + "." + fix);
            return new Features.Split(train, test);
        } catch (EOFException e) {
            throw bad(file, "ends early (truncated)." + fix);
        } catch (IOException e) {
            throw new DataException("cannot read feature cache " + file + ": " + e, e);
        }
    }

    private static Features readPart(DataInputStream in, Path file, String part, long[] left) throws IOException {
        if (left[0] < 8) throw bad(file, "ends before the " + part + " part's sizes (truncated).");
        int n = in.readInt(), d = in.readInt();
        left[0] -= 8;
        long need = 4L * n + 4L * n * d;
        if (n < 0 || d < 1 || need > left[0])
            throw bad(file, part + " part: n = " + n + ", d = " + d + " needs " + (n < 0 || d < 1 ? "impossible sizes" : need + " bytes")
                    + ", " + left[0] + " left (truncated or corrupt). Delete it to extract the features again.");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = in.readInt();
        float[] x = new float[Math.multiplyExact(n, d)];
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < x.length; ) {
            int m = Math.min(x.length - i, buf.length / 4);
            in.readFully(buf, 0, m * 4);
            ByteBuffer.wrap(buf, 0, m * 4).asFloatBuffer().get(x, i, m);
            i += m;
        }
        left[0] -= need;
        return new Features(x, d, labels);
    }

    private static DataException bad(Path file, String what) {
        return new DataException("feature cache " + file + ": " + what);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }
}
