package oneclass.data;

import static oneclass.data.TestFiles.assertMessage;
import static oneclass.data.TestFiles.cifarRecords;
import static oneclass.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Cifar10Test {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void readsRecordsExactly(boolean gzipped) {
        Path file = write(dir.resolve("data_batch_1.bin"), cifarRecords(3, 0, 9), gzipped);

        Cifar10.Batch batch = Cifar10.readBatch(file, null);

        assertEquals(3, batch.size());
        assertArrayEquals(new int[] {3, 0, 9}, batch.labels());
        assertEquals(3 * 3072, batch.pixels().length);
        for (int i = 0; i < 3; i++) {
            for (int d = 0; d < 3072; d++) {
                assertEquals(TestFiles.pixel(i, d), batch.pixels()[i * 3072 + d] & 0xff);
            }
        }
    }

    @Test
    void imagesKeepTheRecordsChannelMajorLayout() {
        Path file = write(dir.resolve("b.bin"), cifarRecords(1, 2), false);
        Images images = Cifar10.read("toy", List.of(file));
        assertEquals(32, images.rows());
        assertEquals(32, images.cols());
        assertEquals(3, images.channels());
        // Value d = 1024 of image 1 is its first green byte, the 1 + 1024th byte of record 1.
        assertEquals(TestFiles.pixel(1, 1024) / 255f, images.pixel(1, 1024));
    }

    @Test
    void concatKeepsTheOrderOfTheBatches() {
        Path a = write(dir.resolve("a.bin"), cifarRecords(1, 2), true);
        Path b = write(dir.resolve("b.bin"), cifarRecords(7), false);
        Images images = Cifar10.read("toy", List.of(a, b));
        assertArrayEquals(new int[] {1, 2, 7}, images.labels());
        assertEquals(TestFiles.pixel(0, 5), images.pixels()[2 * 3072 + 5] & 0xff);
    }

    @Test
    void sizeNotAMultipleOfTheRecordIsNamed() {
        byte[] two = cifarRecords(1, 2);
        Path file = write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(two, two.length - 100), false);
        var e = assertThrows(DataException.class, () -> Cifar10.readBatch(file, null));
        assertMessage(e, file.toString(), "6046 bytes is not a positive multiple of the 3073-byte CIFAR-10 record");
    }

    @Test
    void emptyFileIsNotABatch() {
        Path file = write(dir.resolve("test_batch.bin"), new byte[0], false);
        var e = assertThrows(DataException.class, () -> Cifar10.readBatch(file, null));
        assertMessage(e, "0 bytes is not a positive multiple");
    }

    @Test
    void labelAbove9IsNamedWithItsRecord() {
        Path file = write(dir.resolve("b.bin"), cifarRecords(4, 10), true);
        var e = assertThrows(DataException.class, () -> Cifar10.readBatch(file, null));
        assertMessage(e, file.toString(), "record 1 has label 10; CIFAR-10 labels are 0..9");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("data_batch_9.bin");
        var e = assertThrows(DataException.class, () -> Cifar10.readBatch(file, null));
        assertEquals(file + ": no such file", e.getMessage());
    }
}
