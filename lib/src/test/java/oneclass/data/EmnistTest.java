package oneclass.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** EMNIST (balanced) on small generated files in its format: IDX, gzip, transposed images, NIST's zip. */
class EmnistTest {
    @TempDir Path dir;

    /** The four files of a small EMNIST: 3 training images (labels 0, 46, 5), 2 test images (labels 12, 0). */
    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("emnist-balanced-train-images-idx3-ubyte", TestFiles.idxImages(3, 28, 28));
        m.put("emnist-balanced-train-labels-idx1-ubyte", TestFiles.idxLabels(0, 46, 5));
        m.put("emnist-balanced-test-images-idx3-ubyte", TestFiles.idxImages(2, 28, 28));
        m.put("emnist-balanced-test-labels-idx1-ubyte", TestFiles.idxLabels(12, 0));
        return m;
    }

    private void writeAll(Map<String, byte[]> files, boolean gz) {
        files.forEach((name, content) -> TestFiles.write(dir.resolve("emnist").resolve(name + (gz ? ".gz" : "")), content, gz));
    }

    /** Pixel (r, c) of image i as loaded must be the file's value at column-major position c·28 + r. */
    @Test
    void imagesAreTransposedUprightAndLabelsGoUpTo46() {
        writeAll(files(), true);
        Emnist.Split s = Emnist.load(dir, false);
        assertEquals(3, s.train().size());
        assertEquals(2, s.test().size());
        assertArrayEquals(new int[] {0, 46, 5}, s.train().labels());
        assertFalse(s.complete(), "5 images are not the published 112,800 / 18,800");
        for (int i = 0; i < 3; i++)
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++)
                    assertEquals(TestFiles.pixel(i, c * 28 + r), s.train().pixels()[i * 784 + r * 28 + c] & 0xff);
        assertEquals(4, s.sha256ByFile().size());
        assertTrue(s.sha256ByFile().containsKey("emnist/emnist-balanced-train-images-idx3-ubyte.gz"), s.sha256ByFile().toString());
    }

    @Test
    void transposeOfARectangleByHand() {
        // one 2x3 image stored column by column: columns (1,4), (2,5), (3,6) → rows (1,2,3), (4,5,6)
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, Emnist.transpose(new byte[] {1, 4, 2, 5, 3, 6}, 1, 2, 3));
    }

    @Test
    void malformedFilesAreErrorsThatNameTheFile() {
        Map<String, byte[]> f = files();
        f.put("emnist-balanced-train-labels-idx1-ubyte", TestFiles.idxLabels(0, 47, 5));
        writeAll(f, false);
        assertTrue(assertThrows(DataException.class, () -> Emnist.load(dir, false)).getMessage().contains("label 47 at index 1 is outside 0..46"));
        f = files();
        f.put("emnist-balanced-test-images-idx3-ubyte", TestFiles.idxImages(2, 32, 32));
        writeAll(f, false);
        assertTrue(assertThrows(DataException.class, () -> Emnist.load(dir, false)).getMessage().contains("EMNIST images are 28x28"));
        f = files();
        f.put("emnist-balanced-test-labels-idx1-ubyte", TestFiles.idxLabels(1, 2, 3));
        writeAll(f, false);
        assertTrue(assertThrows(DataException.class, () -> Emnist.load(dir, false)).getMessage().contains("holds 2 images but"));
    }

    @Test
    void missingFilesWithoutDownloadAreNamed() {
        String m = assertThrows(DataException.class, () -> Emnist.load(dir, false)).getMessage();
        assertTrue(m.contains("emnist-balanced-train-images-idx3-ubyte.gz") && m.contains(Emnist.ARCHIVE.toString()), m);
    }

    /** NIST's zip holds every split under gzip/; only the balanced files are taken, and the zip is removed. */
    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("gzip/"));
            z.putNextEntry(new ZipEntry("gzip/emnist-letters-test-labels-idx1-ubyte.gz"));
            z.write(TestFiles.gzip(TestFiles.idxLabels(1)));
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry("gzip/" + e.getKey() + ".gz"));
                z.write(TestFiles.gzip(e.getValue()));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void downloadChecksTheZipsMd5AndExtractsTheBalancedFiles() throws IOException {
        Path zip = TestFiles.write(dir.resolve("served/gzip.zip"), zip(files()), false);
        URI uri = zip.toUri();
        Path data = dir.resolve("data");
        Emnist.Split s = Emnist.load(data, true, uri, Checksums.md5(zip), Download.DEFAULT_FETCHER);
        assertArrayEquals(new int[] {12, 0}, s.test().labels());
        assertFalse(Files.exists(data.resolve("emnist/gzip.zip")), "the zip is deleted after extraction");
        assertFalse(Files.exists(data.resolve("emnist/emnist-letters-test-labels-idx1-ubyte.gz")), "other splits are not extracted");
        try (var files = Files.list(data.resolve("emnist"))) {
            assertEquals(4, files.count());
        }
    }

    @Test
    void aWrongMd5LeavesNothingBehind() throws IOException {
        Path zip = TestFiles.write(dir.resolve("served/gzip.zip"), zip(files()), false);
        Path data = dir.resolve("data");
        String m = assertThrows(DataException.class,
                () -> Emnist.load(data, true, zip.toUri(), "0".repeat(32), Download.DEFAULT_FETCHER)).getMessage();
        assertTrue(m.contains("md5"), m);
        try (var files = Files.list(data.resolve("emnist"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aZipWithoutTheBalancedFilesIsRejected() throws IOException {
        Map<String, byte[]> f = files();
        f.remove("emnist-balanced-test-labels-idx1-ubyte");
        Path zip = TestFiles.write(dir.resolve("served/gzip.zip"), zip(f), false);
        String m = assertThrows(DataException.class,
                () -> Emnist.load(dir.resolve("data"), true, zip.toUri(), Checksums.md5(zip), Download.DEFAULT_FETCHER)).getMessage();
        assertTrue(m.contains("lacks [emnist-balanced-test-labels-idx1-ubyte.gz]"), m);
    }

    @Test
    void aFailedDownloadSaysWhereToPutTheFiles() {
        String m = assertThrows(DataException.class, () -> Emnist.load(dir, true, URI.create("file:///nonexistent/gzip.zip"),
                Emnist.ARCHIVE_MD5, Download.DEFAULT_FETCHER)).getMessage();
        assertTrue(m.contains("could not download") && m.contains("emnist-balanced"), m);
    }
}
