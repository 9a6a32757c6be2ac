package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** One CSV file per run under runs/, written atomically, found again by key and checked by fingerprint. */
class ResultStoreTest {

    record Run(String key, String fingerprint, double auc, String config) implements RunRow {}

    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void putThenFind(@TempDir Path dir) {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        Run r = new Run("mnist_c1_HRN_s1", "fp-A", 0.1 + 0.2, "arch=[784-100]-[100-1], \"relu\"");
        store.put(r);
        assertEquals(Optional.of(r), store.find("mnist_c1_HRN_s1", "fp-A"));
        assertEquals(Optional.empty(), store.find("mnist_c2_HRN_s1", "fp-A"));
        assertTrue(Files.isRegularFile(dir.resolve("runs").resolve("mnist_c1_HRN_s1.csv")));
    }

    /** A removed run is not found any more, the other runs stay, and removing a run that is not stored is no error. */
    @Test
    void removeForgetsOneRun(@TempDir Path dir) {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        Run a = new Run("mnist_c1_HRN_s1", "fp-A", 1, "a"), b = new Run("mnist_c2_HRN_s1", "fp-A", 2, "b");
        store.put(a);
        store.put(b);
        store.remove("mnist_c1_HRN_s1", "a test");
        assertEquals(Optional.empty(), store.find("mnist_c1_HRN_s1", "fp-A"));
        assertEquals(List.of(b), store.all());
        store.remove("mnist_c9_HRN_s1", "a test");
        assertEquals(List.of(b), store.all());
    }

    /** The file: a header, one row, and the CRC-32 of the row's text ("k,f,0.5,c", worked out by java.util.zip.CRC32) last. */
    @Test
    void fileIsAHeaderAndOneCheckedRow(@TempDir Path dir) throws IOException {
        new ResultStore<>(dir, Run.class).put(new Run("k", "f", 0.5, "c"));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("k,f,0.5,c".getBytes(StandardCharsets.UTF_8));
        assertEquals(String.format("key,fingerprint,auc,config,crc32%nk,f,0.5,c,%08x%n", crc.getValue()), Files.readString(dir.resolve("runs/k.csv")));
    }

    record Renamed(String key, String fingerprint, @com.fasterxml.jackson.annotation.JsonAlias("variant") String subset) implements RunRow {}

    /** A column renamed with its former name kept as @JsonAlias: files written before still read; any other name is damage. */
    record Grown(String key, String fingerprint, @RecordCsv.Added String note) implements RunRow {}

    record GrownWithout(String key, String fingerprint, String note) implements RunRow {}

    /** A column added later (@RecordCsv.Added): files written before it still read, with null in it; without the mark they are damaged. */
    @Test
    void anAddedColumnIsNullInFilesWrittenBeforeIt(@TempDir Path dir) throws IOException {
        ResultStore<Grown> store = new ResultStore<>(dir, Grown.class);
        Files.writeString(dir.resolve("runs/old.csv"), "key,fingerprint,crc32\nold,f," + ResultStore.crc("old,f") + "\n");
        store.put(new Grown("new", "f", "3 of 100 epochs"));
        assertTrue(Files.readString(dir.resolve("runs/new.csv")).startsWith("key,fingerprint,note,crc32\n"), "written with the new column");
        assertEquals(List.of(new Grown("new", "f", "3 of 100 epochs"), new Grown("old", "f", null)), store.all());
        ResultStore<GrownWithout> strict = new ResultStore<>(dir, GrownWithout.class);
        assertEquals(1, strict.scan().damaged().size(), "old.csv lacks a column that is not marked as added");
        assertTrue(strict.scan().damaged().get(0).reason().contains("old.csv is damaged: its first line is not the header"), strict.scan().damaged().toString());
    }

    @Test
    void aRenamedColumnReadsUnderItsFormerName(@TempDir Path dir) throws IOException {
        ResultStore<Renamed> store = new ResultStore<>(dir, Renamed.class);
        Files.writeString(dir.resolve("runs/old.csv"), "key,fingerprint,variant,crc32\nold,f,full," + ResultStore.crc("old,f,full") + "\n");
        store.put(new Renamed("new", "f", "subset (first 4000)"));
        assertTrue(Files.readString(dir.resolve("runs/new.csv")).startsWith("key,fingerprint,subset,crc32\n"), "written under the new name");
        assertEquals(List.of(new Renamed("new", "f", "subset (first 4000)"), new Renamed("old", "f", "full")), store.all());
        Files.writeString(dir.resolve("runs/odd.csv"), "key,fingerprint,part,crc32\nodd,f,full," + ResultStore.crc("odd,f,full") + "\n");
        assertEquals(1, store.scan().damaged().size());
        assertTrue(store.scan().damaged().get(0).reason().contains("odd.csv is damaged: its first line is not the header key,fingerprint,subset,crc32"),
                store.scan().damaged().toString());
    }

