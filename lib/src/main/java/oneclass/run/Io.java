package oneclass.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How every result file is written: whole or not at all, readable as the umask says, and with the cause when
 * it fails. The content goes to a hidden temp file beside the target ({@code .<name>.<random>.tmp}), is
 * flushed to the disk, and is renamed onto the target; a reader sees the old file or the new one, never half
 * of one. The temp file is created as an ordinary file (mode 0666 less the umask, e.g. 0644), not with
 * {@link Files#createTempFile} (always 0600, which hides results from the rest of a group). A failed write
 * (a full disk, a folder without write permission) deletes its temp file and says why.
 */
public final class Io {
    private Io() {}

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeAtomically(Path target, byte[] content) {
        writeAtomically(target, out -> out.write(content));
    }

    /** Writes {@code target} atomically, creating its folder; the error names the file and the cause, and leaves no temp file. */
    public static void writeAtomically(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = null;
        try {
            tmp = createTemp(dir, "." + target.getFileName() + "." + OWNER + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
                    @Override
                    public void close() throws IOException { flush(); } // a writer that closes its stream must not close the channel
                };
                content.writeTo(out);
                out.flush();
                ch.force(true); // on the disk before the rename makes it visible
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    /**
     * A new empty file {@code <prefix><random><suffix>} in {@code dir} with the umask's permissions: what
     * {@link Files#createTempFile} does, less its mode 0600.
     */
    public static Path createTemp(Path dir, String prefix, String suffix) throws IOException {
        while (true) {
            Path tmp = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + suffix);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            }
        }
    }

    /**
     * Who writes a temp file: host and process, e.g. {@code node12-p4711}. A process killed mid-write (kill -9, a Slurm
     * time limit) leaves its temp file; {@link #removeStaleTemps} removes those of dead processes on this host, and never
     * touches another host's (shards on several machines may share a folder).
     */
    static final String OWNER = host().replaceAll("[^A-Za-z0-9_]", "_") + "-p" + ProcessHandle.current().pid();

    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("^\\..+\\.([A-Za-z0-9_]+)-p(\\d+)\\.[0-9a-f]+\\.tmp$");

    private static String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException notLinux) {
            String h = System.getenv("HOSTNAME");
            return h != null && !h.isBlank() ? h : "host";
        }
    }

    /** Deletes the temp files in {@code dir} that a process of this host left when it died mid-write; returns how many. */
    public static int removeStaleTemps(Path dir) {
        String host = OWNER.substring(0, OWNER.lastIndexOf("-p"));
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                java.util.regex.Matcher m = TEMP.matcher(f.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(host)) continue;
                boolean alive = ProcessHandle.of(Long.parseLong(m.group(2))).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && Files.deleteIfExists(f)) removed++;
            }
        } catch (NoSuchFileException absent) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + reason(e), e);
        }
        return removed;
    }

    /** Whether {@code name} is a temp file that {@link #writeAtomically} leaves only while it writes (or when it is killed). */
    public static boolean isTemp(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    public static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + dir + ": " + reason(e), e);
        }
    }

    static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the write's own error is the one to report
        }
    }

    /**
     * Why an I/O operation failed, in the operating system's words where Java has them: "No space left on device"
     * is the message of the IOException itself; a {@link FileSystemException} carries the path as its message and
     * the reason apart, and its subclasses stand for the common errnos without any text.
     */
    public static String reason(IOException e) {
        if (!(e instanceof FileSystemException f)) return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String why = f.getReason() != null ? f.getReason()
                : f instanceof AccessDeniedException ? "Permission denied"
                : f instanceof NoSuchFileException ? "No such file or directory"
                : f instanceof FileAlreadyExistsException ? "File exists"
                : f instanceof NotDirectoryException ? "Not a directory"
                : f instanceof DirectoryNotEmptyException ? "Directory not empty"
                : f.getClass().getSimpleName();
        return why + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
    }
}
