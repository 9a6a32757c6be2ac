package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Atomic writes: the umask's permissions, the cause of a failure, and nothing left behind when one fails. */
class IoTest {

    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A result file gets the mode of any file this process creates (0666 less the umask), not createTempFile's 0600.
     * The build runs under umask 022 (`make test` sets it), where that is rw-r--r--.
     */
    @Test
    void aResultFileHasTheUmasksMode(@TempDir Path dir) throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("summary.csv");
        Io.writeAtomically(written, "x\n".getBytes(StandardCharsets.UTF_8));
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(plain);
        assertEquals(umasked, Files.getPosixFilePermissions(written));
        if ("0022".equals(System.getenv("ONECLASS_TEST_UMASK")))
            assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(written), "under umask 022");
        new ResultStore<>(dir, ResultStoreTest.Run.class).put(new ResultStoreTest.Run("k", "f", 0.5, ""));
        assertEquals(umasked, Files.getPosixFilePermissions(dir.resolve("runs").resolve("k.csv")));
    }

    /** A full disk mid-write, simulated by a stream that fails as the kernel's ENOSPC does: the cause is shown, the temp file removed, the old file kept. */
    @Test
    void aFailedWriteShowsItsCauseAndLeavesNoTemp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("chart.png");
        Io.writeAtomically(target, "old".getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(UncheckedIOException.class, () -> Io.writeAtomically(target, out -> {
            out.write(new byte[16384]);
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals(List.of("chart.png"), filesIn(dir), "no temp file left");
        assertEquals("old", Files.readString(target), "the previous file is untouched");
    }

    /** A folder without write permission: Java's AccessDeniedException carries only the path; the message says "Permission denied". */
    @Test
    void permissionDeniedIsSaid(@TempDir Path dir) {
        Path target = dir.resolve("summary.md");
        var e = assertThrows(UncheckedIOException.class, () -> Io.writeAtomically(target, out -> {
            throw new AccessDeniedException(dir.toString());
        }));
        assertEquals("cannot write " + target + ": Permission denied (" + dir + ")", e.getMessage());
        assertTrue(dir.toFile().list().length == 0, "no temp file left");
    }

    /** A folder that cannot be created (a file is in the way) names the folder and the reason. */
    @Test
    void anUncreatableFolderIsNamedWithItsCause(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("out"), "a file, not a folder");
        var e = assertThrows(UncheckedIOException.class, () -> new ResultStore<>(dir.resolve("out"), ResultStoreTest.Run.class));
        assertTrue(e.getMessage().startsWith("cannot create folder " + dir.resolve("out").resolve("runs") + ": Not a directory"), e.getMessage());
    }

    /**
     * A process killed mid-write leaves its temp file; the next store on the folder removes it when the process that
     * wrote it is dead and ran on this host. A live writer's temp file (a shard at work) and another host's stay.
     */
    @Test
    void tempFilesOfDeadProcessesOnThisHostAreRemoved(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String host = Io.OWNER.substring(0, Io.OWNER.lastIndexOf("-p"));
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path dead = Files.writeString(runs.resolve(".k.csv." + host + "-p" + p.pid() + ".1a2b.tmp"), "key,fing");
        Path live = Files.writeString(runs.resolve(".j.csv." + Io.OWNER + ".3c4d.tmp"), "key,fing");
        Path other = Files.writeString(runs.resolve(".i.csv.elsewhere-p" + p.pid() + ".5e6f.tmp"), "key,fing");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new ResultStore<>(dir, ResultStoreTest.Run.class, new java.io.PrintStream(log, true));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live) && Files.exists(other));
        assertEquals("note: removed 1 temp file(s) that a killed run left in " + runs, log.toString().strip());
    }

    /** The temp file an atomic write uses carries this process's tag, so that the clean-up can tell whose it is. */
    @Test
    void theTempFileIsNamedAfterItsWriter(@TempDir Path dir) {
        Path target = dir.resolve("x.csv");
        List<String> seen = new java.util.ArrayList<>();
        Io.writeAtomically(target, out -> seen.addAll(filesIn(dir)));
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).matches("\\.x\\.csv\\." + java.util.regex.Pattern.quote(Io.OWNER) + "\\.[0-9a-f]+\\.tmp"), seen.get(0));
    }
}
