package oneclass.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;
import oneclass.data.Kdd99;
import oneclass.data.Odds;
import oneclass.data.SharedData;
import oneclass.data.TabularData;
import org.junit.jupiter.api.Test;

/**
 * The loaders and splits on the real files of {@code shared/data} (each test is skipped, with the reason,
 * when its file is absent). Expected counts are the published ones (shared/data/README.md); the first
 * values (as printed by numpy, 12 digits) and outlier rows were read with an independent reader (scipy.io.loadmat, Python's gzip). The
 * 494,021-line KDD file is parsed once and shared.
 */
class TabularRealDataTest {

    private static TabularData kdd;

    private static TabularData kdd() {
        Path file = SharedData.require("kddcup99/" + Kdd99.FILE_NAME);
        if (kdd == null) {
            kdd = Kdd99.read(file);
        }
        return kdd;
    }

    @Test
    void kddHasThePublishedCountsAndTheArchiveDigest() {
        TabularData d = kdd();

        assertEquals(Kdd99.RECORDS_10_PERCENT, d.rows());
        assertEquals(494_021, d.rows());
        assertEquals(97_278, d.novelCount());
        assertEquals(Kdd99.WIDTH_10_PERCENT, d.cols());
        assertEquals(Kdd99.ARCHIVE_SHA256, d.sha256());
        List<String> c = d.columns();
        assertEquals(List.of("protocol_type=icmp", "protocol_type=tcp", "protocol_type=udp", "service=IRC"), c.subList(0, 4));
        assertEquals("service=whois", c.get(3 + 65));
        assertEquals(List.of("flag=OTH", "flag=SH"), List.of(c.get(69), c.get(79)));
        assertEquals("duration", c.get(80));
        assertEquals("dst_host_srv_rerror_rate", c.get(117));
        // record 1: 0,tcp,http,SF,181,5450,...,normal.
        assertEquals(181f, d.value(0, 81));
        assertEquals(5450f, d.value(0, 82));
        assertTrue(d.novel()[0]);
    }

