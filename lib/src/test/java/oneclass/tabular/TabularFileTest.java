package oneclass.tabular;

import oneclass.data.Checksums;
import oneclass.data.DataException;
import oneclass.data.Download;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TabularFileTest {
    @TempDir Path tmp;

    private Path mirror(byte[] content) throws IOException {
        Path m = tmp.resolve("mirror").resolve("thyroid.mat");
        Files.createDirectories(m.getParent());
        return Files.write(m, content);
    }

    @Test
    void missingFileIsDownloadedVerifiedAndMovedIntoPlace() throws IOException {
        byte[] content = {1, 2, 3, 4};
        Path m = mirror(content);
        TabularFile f = new TabularFile("odds/thyroid.mat", m.toUri(), Checksums.sha256(m));
        Path data = tmp.resolve("data");
        Path got = f.ensure(data, true, Download.DEFAULT_FETCHER);
        assertEquals(data.resolve("odds/thyroid.mat"), got);
        assertArrayEquals(content, Files.readAllBytes(got));
    }

    @Test
    void wrongChecksumLeavesNothingBehindAndSaysWhy() throws IOException {
        Path m = mirror(new byte[]{9, 9});
        TabularFile f = new TabularFile("odds/thyroid.mat", m.toUri(), "0".repeat(64));
        Path data = tmp.resolve("data");
        DataException e = assertThrows(DataException.class, () -> f.ensure(data, true, Download.DEFAULT_FETCHER));
        assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains("0".repeat(64)), e.getMessage());
        try (Stream<Path> s = Files.list(data.resolve("odds"))) {
            assertEquals(0, s.count(), "no half-written or unverified file under the data directory");
        }
    }

    @Test
    void missingFileWithoutDownloadNamesThePathAndTheOrigin() {
        DataException e = assertThrows(DataException.class,
                () -> TabularFile.ARRHYTHMIA.ensure(tmp, false, Download.DEFAULT_FETCHER));
        assertTrue(e.getMessage().contains("arrhythmia.mat") && e.getMessage().contains("dropbox"), e.getMessage());
    }

    @Test
    void failedTransferNamesTheUrl() {
        TabularFile f = new TabularFile("odds/x.mat", tmp.resolve("nowhere.mat").toUri(), "0".repeat(64));
        DataException e = assertThrows(DataException.class, () -> f.ensure(tmp.resolve("data"), true, Download.DEFAULT_FETCHER));
        assertTrue(e.getMessage().contains("nowhere.mat"), e.getMessage());
    }

    /** The published checksums we pin are those of the shared copies of the original files. */
    @Test
    void pinnedChecksumsMatchTheSharedOriginals() throws IOException {
        for (TabularFile f : new TabularFile[]{TabularFile.KDDCUP99_10_PERCENT, TabularFile.THYROID, TabularFile.ARRHYTHMIA})
            assertEquals(f.sha256(), Checksums.sha256(SharedData.require(f.path())), f.path());
    }
}
