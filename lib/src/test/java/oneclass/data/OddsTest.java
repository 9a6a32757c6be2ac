package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * {@link Odds} on small .mat files written with mfl-core (which compresses each variable, as MATLAB
 * does for arrhythmia.mat), well-formed and broken. The real files are read in {@link TabularRealDataTest}.
 */
class OddsTest {

    @TempDir
    Path dir;

    /** An n × d double matrix with X(i, j) = 10·i + j + 0.5 (0-based i, j). */
    static Matrix x(int n, int d) {
        Matrix m = Mat5.newMatrix(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.setDouble(i, j, 10 * i + j + 0.5);
            }
        }
        return m;
    }

    /** A column of labels of the given class (double, uint8, ...). */
    static Matrix y(MatlabType type, int... labels) {
        Matrix m = Mat5.newMatrix(labels.length, 1, type);
        for (int i = 0; i < labels.length; i++) {
            m.setDouble(i, 0, labels[i]);
        }
        return m;
    }

    private Path write(String name, Object... namesAndArrays) throws IOException {
        MatFile mat = Mat5.newMatFile();
        for (int k = 0; k < namesAndArrays.length; k += 2) {
            mat.addArray((String) namesAndArrays[k], (Array) namesAndArrays[k + 1]);
        }
        Path file = dir.resolve(name);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    /** X is 3 × 2 with rows (0.5, 1.5), (10.5, 11.5), (20.5, 21.5); y = (0, 1, 0) marks row 2 as the outlier. */
    @Test
    void readsXAndYWithOneMeaningNovel() throws IOException {
        Path f = write("tiny.mat", "X", x(3, 2), "y", y(MatlabType.Double, 0, 1, 0));
        TabularData d = Odds.read(f);

        assertEquals("tiny", d.name());
        assertEquals(List.of("x1", "x2"), d.columns());
        assertArrayEquals(new float[] {0.5f, 1.5f, 10.5f, 11.5f, 20.5f, 21.5f}, d.x());
        assertArrayEquals(new boolean[] {false, true, false}, d.novel());
        assertEquals(Checksums.sha256(f), d.sha256());
    }

    /** arrhythmia.mat stores y as uint8; the order of the variables in the file does not matter. */
    @Test
    void acceptsUint8LabelsAndAnyVariableOrder() throws IOException {
        Path f = write("u8.mat", "y", y(MatlabType.UInt8, 1, 0), "X", x(2, 3));
        TabularData d = Odds.read(f);

        assertArrayEquals(new boolean[] {true, false}, d.novel());
        assertEquals(3, d.cols());
        assertEquals(12.5f, d.value(1, 2));
    }

    @Test
    void aMissingVariableIsNamed() throws IOException {
        Path f = write("noX.mat", "y", y(MatlabType.Double, 0, 1));

        DataException e = assertThrows(DataException.class, () -> Odds.read(f));
        assertEquals(f + ": no variable 'X' (n x d); the file holds [y]", e.getMessage());

        Path g = write("noY.mat", "X", x(2, 2), "labels", y(MatlabType.Double, 0, 1));
        e = assertThrows(DataException.class, () -> Odds.read(g));
        assertEquals(g + ": no variable 'y' (n x 1, 1 = outlier); the file holds [X, labels]", e.getMessage());
    }

    @Test
    void yOfTheWrongShapeIsRefused() throws IOException {
        Path rowVector = write("row.mat", "X", x(3, 2), "y", Mat5.newMatrix(1, 3));
        DataException e = assertThrows(DataException.class, () -> Odds.read(rowVector));
        assertEquals(rowVector + ": y has dimensions 1 x 3; expected 3 x 1 (one label per row of X, 3 x 2)", e.getMessage());

        Path tooFew = write("few.mat", "X", x(3, 2), "y", y(MatlabType.Double, 0, 1));
        e = assertThrows(DataException.class, () -> Odds.read(tooFew));
        assertTrue(e.getMessage().startsWith(tooFew + ": y has dimensions 2 x 1; expected 3 x 1"), e.getMessage());
    }

    @Test
    void labelsOtherThanZeroAndOneAreRefused() throws IOException {
        Path f = write("two.mat", "X", x(3, 2), "y", y(MatlabType.Double, 0, 2, 1));

        DataException e = assertThrows(DataException.class, () -> Odds.read(f));
        assertEquals(f + ": y(2) is 2.0; expected 0 (inlier) or 1 (outlier)", e.getMessage());
    }

    @Test
    void xThatIsNotANumericMatrixIsRefused() throws IOException {
        Path f = write("char.mat", "X", Mat5.newString("abc"), "y", y(MatlabType.Double, 0));

        DataException e = assertThrows(DataException.class, () -> Odds.read(f));
        assertTrue(e.getMessage().startsWith(f + ": variable 'X' is a"), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected a real numeric matrix (n x d)"), e.getMessage());
    }

    @Test
    void emptyTruncatedForeignAndMissingFilesNameTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.mat"), new byte[0]);
        DataException e = assertThrows(DataException.class, () -> Odds.read(empty));
        assertTrue(e.getMessage().startsWith(empty + ": empty file; expected a MATLAB v5 .mat file"), e.getMessage());

        byte[] whole = Files.readAllBytes(write("whole.mat", "X", x(20, 5), "y", y(MatlabType.Double, new int[20])));
        for (int keep : new int[] {whole.length / 2, 100, 10}) {
            Path cut = Files.write(dir.resolve("cut" + keep + ".mat"), Arrays.copyOf(whole, keep));
            e = assertThrows(DataException.class, () -> Odds.read(cut), "cut to " + keep + " bytes");
            assertTrue(e.getMessage().startsWith(cut + ": not a readable MATLAB v5 .mat file"), e.getMessage());
        }

        Path text = Files.writeString(dir.resolve("text.mat"), "X,y\n1,0\n");
        e = assertThrows(DataException.class, () -> Odds.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not a readable MATLAB v5 .mat file"), e.getMessage());

        Path missing = dir.resolve("nope.mat");
        e = assertThrows(DataException.class, () -> Odds.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
    }

    /** A file named like an ODDS benchmark must be that benchmark. */
    @Test
    void knownNamesAreCheckedAgainstThePublishedDigest() throws IOException {
        Path f = write("thyroid.mat", "X", x(2, 6), "y", y(MatlabType.Double, 0, 1));

        DataException e = assertThrows(DataException.class, () -> Odds.read(f));
        assertTrue(e.getMessage().startsWith(f + ": sha256 of the content is "), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + Odds.KNOWN_SHA256.get("thyroid.mat")), e.getMessage());
    }
}
