package oneclass.data;

import static oneclass.data.TestFiles.assertMessage;
import static oneclass.data.TestFiles.idxImages;
import static oneclass.data.TestFiles.idxLabels;
import static oneclass.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabelsExactly(boolean gzipped) {
        Path images = write(dir.resolve("images"), idxImages(3, 2, 4), gzipped);
        Path labels = write(dir.resolve("labels"), idxLabels(9, 0, 4), gzipped);

        Images set = Idx.read("toy", images, labels, 10);

        assertEquals(3, set.size());
        assertEquals(2, set.rows());
        assertEquals(4, set.cols());
        assertEquals(1, set.channels());
        assertArrayEquals(new int[] {9, 0, 4}, set.labels());
        for (int i = 0; i < 3; i++) {
            for (int d = 0; d < 8; d++) {
                assertEquals(TestFiles.pixel(i, d), set.pixels()[i * 8 + d] & 0xff);
                assertEquals(TestFiles.pixel(i, d) / 255f, set.pixel(i, d));
            }
        }
    }

    @Test
    void gzipIsRecognisedByContentNotByName() {
        Path gzNamedRaw = write(dir.resolve("images.gz"), idxImages(2, 1, 1), false);
        Path rawNamedGz = write(dir.resolve("labels"), idxLabels(1, 2), true);
        Images set = Idx.read("toy", gzNamedRaw, rawNamedGz, 10);
        assertArrayEquals(new int[] {1, 2}, set.labels());
    }

    @Test
    void digestIsOfTheDecompressedContent() throws IOException {
        byte[] content = idxLabels(1, 2, 3);
        String expected = Checksums.sha256(new ByteArrayInputStream(content));
        assertEquals(expected, Idx.readLabels(write(dir.resolve("raw"), content, false), 10, null).sha256());
        assertEquals(expected, Idx.readLabels(write(dir.resolve("gz"), content, true), 10, expected).sha256());
    }

    @Test
    void wrongMagicSaysWhatWasExpectedAndFound() {
        Path labels = write(dir.resolve("labels"), idxLabels(1, 2), false);
        var e = assertThrows(DataException.class, () -> Idx.readImages(labels, null));
        assertMessage(e, labels.toString(), "expected magic 0x00000803, found 0x00000801", "swapped");
    }

    @Test
    void truncatedPixelsGiveHeaderSizeAndFileSize() {
        byte[] full = idxImages(3, 2, 2);
        Path file = write(dir.resolve("images"), Arrays.copyOf(full, 16 + 7), true);
        var e = assertThrows(DataException.class, () -> Idx.readImages(file, null));
        assertMessage(e, file.toString(), "truncated: header says 3 x 2 x 2 = 12 pixel bytes", "the file holds 7");
    }

    @Test
    void truncatedHeaderNamesTheMissingField() {
        Path file = write(dir.resolve("images"), Arrays.copyOf(idxImages(3, 2, 2), 10), false);
        var e = assertThrows(DataException.class, () -> Idx.readImages(file, null));
        assertMessage(e, "truncated: the content ends after 10 bytes, inside the row count of the header");
    }

    @Test
    void truncatedLabels() {
        Path file = write(dir.resolve("labels"), Arrays.copyOf(idxLabels(1, 2, 3), 9), false);
        var e = assertThrows(DataException.class, () -> Idx.readLabels(file, 10, null));
        assertMessage(e, "header says 3 labels = 3 bytes after the 8-byte header, the file holds 1");
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] content = idxImages(2, 2, 2);
        Path file = write(dir.resolve("images"), Arrays.copyOf(content, content.length + 5), false);
        var e = assertThrows(DataException.class, () -> Idx.readImages(file, null));
        assertMessage(e, "5 bytes of trailing data after the 2 images", "(24 bytes expected in all)");
    }

    @Test
    void labelOutsideTheClassesIsNamedWithItsIndex() {
        Path file = write(dir.resolve("labels"), idxLabels(3, 10, 1), false);
        var e = assertThrows(DataException.class, () -> Idx.readLabels(file, 10, null));
        assertMessage(e, file.toString(), "label 10 at index 1 is outside 0..9");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path images = write(dir.resolve("images"), idxImages(3, 2, 2), false);
        Path labels = write(dir.resolve("labels"), idxLabels(1, 2), false);
        var e = assertThrows(DataException.class, () -> Idx.read("toy", images, labels, 10));
        assertMessage(e, images + " holds 3 images but " + labels + " holds 2 labels");
    }

    @Test
    void corruptGzipTrailerIsReportedAsGzipDamage() {
        byte[] gz = TestFiles.gzip(idxLabels(1, 2, 3));
        gz[gz.length - 8] ^= 0x55; // first byte of the CRC-32 in the gzip trailer (RFC 1952)
        Path file = write(dir.resolve("labels.gz"), gz, false);
        var e = assertThrows(DataException.class, () -> Idx.readLabels(file, 10, null));
        assertMessage(e, file.toString(), "corrupt or truncated gzip data");
    }

    @Test
    void cutGzipStreamIsReportedAsGzipDamage() {
        byte[] gz = TestFiles.gzip(idxImages(50, 28, 28));
        Path file = write(dir.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        var e = assertThrows(DataException.class, () -> Idx.readImages(file, null));
        assertMessage(e, file.toString(), "corrupt or truncated gzip data");
    }

    @Test
    void knownFileWithOtherContentFailsItsChecksum() throws IOException {
        byte[] content = idxLabels(5, 0, 4);
        String actual = Checksums.sha256(new ByteArrayInputStream(content));
        String expected = Checksums.knownSha256("mnist/train-labels-idx1-ubyte").orElseThrow();
        Path file = write(dir.resolve("mnist").resolve("train-labels-idx1-ubyte.gz"), content, true);
        var e = assertThrows(DataException.class, () -> Idx.readLabels(file, 10, expected));
        assertMessage(e, file + " (decompressed): sha256 of the content is " + actual + ", expected " + expected,
                "corrupt", "another release");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nope");
        var e = assertThrows(DataException.class, () -> Idx.readLabels(file, 10, null));
        assertEquals(file + ": no such file", e.getMessage());
    }
}