    /**
     * Column for column against the DAGMM-style kdd_cup.npz (member kdd.npy, float64, 494,021 × 119 in Fortran
     * order, label last with 1 = "normal."): its 80 one-hot columns equal ours exactly, and its 38 numeric columns equal
     * ours min-max scaled with the minimum and maximum over the ATTACK records (all 396,743 of them; a
     * constant column is 0). So the npz has our width and layout, and was scaled with statistics that
     * include the nominal test half; our own scaling uses the training part only (TabularSplit#minMaxScaled).
     *
     * <p>The npz is read here by hand, streaming column by column: its member is deflated, which ND4J's
     * Nd4j.createFromNpzFile does not support ("Unsupported data type"), and 470 MB need not be in memory.
     */
    @Test
    void kddMatchesTheDagmmNpzColumnForColumn() throws IOException {
        TabularData d = kdd();
        Path npz = SharedData.require("kddcup99/kdd_cup.npz");
        int n = d.rows();
        int cols = d.cols();
        double[] min = new double[cols];
        double[] max = new double[cols];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols && !d.novel()[i]; j++) {
                min[j] = Math.min(min[j], d.value(i, j));
                max[j] = Math.max(max[j], d.value(i, j));
            }
        }
        try (ZipFile zip = new ZipFile(npz.toFile());
             InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry("kdd.npy")), 1 << 16)) {
            String header = npyHeader(in);
            assertTrue(header.contains("'descr': '<f8'") && header.contains("'fortran_order': True")
                    && header.contains("'shape': (494021, 119)"), header);
            // Fortran order: column after column, each n little-endian doubles
            byte[] columnBytes = new byte[n * Double.BYTES];
            ByteBuffer column = ByteBuffer.wrap(columnBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j <= cols; j++) {
                assertEquals(columnBytes.length, in.readNBytes(columnBytes, 0, columnBytes.length), "npz column " + j);
                for (int i = 0; i < n; i++) {
                    double theirs = column.getDouble(i * Double.BYTES);
                    if (j == cols) {
                        assertEquals(d.novel()[i] ? 1.0 : 0.0, theirs, "label of row " + i);
                        continue;
                    }
                    boolean oneHot = j < 80;
                    double ours = oneHot ? d.value(i, j) : max[j] > min[j] ? (d.value(i, j) - min[j]) / (max[j] - min[j]) : 0;
                    // ours went through float: src_bytes up to 6.9e8 keeps ~7 significant digits
                    double tolerance = oneHot ? 0 : 1e-6 * Math.max(1, Math.abs(theirs));
                    if (Math.abs(ours - theirs) > tolerance) {
                        throw new AssertionError("row " + i + ", column " + j + " (" + d.columns().get(j) + "): ours "
                                + ours + ", npz " + theirs);
                    }
                }
            }
            assertEquals(-1, in.read());
        }
    }

    /** The .npy header (format 1.0: magic, version 1.0, little-endian uint16 length, a Python dict literal). */
    private static String npyHeader(InputStream in) throws IOException {
        byte[] preamble = in.readNBytes(10);
        assertEquals("\u0093NUMPY", new String(preamble, 0, 6, StandardCharsets.ISO_8859_1));
        assertEquals(1, preamble[6]);
        int length = (preamble[8] & 0xff) | (preamble[9] & 0xff) << 8;
        return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** TQM on the real file: the sizes of TabularSplitTest, every "normal." record in the test set. */
    @Test
    void kddTqmSplit() {
        TabularSplit s = TabularSplit.of(kdd(), TabularSplit.Rule.TQM, new SplittableRandom(2020));

        assertEquals(178_534, s.trainSize());
        assertEquals(19_837, s.validationSize());
        assertEquals(295_650, s.testSize());
        assertEquals(97_278, s.testNovelCount());
        TabularSplit scaled = s.minMaxScaled();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : scaled.train()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertEquals(0f, lo);
        assertEquals(1f, hi);
    }

    @Test
    void thyroid() {
        TabularData d = odds("thyroid", 3772, 6, 93, List.of(19, 27, 105));
        assertArrayEquals(new float[] {(float) 0.774193548387, (float) 0.0011320754717, (float) 0.137571157495}, Arrays.copyOf(d.x(), 3));

        TabularSplit s = TabularSplit.of(d, TabularSplit.Rule.TQM, new SplittableRandom(2020));
        assertEquals(1839, s.trainSize() + s.validationSize()); // HRN Sec. 4.1: 1839 for training
        assertEquals(1933, s.testSize());                       // and 1933 for testing
        assertEquals(93, s.testNovelCount());
    }

    @Test
    void arrhythmiaWithCompressedElements() {
        TabularData d = odds("arrhythmia", 452, 274, 66, List.of(0, 4, 5));
        assertArrayEquals(new float[] {75, 0, 190}, Arrays.copyOf(d.x(), 3));
        assertArrayEquals(new float[] {78, 1, 160}, Arrays.copyOfRange(d.x(), 451 * 274, 451 * 274 + 3));

        TabularSplit s = TabularSplit.of(d, TabularSplit.Rule.DAGMM_HALVES, new SplittableRandom(2020));
        assertEquals(193, s.trainSize()); // HRN Sec. 4.1: 193 for training
        assertEquals(259, s.testSize());  // and 259 for testing
        assertEquals(66, s.testNovelCount());
    }

    /** Reads {@code odds/<name>.mat} and checks the facts of the ODDS page: its size, its outliers, the first outlier rows and the file's sha256. */
    private static TabularData odds(String name, int rows, int cols, int novel, List<Integer> firstNovel) {
        TabularData d = Odds.read(SharedData.require("odds/" + name + ".mat"));
        assertEquals(name, d.name());
        assertEquals(rows, d.rows());
        assertEquals(cols, d.cols());
        assertEquals(novel, d.novelCount());
        assertEquals(Odds.KNOWN_SHA256.get(name + ".mat"), d.sha256());
        assertEquals(firstNovel, firstNovelRows(d, firstNovel.size()));
        return d;
    }

    private static List<Integer> firstNovelRows(TabularData d, int count) {
        return java.util.stream.IntStream.range(0, d.rows()).filter(i -> d.novel()[i]).limit(count).boxed().toList();
    }
}
