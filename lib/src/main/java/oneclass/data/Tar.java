package oneclass.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Just enough of a tar reader to unpack the CIFAR-10 archive: regular files of a (gzipped) ustar
 * archive — POSIX.1-1988 layout: 512-byte header blocks with the name at 0, the octal size at 124,
 * the header checksum at 148, the type flag at 156 and the ustar name prefix at 345; contents padded
 * to 512 bytes; two zero blocks at the end. Other entry types are skipped.
 */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {
    }

    /**
     * Extracts the regular-file members whose base name is in {@code wanted} into {@code destDir}
     * (flattened: only the base name is kept, so a hostile member name cannot escape the folder). Each
     * member goes to a temp file first and is moved into place atomically. Returns the names extracted.
     */
    static Set<String> extract(Path archive, Path destDir, Set<String> wanted) throws IOException {
        Set<String> extracted = new HashSet<>();
        Files.createDirectories(destDir);
        try (DataFile f = DataFile.open(archive)) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (f.read(header, 0, BLOCK) < BLOCK) {
                    throw f.error("truncated tar archive: it ends inside a header, without the end-of-archive blocks");
                }
                if (isZero(header)) {
                    return extracted;
                }
                checkHeaderChecksum(f, header);
                String name = entryName(header);
                long size = octal(f, header, 124, 12);
                byte type = header[156];
                String baseName = name.substring(name.lastIndexOf('/') + 1);
                boolean regular = type == '0' || type == 0;
                if (regular && wanted.contains(baseName)) {
                    copyMember(f, size, destDir.resolve(baseName));
                    extracted.add(baseName);
                } else {
                    skipFully(f, size);
                }
                skipFully(f, (BLOCK - size % BLOCK) % BLOCK);
            }
        }
    }

    private static void copyMember(DataFile f, long size, Path target) throws IOException {
        Path temp = oneclass.run.Io.createTemp(target.getParent(), target.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                for (long left = size; left > 0; ) {
                    int n = f.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n == 0) {
                        throw f.error("truncated tar archive: member " + target.getFileName() + " should hold " + size + " bytes");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void skipFully(DataFile f, long n) {
        byte[] scratch = new byte[1 << 16];
        for (long left = n; left > 0; ) {
            int got = f.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (got == 0) {
                throw f.error("truncated tar archive");
            }
            left -= got;
        }
    }

    private static String entryName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void checkHeaderChecksum(DataFile f, byte[] header) {
        // The checksum is the unsigned sum of the header bytes with its own 8-byte field read as spaces.
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        long stored = octal(f, header, 148, 8);
        if (sum != stored) {
            throw f.error("not a tar archive, or a corrupt one: header checksum is " + stored + ", the header sums to " + sum);
        }
    }

    private static long octal(DataFile f, byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            throw f.error("tar header uses base-256 numbers (a member over 8 GB?), which this reader does not support");
        }
        String digits = field(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw f.error("not a tar archive, or a corrupt one: header field at byte " + offset + " is '" + digits + "', not octal");
        }
    }

    /** A NUL-terminated (or field-long) ASCII field. */
    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
