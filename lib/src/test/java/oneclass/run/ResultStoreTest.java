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

    @Test
    void fileIsAHeaderAndOneRow(@TempDir Path dir) throws IOException {
        new ResultStore<>(dir, Run.class).put(new Run("k", "f", 0.5, "c"));
        assertEquals("key,fingerprint,auc,config\nk,f,0.5,c\n", Files.readString(dir.resolve("runs/k.csv")));
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

    @Test
    void aDamagedRunFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        ResultStore<Run> store = new ResultStore<>(dir, Run.class);
        Path f = dir.resolve("runs").resolve("bad.csv");
        Files.writeString(f, "key,fingerprint,auc,config\nbad,f,0.5,\nextra\n");
        var e = assertThrows(IllegalArgumentException.class, store::all);
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("found 3 lines"), e.getMessage());
        Files.writeString(f, "key,fingerprint,auc,config\nbad,f,oops,\n");
        var n = assertThrows(IllegalArgumentException.class, () -> store.find("bad", "f"));
        assertTrue(n.getMessage().contains(f.toString()) && n.getMessage().contains("column auc = 'oops'"), n.getMessage());
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