    @Test
    void anotherFingerprintIsAnErrorNamingTheFile(@TempDir Path dir) {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        store.put(new Run("k1", "fp-A", 0.9, ""));
        var e = assertThrows(IllegalStateException.class, () -> store.find("k1", "fp-B"));
        assertTrue(e.getMessage().contains(dir.resolve("runs").resolve("k1.csv").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fingerprint fp-A, now fp-B"), e.getMessage());
    }

    @Test
    void putReplacesAndAllListsInFileNameOrder(@TempDir Path dir) {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        store.put(new Run("b", "f", 0.2, ""));
        store.put(new Run("a", "f", 0.1, ""));
        store.put(new Run("c", "f", 0.3, ""));
        store.put(new Run("b", "f", 0.25, "again"));
        assertEquals(List.of(new Run("a", "f", 0.1, ""), new Run("b", "f", 0.25, "again"), new Run("c", "f", 0.3, "")), store.all());
        // a second store on the same folder (a resumed experiment) sees the same runs
        assertEquals(store.all(), new ResultStore<>(dir, Run.class).all());
    }

    @Test
    void noTempFilesAreLeft(@TempDir Path dir) throws IOException {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        for (int i = 0; i < 5; i++) store.put(new Run("r" + i, "f", i, ""));
        store.put(new Run("r0", "f", 9, ""));
        assertEquals(List.of("r0.csv", "r1.csv", "r2.csv", "r3.csv", "r4.csv"), filesIn(dir.resolve("runs")));
    }

    /** A write interrupted between the temp file and the rename leaves ".key….tmp": it is not a result. */
    @Test
    void leftoverTempFileIsIgnored(@TempDir Path dir) throws IOException {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        store.put(new Run("done", "f", 0.7, ""));
        Files.writeString(dir.resolve("runs").resolve(".half1234567.tmp"), "key,fingerprint,auc,config\nhalf,f,0.", StandardCharsets.UTF_8);
        assertEquals(List.of(new Run("done", "f", 0.7, "")), store.all());
        assertEquals(Optional.empty(), store.find("half", "f"), "the interrupted run is to be redone");
    }

    /**
     * A run file cut at any length (a kill or a full disk mid-write on a file system without atomic renames, or a copy
     * cut short), also inside an unquoted field, fails its check: the report's scan names it and skips it, the
     * scripts' final read names it, and a resumed run trains it again.
     */
    @Test
    void aTruncatedRunFileIsNamedSkippedAndRetrained(@TempDir Path dir) throws IOException {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        store.put(new Run("good", "f", 0.7, ""));
        store.put(new Run("cut", "f", 0.123456, "arch=784-100-1 lr=0.0001"));
        Path f = dir.resolve("runs").resolve("cut.csv");
        byte[] whole = Files.readAllBytes(f);
        for (int len = 0; len < whole.length; len++) {
            Files.write(f, java.util.Arrays.copyOf(whole, len));
            ResultStore.Scan<Run> scan = store.scan();
            assertEquals(List.of(new Run("good", "f", 0.7, "")), scan.runs(), "cut at " + len);
            assertEquals(1, scan.damaged().size(), "cut at " + len);
            assertEquals(f, scan.damaged().get(0).file());
            assertTrue(scan.damaged().get(0).reason().startsWith(f + " is damaged"), scan.damaged().get(0).reason());
            var e = assertThrows(IllegalArgumentException.class, store::all);
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertEquals(Optional.empty(), store.find("cut", "f"), "retrained on resume, cut at " + len);
        }
    }

    /** An edited value (the row still parses) is caught by the checksum; a wrong value type by the strict columns. */
    @Test
    void anEditedRunFileFailsItsCheck(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        ResultStore<Run> store = new ResultStore<>(dir, Run.class, new java.io.PrintStream(log, true));
        store.put(new Run("k", "f", 0.5, ""));
        Path f = dir.resolve("runs").resolve("k.csv");
        Files.writeString(f, Files.readString(f).replace("0.5", "0.9"));
        assertEquals(Optional.empty(), store.find("k", "f"));
        assertTrue(log.toString().contains(f + " is damaged: its crc32 is"), log.toString());
        assertTrue(log.toString().contains("training k again"), log.toString());
        String body = "k,f,oops,";
        Files.writeString(f, "key,fingerprint,auc,config,crc32\n" + body + "," + ResultStore.crc(body) + "\n");
        var n = assertThrows(IllegalArgumentException.class, store::all);
        assertTrue(n.getMessage().contains(f + " line 2") && n.getMessage().contains("oops"), n.getMessage());
    }

    @Test
    void writeAtomicallyCreatesFoldersAndLeavesNoTemp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("summary.md");
        ResultStore.writeAtomically(target, "first".getBytes(StandardCharsets.UTF_8));
        ResultStore.writeAtomically(target, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("summary.md"), filesIn(target.getParent()));
    }
}
