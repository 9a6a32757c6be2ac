package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A table's outputs are one set: whole (the manifest matches every file) or visibly not. */
class OutputSetTest {

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static void writeSet(Path dir, String... namesAndContents) {
        OutputSet set = OutputSet.begin(dir);
        for (int i = 0; i < namesAndContents.length; i += 2) set.write(namesAndContents[i], b(namesAndContents[i + 1]));
        set.commit();
    }

    @Test
    void aCommittedSetVerifies(@TempDir Path dir) {
        writeSet(dir, "summary.csv", "a\n", "summary.md", "# t\n", "chart-mnist.png", "png");
        assertEquals(List.of("summary.csv", "summary.md", "chart-mnist.png"), List.copyOf(OutputSet.verified(dir).keySet()));
    }

    /** A write that fails half-way (a full disk at the chart) leaves no manifest: the reader is told, not given a mixed set. */
    @Test
    void aSetInterruptedHalfWayIsNotTakenForWhole(@TempDir Path dir) {
        writeSet(dir, "summary.csv", "old\n", "chart-mnist.png", "old png");
        OutputSet next = OutputSet.begin(dir);
        next.write("summary.csv", b("new\n"));
        assertThrows(UncheckedIOException.class, () -> Io.writeAtomically(dir.resolve("chart-mnist.png"), out -> {
            throw new IOException("No space left on device");
        }));
        var e = assertThrows(IllegalArgumentException.class, () -> OutputSet.verified(dir));
        assertTrue(e.getMessage().contains(OutputSet.MANIFEST + " is missing"), e.getMessage());
    }

    /** The new set replaces the old whole: a file the new one no longer has (a data set not run this time) goes. */
    @Test
    void theNewSetReplacesTheOldWhole(@TempDir Path dir) {
        writeSet(dir, "summary.csv", "old\n", "chart-cifar10.png", "old png");
        writeSet(dir, "summary.csv", "new\n", "chart-mnist.png", "new png");
        assertEquals(List.of("chart-mnist.png", OutputSet.MANIFEST, "summary.csv"), filesIn(dir));
        assertEquals(List.of("summary.csv", "chart-mnist.png"), List.copyOf(OutputSet.verified(dir).keySet()));
    }

    /** A file cut short or changed after the set was written is named. */
    @Test
    void aDamagedMemberIsNamed(@TempDir Path dir) throws IOException {
        writeSet(dir, "summary.csv", "dataset,cls\nmnist,0\n", "summary.md", "# t\n");
        Files.writeString(dir.resolve("summary.csv"), "dataset,cls\nmni");
        var e = assertThrows(IllegalArgumentException.class, () -> OutputSet.verified(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("summary.csv") + " is damaged: 15 bytes"), e.getMessage());
        Files.delete(dir.resolve("summary.csv"));
        var gone = assertThrows(IllegalArgumentException.class, () -> OutputSet.verified(dir));
        assertTrue(gone.getMessage().startsWith(dir.resolve("summary.csv") + " is missing"), gone.getMessage());
        byte[] m = Files.readAllBytes(dir.resolve(OutputSet.MANIFEST));
        Files.write(dir.resolve(OutputSet.MANIFEST), java.util.Arrays.copyOf(m, m.length - 2));
        var cut = assertThrows(IllegalArgumentException.class, () -> OutputSet.verified(dir));
        assertTrue(cut.getMessage().startsWith(dir.resolve(OutputSet.MANIFEST) + " is damaged"), cut.getMessage());
    }

    static List<String> filesIn(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
