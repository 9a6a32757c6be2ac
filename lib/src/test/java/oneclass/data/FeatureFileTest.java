package oneclass.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The feature-file formats on generated files, well-formed and malformed. */
class FeatureFileTest {
    @TempDir Path dir;

    private Path text(String name, String content, boolean gz) {
        return TestFiles.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8), gz);
    }

    private static String message(Runnable r) {
        return assertThrows(DataException.class, r::run).getMessage();
    }

    @Test
    void textLinesHoldTheLabelThenTheFeaturesWithAnySeparator() {
        Path f = text("train.csv", "# label, features\n2,0.5,-1e-1,3\n\n0\t1.25 2  -0\n", false);
        Features x = FeatureFile.readText(f, 3);
        assertEquals(3, x.d());
        assertArrayEquals(new int[] {2, 0}, x.labels());
        assertArrayEquals(new float[] {0.5f, -0.1f, 3f, 1.25f, 2f, -0f}, x.x());
        assertArrayEquals(new int[] {1}, x.indicesOf(0));
        assertArrayEquals(new float[] {1.25f, 2f, -0f}, x.rows(new int[] {1}));
        assertEquals(1, x.sha256ByFile().size());
    }

    @Test
    void gzippedTextReadsTheSameAndHasTheSameDigest() {
        String content = "1 1 2\n0 3 4\n";
        Features plain = FeatureFile.readText(text("a.txt", content, false), 2);
        Features gz = FeatureFile.readText(text("b.txt.gz", content, true), 2);
        assertArrayEquals(plain.x(), gz.x());
        assertEquals(plain.sha256ByFile().values().iterator().next(), gz.sha256ByFile().values().iterator().next());
    }

    @Test
    void malformedTextNamesTheFileAndLine() {
        assertTrue(message(() -> FeatureFile.readText(text("r.txt", "0 1 2\n1 1 2 3\n", false), 2)).contains("r.txt line 2: 3 features; the lines before have 2"));
        assertTrue(message(() -> FeatureFile.readText(text("n.txt", "0 1 x2\n", false), 2)).contains("line 1: feature 2 'x2' is not a number"));
        assertTrue(message(() -> FeatureFile.readText(text("l.txt", "a 1 2\n", false), 2)).contains("the label 'a' is not an integer"));
        assertTrue(message(() -> FeatureFile.readText(text("l2.txt", "0.5 1 2\n", false), 2)).contains("is not an integer"));
        assertTrue(message(() -> FeatureFile.readText(text("o.txt", "0 1\n14 2\n", false), 14)).contains("line 2: label 14 is outside 0..13 (labels numbered from 1"));
        assertTrue(message(() -> FeatureFile.readText(text("neg.txt", "-1 1\n", false), 14)).contains("label -1 is outside"));
        assertTrue(message(() -> FeatureFile.readText(text("nan.txt", "0 NaN\n", false), 2)).contains("must be finite"));
        assertTrue(message(() -> FeatureFile.readText(text("one.txt", "0\n", false), 2)).contains("a label and at least one feature"));
        assertTrue(message(() -> FeatureFile.readText(text("e.txt", "# only a comment\n\n", false), 2)).contains("no examples"));
        assertTrue(message(() -> FeatureFile.readText(dir.resolve("absent.txt"), 2)).contains("no such file"));
        byte[] gz = TestFiles.gzip("0 1 2\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(gz, gz.length - 10); // the end of the deflate stream and the trailer are gone
        assertTrue(message(() -> FeatureFile.readText(TestFiles.write(dir.resolve("cut.txt.gz"), cut, false), 2)).contains("corrupt or truncated gzip"));
    }

    @Test
    void npyRoundTripsWhatTheHarnessWrites() throws Exception {
        float[] v = {1.5f, -2f, 0f, 3.25f, 7f, -0.125f};
        Path f = dir.resolve("s.npy");
        Files.write(f, FeatureFile.npyFloat32(v, 2, 3));
        FeatureFile.NpyArray a = FeatureFile.readNpy(f);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals("f4", a.dtype());
        assertArrayEquals(new double[] {1.5, -2, 0, 3.25, 7, -0.125}, a.values());
        assertEquals(0, (Files.size(f) - 4 * v.length) % 64, "numpy aligns the header to 64 bytes");
        Files.write(f, FeatureFile.npyFloat32(new float[] {4f}, 1));
        assertArrayEquals(new long[] {1}, FeatureFile.readNpy(f).shape());
    }

    /** A .npy file as numpy writes it (version 1.0), with any header text and raw little-endian data. */
    static byte[] npy(String header, byte[] data, int major) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + (major == 1 ? 2 : 4) + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) b.putShort((short) h.length); else b.putInt(h.length);
        return b.put(h).put(data).array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) b.putDouble(d);
        return b.array();
    }

    static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : v) b.putLong(d);
        return b.array();
    }

    private Path write(String name, byte[] content) {
        return TestFiles.write(dir.resolve(name), content, false);
    }

    @Test
    void npyFeaturesFloat64WithInt64Labels() {
        Path x = write("train.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n", doubles(1, 2, 3, 4), 1));
        Path y = write("train-labels.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", longs(1, 0), 2));
        Features f = FeatureFile.readNpy(x, y, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, f.x());
        assertArrayEquals(new int[] {1, 0}, f.labels());
        assertEquals(2, f.sha256ByFile().size());
        Features viaPart = FeatureFile.readPart(dir, "train", 2);
        assertArrayEquals(f.x(), viaPart.x());
    }

    @Test
    void malformedNpyNamesTheProblem() {
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n";
        Path labels = write("y.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", longs(1, 0), 1));
        assertTrue(message(() -> FeatureFile.readNpy(write("m.npy", "not numpy at all".getBytes(StandardCharsets.UTF_8)))).contains("magic"));
        assertTrue(message(() -> FeatureFile.readNpy(write("t.npy", npy(ok, doubles(1, 2, 3), 1)))).contains("truncated"));
        assertTrue(message(() -> FeatureFile.readNpy(write("l.npy", npy(ok, doubles(1, 2, 3, 4, 5), 1)))).contains("8 bytes of trailing data"));
        assertTrue(message(() -> FeatureFile.readNpy(write("f.npy", npy(ok.replace("False", "True"), doubles(1, 2, 3, 4), 1)))).contains("Fortran"));
        assertTrue(message(() -> FeatureFile.readNpy(write("b.npy", npy(ok.replace("<f8", ">f8"), doubles(1, 2, 3, 4), 1)))).contains("big-endian"));
        assertTrue(message(() -> FeatureFile.readNpy(write("c.npy", npy(ok.replace("<f8", "<c16"), doubles(1, 2, 3, 4), 1)))).contains("unsupported dtype"));
        assertTrue(message(() -> FeatureFile.readNpy(write("s.npy", npy(ok.replace("'shape'", "'shap'"), doubles(1, 2, 3, 4), 1)))).contains("lacks 'shape'"));
        assertTrue(message(() -> FeatureFile.readNpy(write("v.npy", npy(ok, doubles(1, 2, 3, 4), 9)))).contains("version 9"));
        Path threeD = write("3.npy", npy(ok.replace("(2, 2)", "(1, 2, 2)"), doubles(1, 2, 3, 4), 1));
        assertTrue(message(() -> FeatureFile.readNpy(threeD, labels, 2)).contains("2-D array"));
        Path ints = write("i.npy", npy(ok.replace("<f8", "<i8"), longs(1, 2, 3, 4), 1));
        assertTrue(message(() -> FeatureFile.readNpy(ints, labels, 2)).contains("float32 or float64"));
        Path x = write("x.npy", npy(ok, doubles(1, 2, 3, 4), 1));
        Path floatLabels = write("fy.npy", npy(ok.replace("(2, 2)", "(2,)"), doubles(1, 0), 1));
        assertTrue(message(() -> FeatureFile.readNpy(x, floatLabels, 2)).contains("labels must be integers"));
        Path three = write("y3.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }\n", longs(1, 0, 1), 1));
        assertTrue(message(() -> FeatureFile.readNpy(x, three, 2)).contains("holds 3 labels but"));
        assertTrue(message(() -> FeatureFile.readNpy(x, labels, 1)).contains("index 0: label 1 is outside 0..0"));
        Path nan = write("nan.npy", npy(ok, doubles(1, Double.NaN, 3, 4), 1));
        assertTrue(message(() -> FeatureFile.readNpy(nan, labels, 2)).contains("row 0, feature 1 is NaN"));
    }

    @Test
    void aPartIsFoundInEitherFormatButNotBoth() {
        assertTrue(message(() -> FeatureFile.readPart(dir, "train", 2)).contains("no train features in"));
        write("test.npy", FeatureFile.npyFloat32(new float[] {1, 2}, 1, 2));
        assertTrue(message(() -> FeatureFile.readPart(dir, "test", 2)).contains("labels are missing"));
        text("test.tsv.gz", "1\t0.5\t0.25\n", true);
        assertTrue(message(() -> FeatureFile.readPart(dir, "test", 2)).contains("keep one format per part"));
        text("train.txt", "1 0.5 0.25\n", false);
        assertArrayEquals(new int[] {1}, FeatureFile.readPart(dir, "train", 2).labels());
    }

    /** A feature set reads train and test from its folder; a folder with other counts than the published set is read, and is not complete. */
    @Test
    void aFeatureSetReadsItsFolder() {
        text("train.txt", "0,1,2\n1,3,4\n", false);
        text("test.csv", "1,5,6\n", false);
        FeatureSet set = new FeatureSet("toy", "Toy-2", 2, 2, 1);
        Features.Split s = set.read(dir);
        assertEquals(List.of(2, 1, 2), List.of(s.train().n(), s.test().n(), s.train().d()));
        assertArrayEquals(new float[] {5, 6}, s.test().x());
        assertEquals(2, s.sha256ByFile().size());
        assertTrue(set.complete(s));
        assertFalse(FeatureSet.DBPEDIA.complete(s));
        assertEquals(Path.of("/d/features/dbpedia-pfe"), FeatureSet.DBPEDIA_PFE.dir(Path.of("/d")));
    }
}
