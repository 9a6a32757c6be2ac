package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Kdd99} on small generated files in the KDD Cup 1999 format, gzipped and plain, well-formed and
 * malformed. The real file is read in {@link TabularRealDataTest}.
 */
class Kdd99Test {

    @TempDir
    Path dir;

    /**
     * One record: 41 features and the label. Numeric feature f of record r is r·100 + f, so every value
     * says where it came from (field 24, serror_rate, is written "0.50" as in the real file).
     */
    static String record(int r, String protocol, String service, String flag, String label) {
        StringBuilder s = new StringBuilder();
        for (int f = 0; f < 41; f++) {
            String v = switch (f) {
                case 1 -> protocol;
                case 2 -> service;
                case 3 -> flag;
                case 24 -> "0.50";
                default -> String.valueOf(r * 100 + f);
            };
            s.append(v).append(',');
        }
        return s.append(label).toString();
    }

    /** Four records whose categories appear out of sorted order. */
    static final List<String> FOUR = List.of(
            record(0, "udp", "private", "SF", "smurf."),
            record(1, "tcp", "http", "S0", "normal."),
            record(2, "icmp", "ecr_i", "SF", "neptune."),
            record(3, "tcp", "http", "REJ", "normal."));

    private Path write(String name, List<String> lines, boolean gzip) throws IOException {
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (gzip) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(b)) {
                z.write(text);
            }
            text = b.toByteArray();
        }
        return Files.write(dir.resolve(name), text);
    }

    /**
     * Sorted categories: protocol_type {icmp, tcp, udp}, service {ecr_i, http, private}, flag {REJ, S0, SF},
     * so 3 + 3 + 3 one-hot columns, then the 38 numeric ones: width 47. Record 0 (udp, private, SF) has its
     * ones in columns 2 (udp), 3 + 2 = 5 (private) and 6 + 2 = 8 (SF); its duration (field 0) is column 9
     * with value 0, src_bytes (field 4) column 10 with value 4, and the last feature (field 40,
     * dst_host_srv_rerror_rate) column 46 with value 40. Record 3 (tcp, http, REJ): columns 1, 4, 6, and
     * src_bytes 304. "normal." (records 1 and 3) is the novel class.
     */
    @Test
    void encodesSymbolicFeaturesOneHotOverSortedCategoriesThenTheNumericOnes() throws IOException {
        TabularData d = Kdd99.read(write("small.csv", FOUR, false));

        assertEquals(4, d.rows());
        assertEquals(3 + 3 + 3 + 38, d.cols());
        assertEquals(List.of("protocol_type=icmp", "protocol_type=tcp", "protocol_type=udp", "service=ecr_i",
                "service=http", "service=private", "flag=REJ", "flag=S0", "flag=SF", "duration", "src_bytes"),
                d.columns().subList(0, 11));
        assertEquals("dst_host_srv_rerror_rate", d.columns().get(46));
        float[] oneHot0 = Arrays.copyOfRange(d.x(), 0, 9);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1}, oneHot0);
        assertEquals(0f, d.value(0, 9));
        assertEquals(4f, d.value(0, 10));
        assertEquals(40f, d.value(0, 46));
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 1, 0, 0}, Arrays.copyOfRange(d.x(), 3 * 47, 3 * 47 + 9));
        assertEquals(304f, d.value(3, 10));
        assertEquals(0.5f, d.value(2, 9 + 24 - 3)); // serror_rate: field 24 is numeric feature 24 − 3 = 21, column 9 + 21
        assertArrayEquals(new boolean[] {false, true, false, true}, d.novel());
        assertEquals(2, d.novelCount());
        assertEquals("small.csv", d.name());
    }

    /** The same records gzipped give the same data; the recorded sha256 is that of the file as stored. */
    @Test
    void gzipIsDetectedByContentAndGivesTheSameData() throws IOException {
        TabularData plain = Kdd99.read(write("small.csv", FOUR, false));
        Path gz = write("small.csv.gz", FOUR, true);
        TabularData gzipped = Kdd99.read(gz);

        assertEquals(plain.columns(), gzipped.columns());
        assertArrayEquals(plain.x(), gzipped.x());
        assertArrayEquals(plain.novel(), gzipped.novel());
        assertEquals(Checksums.sha256(gz), gzipped.sha256());
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsNamesFileLineAndCount() throws IOException {
        String shortLine = FOUR.get(2).substring(0, FOUR.get(2).lastIndexOf(',')); // label dropped: 41 fields
        Path f = write("bad.csv", List.of(FOUR.get(0), FOUR.get(1), shortLine), false);

        DataException e = assertThrows(DataException.class, () -> Kdd99.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 3: 41 fields, expected 42"), e.getMessage());
    }

    /** NSL-KDD and other variants carry a 43rd field (difficulty): refused, not misread. */
    @Test
    void anExtraFieldIsRefusedToo() throws IOException {
        Path f = write("nsl.csv", List.of(FOUR.get(0) + ",21"), true);

        DataException e = assertThrows(DataException.class, () -> Kdd99.read(f));
        assertTrue(e.getMessage().contains("line 1: 43 fields, expected 42"), e.getMessage());
    }

    @Test
    void aNonNumericValueNamesLineAndColumn() throws IOException {
        String bad = FOUR.get(1).replaceFirst("^(([^,]*,){4})[^,]*", "$1abc"); // field 5 (src_bytes)
        Path f = write("bad.csv", List.of(FOUR.get(0), bad), false);

        DataException e = assertThrows(DataException.class, () -> Kdd99.read(f));
        assertEquals(f + " line 2, column 5 (src_bytes): 'abc' is not a finite number", e.getMessage());
    }

    @Test
    void aNonFiniteValueIsRefused() throws IOException {
        String bad = FOUR.get(0).replaceFirst("^[^,]*", "NaN"); // duration
        Path f = write("bad.csv", List.of(bad), false);

        DataException e = assertThrows(DataException.class, () -> Kdd99.read(f));
        assertTrue(e.getMessage().contains("line 1, column 1 (duration): 'NaN'"), e.getMessage());
    }

    @Test
    void aLabelWithoutTheFinalDotIsRefused() throws IOException {
        Path f = write("bad.csv", List.of(FOUR.get(0), FOUR.get(1).replace("normal.", "normal")), false);

        DataException e = assertThrows(DataException.class, () -> Kdd99.read(f));
        assertTrue(e.getMessage().contains("line 2: label 'normal' does not end with '.'"), e.getMessage());
    }

    @Test
    void emptyMissingAndTruncatedFilesAreErrorsNamingTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        DataException e = assertThrows(DataException.class, () -> Kdd99.read(empty));
        assertTrue(e.getMessage().startsWith(empty + ": no records"), e.getMessage());

        Path missing = dir.resolve("nope.gz");
        e = assertThrows(DataException.class, () -> Kdd99.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());

        byte[] gz = Files.readAllBytes(write("whole.gz", FOUR, true));
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(DataException.class, () -> Kdd99.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": corrupt or truncated gzip data"), e.getMessage());
    }

    /** A file bearing the official name must be the official data, gzipped or not. */
    @Test
    void theOfficialNamesAreCheckedAgainstThePublishedDigests() throws IOException {
        Path gz = write(Kdd99.FILE_NAME, FOUR, true);
        DataException e = assertThrows(DataException.class, () -> Kdd99.read(gz));
        assertTrue(e.getMessage().startsWith(gz + " (decompressed): sha256 of the content is "), e.getMessage());
        assertTrue(e.getMessage().contains(Kdd99.ARCHIVE_SHA256 + " for the archive"), e.getMessage());
        assertTrue(e.getMessage().contains(Kdd99.CONTENT_SHA256), e.getMessage());

        Path plain = write("kddcup.data_10_percent_corrected", FOUR, false);
        e = assertThrows(DataException.class, () -> Kdd99.read(plain));
        assertTrue(e.getMessage().contains("expected " + Kdd99.CONTENT_SHA256 + "."), e.getMessage());
    }
}
