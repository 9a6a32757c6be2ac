package oneclass.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * One pass over a data file: gunzipped if it starts with the gzip magic bytes {@code 1f 8b} (whatever
 * its name), and digested (sha256 of the decompressed bytes) as it is read, so checking a file costs
 * no second pass. Every failure is a {@link DataException} that names the file.
 */
final class DataFile implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    final Path path;
    final boolean gzipped;
    private final InputStream in;
    private final MessageDigest sha256;
    private long position;

    private DataFile(Path path, boolean gzipped, InputStream in, MessageDigest sha256) {
        this.path = path;
        this.gzipped = gzipped;
        this.in = in;
        this.sha256 = sha256;
    }

    static DataFile open(Path path) {
        InputStream raw = null;
        boolean gzipped = false;
        try {
            raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
            raw.mark(2);
            gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            MessageDigest sha256 = Checksums.newDigest("SHA-256");
            InputStream decoded = gzipped ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
            return new DataFile(path, gzipped, new DigestInputStream(decoded, sha256), sha256);
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": no such file");
        } catch (IOException e) {
            closeQuietly(raw);
            throw readFailure(path, gzipped, e);
        }
    }

    /** sha256 of the decompressed content of a whole file. */
    static String sha256Of(Path path) {
        try (DataFile f = open(path)) {
            f.skipToEnd();
            return f.sha256();
        }
    }

    /** Reads up to {@code b.length} bytes; fewer only at the end of the content. */
    int read(byte[] b) {
        return read(b, 0, b.length);
    }

    /** Reads up to {@code len} bytes into {@code b[off..]}; fewer only at the end of the content. */
    int read(byte[] b, int off, int len) {
        try {
            int n = in.readNBytes(b, off, len);
            position += n;
            return n;
        } catch (IOException e) {
            throw readFailure(path, gzipped, e);
        }
    }

    /**
     * The rest of the content as a stream (decompressed, digested as it is read), for line-oriented formats.
     * Read failures surface as {@link DataException}s that name the file.
     */
    InputStream asStream() {
        return new InputStream() {
            @Override public int read() {
                byte[] one = new byte[1];
                return DataFile.this.read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
            }

            @Override public int read(byte[] b, int off, int len) {
                if (len == 0) return 0;
                int n = DataFile.this.read(b, off, len);
                return n == 0 ? -1 : n;
            }
        };
    }

    /** Everything left. */
    byte[] readAll() {
        try {
            byte[] b = in.readAllBytes();
            position += b.length;
            return b;
        } catch (IOException e) {
            throw readFailure(path, gzipped, e);
        }
    }

    /** A big-endian int32 of a header; {@code what} names the field for the error if the content ends first. */
    int readInt(String what) {
        byte[] b = new byte[4];
        if (read(b) < 4) {
            throw error("truncated: the content ends after " + position + " bytes, inside the " + what + " of the header");
        }
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** Reads (and digests) the rest of the content; returns how many bytes were left. */
    long skipToEnd() {
        byte[] scratch = new byte[BUFFER_BYTES];
        long skipped = 0;
        for (int n; (n = read(scratch)) > 0; ) {
            skipped += n;
        }
        return skipped;
    }

    /** Decompressed bytes read so far. */
    long position() {
        return position;
    }

    /** sha256 of the decompressed bytes read so far, as hex; call once, at the end. */
    String sha256() {
        return Checksums.hex(sha256.digest());
    }

    /**
     * Compares the sha256 of the content (all of which must have been read) with the expected one;
     * a null expectation (a file with no published digest) passes. Returns the actual digest.
     */
    String verify(String expectedSha256) {
        String actual = sha256();
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            throw Checksums.mismatch(path + (gzipped ? " (decompressed)" : ""), "sha256", expectedSha256, actual);
        }
        return actual;
    }

    DataException error(String message) {
        return new DataException(path + ": " + message);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static DataException readFailure(Path path, boolean gzipped, IOException e) {
        // GZIPInputStream signals a damaged or cut-off stream with ZipException / EOFException.
        String what = gzipped ? "corrupt or truncated gzip data (" + e + ")" : "cannot read (" + e + ")";
        return new DataException(path + ": " + what, e);
    }

    private static void closeQuietly(InputStream s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing was written; a failure to close a read stream loses nothing.
            }
        }
    }
}
