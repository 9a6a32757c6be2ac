package oneclass.data;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reader for the ODDS benchmark files (Rayana 2016, https://odds.cs.stonybrook.edu/): a MATLAB v5
 * .mat file holding {@code X} (n × d, real numbers) and {@code y} (n × 1, 1 = outlier, 0 = inlier).
 * HRN Table 2 uses two of them, as TQM and DAGMM did: {@code thyroid.mat} (3772 × 6, 93 outliers: the
 * hyperfunction class, which HRN Sec. 4.1 treats as novel) and {@code arrhythmia.mat} (452 × 274, 66
 * outliers).
 *
 * <p>The two files differ in form: thyroid.mat was written by Octave (X and y double), arrhythmia.mat
 * by MATLAB with compressed elements (miCOMPRESSED; y uint8). Both are read with mfl-core, and any
 * real numeric class is accepted for X and y. Rows become instances, {@code novel[i] = (y[i] == 1)};
 * the features are named {@code x1 .. xd} (ODDS publishes no names). Nothing is scaled here.
 *
 * <p>Files named {@code thyroid.mat} or {@code arrhythmia.mat} must have the sha256 listed in
 * the harness ({@link #KNOWN_SHA256}, of the file as stored); other names are not checked.
 */
public final class Odds {

    /** sha256 of the ODDS files as distributed, by file name. */
    public static final Map<String, String> KNOWN_SHA256 = Map.of(
            "thyroid.mat", "49155d7861b977e90808faf68343ff67a67f63090c2744d514dbb67ac68e7e33",
            "arrhythmia.mat", "e4d47e499591ae31e5d7f0cd983367092353eac240f48e14c9b36457edb3460d");

    private Odds() {
    }

    /** Reads {@code X} and {@code y} from an ODDS .mat file; the name of the data set is the file name without .mat. */
    public static TabularData read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file); // the ODDS files are small (100 kB); one read serves digest and parser
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file (an ODDS .mat file holding X and y)");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e + ")", e);
        }
        String fileName = file.getFileName().toString();
        String sha256 = sha256(bytes);
        String expected = KNOWN_SHA256.get(fileName);
        if (expected != null && !expected.equals(sha256)) {
            throw Checksums.mismatch(file.toString(), "sha256", expected, sha256);
        }
        if (bytes.length == 0) {
            throw new DataException(file + ": empty file; expected a MATLAB v5 .mat file holding X (n x d) and y (n x 1)");
        }

        Mat5File mat;
        try {
            mat = Mat5.newReader(Sources.wrap(bytes)).readMat();
        } catch (IOException | RuntimeException e) {
            // mfl-core reports a truncated or foreign file with assorted exceptions (EOF, buffer underflow, illegal state)
            throw new DataException(file + ": not a readable MATLAB v5 .mat file (" + e
                    + "); expected an ODDS file holding X (n x d) and y (n x 1). Truncated or corrupt?", e);
        }
        Matrix x = realMatrix(file, mat, "X", "n x d");
        Matrix y = realMatrix(file, mat, "y", "n x 1, 1 = outlier");
        int n = x.getNumRows();
        int d = x.getNumCols();
        if (x.getNumDimensions() != 2 || n == 0 || d == 0) {
            throw new DataException(file + ": X has dimensions " + dims(x) + "; expected a non-empty n x d matrix");
        }
        if (y.getNumDimensions() != 2 || y.getNumRows() != n || y.getNumCols() != 1) {
            throw new DataException(file + ": y has dimensions " + dims(y) + "; expected " + n + " x 1 (one label per row of X, "
                    + n + " x " + d + ")");
        }

        float[] values = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.getDouble(i, j);
                if (!Double.isFinite(v)) {
                    throw new DataException(file + ": X(" + (i + 1) + "," + (j + 1) + ") is " + v + "; expected finite numbers");
                }
                values[i * d + j] = (float) v;
            }
        }
        boolean[] novel = new boolean[n];
        for (int i = 0; i < n; i++) {
            double label = y.getDouble(i, 0);
            if (label != 0 && label != 1) {
                throw new DataException(file + ": y(" + (i + 1) + ") is " + label + "; expected 0 (inlier) or 1 (outlier)");
            }
            novel[i] = label == 1;
        }
        List<String> columns = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            columns.add("x" + j);
        }
        String name = fileName.endsWith(".mat") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new TabularData(name, columns, values, novel, sha256);
    }

    private static Matrix realMatrix(Path file, MatFile mat, String variable, String shape) {
        List<String> names = new ArrayList<>();
        for (MatFile.Entry e : mat.getEntries()) {
            names.add(e.getName());
        }
        if (!names.contains(variable)) {
            throw new DataException(file + ": no variable '" + variable + "' (" + shape + "); the file holds " + names);
        }
        Array a = mat.getArray(variable);
        if (!(a instanceof Matrix) || ((Matrix) a).isComplex()) {
            throw new DataException(file + ": variable '" + variable + "' is a " + a.getType() + " array of dimensions " + dims(a)
                    + "; expected a real numeric matrix (" + shape + ")");
        }
        return (Matrix) a;
    }

    private static String dims(Array a) {
        StringBuilder s = new StringBuilder();
        for (int k : a.getDimensions()) {
            s.append(s.length() == 0 ? "" : " x ").append(k);
        }
        return s.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return Checksums.sha256(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e); // cannot happen
        }
    }
}
