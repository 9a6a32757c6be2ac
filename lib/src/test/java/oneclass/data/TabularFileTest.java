package oneclass.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TabularFileTest {
    @TempDir Path tmp;

    /** A mirror that serves {@code content} for any URL, as an offline stand-in for the original's host. */
    private static Download.Fetcher serving(byte[] content) {
        return uri -> new ByteArrayInputStream(content);
    }

    @Test
    void missingFileIsDownloadedVerifiedAndMovedIntoPlace() throws IOException {
        Path original = SharedData.require(TabularFile.THYROID.path());
        byte[] content = Files.readAllBytes(original);
        Path data = tmp.resolve("data");
        Path got = TabularFile.THYROID.ensure(data, true, serving(content));
        assertEquals(data.resolve("odds/thyroid.mat"), got);
        assertArrayEquals(content, Files.readAllBytes(got));
    }

    @Test
    void wrongChecksumLeavesNothingBehindAndSaysWhy() throws IOException {
        Path data = tmp.resolve("data");
        DataException e = assertThrows(DataException.class, () -> TabularFile.THYROID.ensure(data, true, serving(new byte[]{9, 9})));
        assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains(TabularFile.THYROID.sha256()), e.getMessage());
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
        Download.Fetcher offline = uri -> { throw new IOException("connection refused"); };
        DataException e = assertThrows(DataException.class, () -> TabularFile.ARRHYTHMIA.ensure(tmp.resolve("data"), true, offline));
        assertTrue(e.getMessage().contains(TabularFile.ARRHYTHMIA.origin().toString()) && e.getMessage().contains("connection refused"), e.getMessage());
    }

    /** The published checksums we pin are those of the shared copies of the original files. */
    @Test
    void pinnedChecksumsMatchTheSharedOriginals() throws IOException {
        for (TabularFile f : TabularFile.values())
            assertEquals(f.sha256(), Checksums.sha256(SharedData.require(f.path())), f.path());
    }

    @Test
    void eachIsADataSetByItsTableName() {
        assertEquals(TabularFile.KDDCUP99, DataSet.parse("KDDCUP99", TabularFile.class));
        assertEquals(TabularFile.THYROID, DataSet.parse(" thyroid", TabularFile.class));
        var e = assertThrows(IllegalArgumentException.class, () -> DataSet.parse("mnist", TabularFile.class));
        assertEquals("unknown data set 'mnist'; valid: kddcup99, thyroid, arrhythmia", e.getMessage());
        assertEquals(Benchmark.FASHION_MNIST, DataSet.parse("fashion-mnist", DataSet.class));
        assertEquals(FeatureSet.DBPEDIA_PFE, DataSet.parse("dbpedia-pfe", DataSet.class));
        assertEquals(List.of("mnist", "fmnist", "cifar10", "emnist", "kddcup99", "thyroid", "arrhythmia", "dbpedia-pfe", "dbpedia"),
                DataSet.all().stream().map(DataSet::cliName).toList());
    }
}
