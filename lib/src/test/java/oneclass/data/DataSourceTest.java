package oneclass.data;

import static oneclass.data.TestFiles.assertMessage;
import static oneclass.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {

    @TempDir
    Path dir;

    /** Mirrors that never touch the network: every URL is answered by {@code fetcher}. */
    private static DataSource.Mirrors localMirrors(Download.Fetcher fetcher, String archiveMd5) {
        return new DataSource.Mirrors(URI.create("https://mirror.invalid/mnist/"),
                URI.create("https://mirror.invalid/fashion/"),
                URI.create("https://mirror.invalid/cifar-10-binary.tar.gz"), archiveMd5, fetcher);
    }

    private static final Download.Fetcher OFFLINE = uri -> {
        throw new IOException("no network");
    };

    private List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    // ---- the data directory ----

    @Test
    void optionWinsOverEnvironment() {
        Map<String, String> env = Map.of(DataSource.DATA_DIR_ENV, "/nonexistent/from-env");
        assertEquals(dir.toAbsolutePath(), DataSource.resolveDataDir(dir, env));
    }

    @Test
    void missingOptionDirectoryIsNamedWithItsSource() {
        Path missing = dir.resolve("nope");
        var e = assertThrows(DataException.class, () -> DataSource.resolveDataDir(missing, Map.of()));
        assertEquals("data directory " + missing.toAbsolutePath() + " (from the --data-dir option) does not exist", e.getMessage());
    }

    @Test
    void environmentVariableIsUsedAndChecked() {
        assertEquals(dir.toAbsolutePath(), DataSource.resolveDataDir(null, Map.of("ONECLASS_DATA", dir.toString())));
        Path missing = dir.resolve("nope");
        var e = assertThrows(DataException.class,
                () -> DataSource.resolveDataDir(null, Map.of("ONECLASS_DATA", missing.toString())));
        assertMessage(e, missing.toString(), "from the environment variable ONECLASS_DATA", "does not exist");
    }

    @Test
    void defaultIsTheXdgCacheOrHomeCache() {
        assertEquals(Path.of("/x/cache/oneclass-repro/data"),
                DataSource.resolveDataDir(null, Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/h")));
        assertEquals(Path.of("/h/.cache/oneclass-repro/data"),
                DataSource.resolveDataDir(null, Map.of("XDG_CACHE_HOME", "", "HOME", "/h", "ONECLASS_DATA", " ")));
    }

    // ---- MNIST / Fashion-MNIST ----

    @Test
    void missingFilesAreListedByExactPath() {
        write(dir.resolve("mnist").resolve("train-images-idx3-ubyte"), TestFiles.idxImages(1, 28, 28), false);
        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.MNIST, dir, false));
        Path mnist = dir.resolve("mnist");
        assertMessage(e, "mnist data not found in " + dir,
                mnist.resolve("train-labels-idx1-ubyte.gz") + "  or  " + mnist.resolve("train-labels-idx1-ubyte"),
                mnist.resolve("t10k-images-idx3-ubyte.gz").toString(),
                mnist.resolve("t10k-labels-idx1-ubyte.gz").toString(),
                "--data-dir / ONECLASS_DATA");
        assertFalse(e.getMessage().contains(mnist.resolve("train-images-idx3-ubyte.gz").toString()),
                "a present file is not listed as missing");
    }

    @Test
    void knownFileWithOtherContentFailsNamingTheExpectedDigest() {
        Path mnist = dir.resolve("mnist");
        write(mnist.resolve("train-images-idx3-ubyte.gz"), TestFiles.idxImages(2, 28, 28), true);
        write(mnist.resolve("train-labels-idx1-ubyte.gz"), TestFiles.idxLabels(1, 2), true);
        write(mnist.resolve("t10k-images-idx3-ubyte.gz"), TestFiles.idxImages(1, 28, 28), true);
        write(mnist.resolve("t10k-labels-idx1-ubyte.gz"), TestFiles.idxLabels(3), true);

        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.MNIST, dir, false));

        assertMessage(e, mnist.resolve("train-images-idx3-ubyte.gz").toString(),
                "expected " + Checksums.knownSha256("mnist/train-images-idx3-ubyte").orElseThrow(), "corrupt");
    }

    @Test
    void failedDownloadNamesTheUrlAndTheOfflineAlternative() {
        var e = assertThrows(DataException.class,
                () -> DataSource.load(Benchmark.FASHION_MNIST, dir, true, localMirrors(OFFLINE, "00")));
        assertMessage(e, "could not download https://mirror.invalid/fashion/train-images-idx3-ubyte.gz", "no network",
                "point --data-dir / ONECLASS_DATA at a folder laid out like", "<dir>/fashion-mnist/");
    }

    @Test
    void officialMirrorsAreTheDocumentedUrls() {
        DataSource.Mirrors official = DataSource.Mirrors.official();
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz",
                official.idxFolder(Benchmark.MNIST).resolve("train-images-idx3-ubyte.gz").toString());
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz",
                official.idxFolder(Benchmark.FASHION_MNIST).resolve("t10k-labels-idx1-ubyte.gz").toString());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", official.cifar10ArchiveMd5());
    }

    @Test
    void mirrorFolderWithoutTrailingSlashIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DataSource.Mirrors(URI.create("https://m/mnist"),
                URI.create("https://m/f/"), URI.create("https://m/c.tar.gz"), "00", OFFLINE));
        assertMessage(e, "mnist must be a folder URL ending with '/'");
    }

    @Test
    void downloadWithWrongContentLeavesNoFile() throws IOException {
        byte[] fakeGz = TestFiles.gzip(TestFiles.idxLabels(1, 2, 3));
        var mirrors = localMirrors(uri -> new ByteArrayInputStream(fakeGz), "00");

        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.MNIST, dir, true, mirrors));

        assertMessage(e, "download https://mirror.invalid/mnist/train-images-idx3-ubyte.gz (decompressed)",
                "expected " + Checksums.knownSha256("mnist/train-images-idx3-ubyte").orElseThrow());
        assertEquals(List.of(), filesUnder(dir), "neither the final file nor a temp file may remain");
    }

    // ---- CIFAR-10: full vs subset ----

    private void writeFullCifar10(Path fullDir) {
        byte[] gzippedBatch = TestFiles.gzip(TestFiles.fullCifarBatch());
        for (String name : DataSource.CIFAR10_TRAIN_FILES) {
            write(fullDir.resolve(name + ".gz"), gzippedBatch, false);
        }
        write(fullDir.resolve("test_batch.bin.gz"), gzippedBatch, false);
    }

    @Test
    void fullCifar10IsPreferredOverTheSubset() {
        writeFullCifar10(dir.resolve("cifar10/cifar-10-batches-bin"));
        // Junk in the subset's place: never read, or its checksum would fail.
        write(dir.resolve("cifar10-subset/cifar-10-batches-bin/data_batch_1.bin"), new byte[] {1}, false);
        write(dir.resolve("cifar10-subset/cifar-10-batches-bin/test_batch.bin"), new byte[] {1}, false);

        DataSource.Split split = DataSource.load(Benchmark.CIFAR10, dir, false);

        assertTrue(split.complete());
        assertEquals("full", split.subset());
        assertEquals(50_000, split.train().size());
        assertEquals(10_000, split.test().size());
        assertEquals(5_000, split.train().indicesOf(3).length);
        assertEquals(7, split.train().label(10_007)); // batch 2, record 7
        assertEquals(7 / 255f, split.train().pixel(10_007, 0));
        assertEquals(List.of("cifar10/cifar-10-batches-bin/data_batch_1.bin.gz", "cifar10/cifar-10-batches-bin/data_batch_2.bin.gz",
                        "cifar10/cifar-10-batches-bin/data_batch_3.bin.gz", "cifar10/cifar-10-batches-bin/data_batch_4.bin.gz",
                        "cifar10/cifar-10-batches-bin/data_batch_5.bin.gz", "cifar10/cifar-10-batches-bin/test_batch.bin.gz"),
                List.copyOf(split.sha256ByFile().keySet()));
    }

    @Test
    void subsetIsUsedWhenNoFullSetAndIsCheckedAgainstItsDigest() {
        Path subset = dir.resolve("cifar10-subset/cifar-10-batches-bin");
        write(subset.resolve("data_batch_1.bin.gz"), TestFiles.cifarRecords(1, 2), true);
        write(subset.resolve("test_batch.bin.gz"), TestFiles.cifarRecords(3), true);

        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, false));

        assertMessage(e, subset.resolve("data_batch_1.bin.gz").toString(),
                "expected " + Checksums.knownSha256("cifar10-subset/cifar-10-batches-bin/data_batch_1.bin").orElseThrow());
    }

    @Test
    void aFullBatchMustHold10000Records() {
        Path full = dir.resolve("cifar10/cifar-10-batches-bin");
        for (String name : DataSource.CIFAR10_TRAIN_FILES) {
            write(full.resolve(name), TestFiles.cifarRecords(1, 2), false);
        }
        write(full.resolve("test_batch.bin"), TestFiles.cifarRecords(1), false);
        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, false));
        assertMessage(e, full.resolve("data_batch_1.bin") + ": holds 2 records; every batch of the full CIFAR-10 holds 10000");
    }

    @Test
    void partialFullSetIsAnErrorEvenWhenTheSubsetIsThere() {
        Path full = dir.resolve("cifar10/cifar-10-batches-bin");
        write(full.resolve("data_batch_1.bin"), TestFiles.cifarRecords(1), false);
        write(full.resolve("data_batch_2.bin"), TestFiles.cifarRecords(1), false);
        write(dir.resolve("cifar10-subset/cifar-10-batches-bin/data_batch_1.bin"), TestFiles.cifarRecords(1), false);
        write(dir.resolve("cifar10-subset/cifar-10-batches-bin/test_batch.bin"), TestFiles.cifarRecords(1), false);

        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, false));

        assertMessage(e, "CIFAR-10 in " + full + " is incomplete", full.resolve("data_batch_3.bin.gz").toString(),
                full.resolve("test_batch.bin").toString());
        assertFalse(e.getMessage().contains(full.resolve("data_batch_1.bin.gz").toString()), e.getMessage());
    }

    @Test
    void nothingFoundListsTheFullAndTheSubsetPaths() {
        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, false));
        assertMessage(e, "CIFAR-10 data not found in " + dir,
                dir.resolve("cifar10/cifar-10-batches-bin/data_batch_5.bin").toString(),
                dir.resolve("cifar10/cifar-10-batches-bin/test_batch.bin").toString(),
                dir.resolve("cifar10-subset/cifar-10-batches-bin/data_batch_1.bin").toString(),
                "Allow downloading to fetch it from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    }

    // ---- CIFAR-10 download: archive md5, tar extraction ----

    /** A tar.gz laid out like the official one, but with 2-record batches. */
    private static Map<String, byte[]> smallArchiveMembers() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        for (int i = 1; i <= 5; i++) {
            members.put("cifar-10-batches-bin/data_batch_" + i + ".bin", TestFiles.cifarRecords(i, 9 - i));
        }
        members.put("cifar-10-batches-bin/test_batch.bin", TestFiles.cifarRecords(0, 0));
        members.put("cifar-10-batches-bin/readme.html", new byte[700]);
        return members;
    }

    @Test
    void cifarArchiveIsVerifiedUnpackedAndRemoved() throws IOException {
        Map<String, byte[]> members = smallArchiveMembers();
        byte[] archive = TestFiles.gzip(TestFiles.tar(members));
        String md5 = Checksums.md5(new ByteArrayInputStream(archive));
        var mirrors = localMirrors(uri -> new ByteArrayInputStream(archive), md5);

        // The unpacked batches are small, so the full-set check rejects them: that is the check we want
        // to see reached, after download, md5 and extraction.
        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, true, mirrors));
        assertMessage(e, "holds 2 records; every batch of the full CIFAR-10 holds 10000");

        Path full = dir.resolve("cifar10/cifar-10-batches-bin");
        assertEquals(List.of(full.resolve("data_batch_1.bin"), full.resolve("data_batch_2.bin"), full.resolve("data_batch_3.bin"),
                        full.resolve("data_batch_4.bin"), full.resolve("data_batch_5.bin"), full.resolve("test_batch.bin")),
                filesUnder(dir), "the archive is removed and only the wanted members are unpacked");
        assertArrayEquals(members.get("cifar-10-batches-bin/data_batch_3.bin"), Files.readAllBytes(full.resolve("data_batch_3.bin")));
    }

    @Test
    void cifarArchiveWithWrongMd5LeavesNothing() throws IOException {
        byte[] archive = TestFiles.gzip(TestFiles.tar(smallArchiveMembers()));
        var mirrors = localMirrors(uri -> new ByteArrayInputStream(archive), "c32a1d4ab5d03f1284b67883e8d87530");

        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, true, mirrors));

        assertMessage(e, "download https://mirror.invalid/cifar-10-binary.tar.gz: md5 of the content is",
                "expected c32a1d4ab5d03f1284b67883e8d87530");
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void archiveWithoutTheBatchesIsRejected() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-100-binary/train.bin", new byte[10]);
        byte[] archive = TestFiles.gzip(TestFiles.tar(members));
        String md5 = md5(archive);
        var mirrors = localMirrors(uri -> new ByteArrayInputStream(archive), md5);
        var e = assertThrows(DataException.class, () -> DataSource.load(Benchmark.CIFAR10, dir, true, mirrors));
        assertMessage(e, "the archive lacks [data_batch_1.bin", "not the CIFAR-10 binary version");
    }

    private static String md5(byte[] bytes) {
        try {
            return Checksums.md5(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
