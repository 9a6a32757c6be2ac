package oneclass.data;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reader of {@link Features} computed by any tool (e.g. BERT sentence vectors for DBPedia, HRN Table 7),
 * in one of two documented formats. Both may be gzipped (detected by content).
 *
 * <ol>
 *   <li><b>Text</b> ({@code .txt}, {@code .csv}, {@code .tsv}): one example per line, its integer label first,
 *       then its d features, separated by commas, tabs or spaces: {@code 3,0.12,-1.5e-2,...}. Blank lines and
 *       lines starting with {@code #} are skipped. Every line must have the same d.</li>
 *   <li><b>NumPy</b>: {@code X.npy}, a 2-D C-order array [N, d] of float32 or float64
 *       ({@code np.save("train.npy", X.astype("float32"))}), with the labels in a second {@code .npy}, a 1-D
 *       integer array [N] ({@code np.save("train-labels.npy", y)}).</li>
 * </ol>
 *
 * Labels must lie in {@code 0..numClasses-1}; features must be finite. The reader is strict: a ragged line,
 * a non-number, an out-of-range label, a short or over-long {@code .npy}, a label count that differs from the
 * row count: each is an error naming the file (and line), never a silently smaller data set.
 *
 * <p>The {@code .npy} reader is written here rather than taken from ND4J: it checks every header field and
 * the exact data length, so a malformed file gets an error message instead of a crash in native code. The
 * format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
public final class FeatureFile {

    private FeatureFile() {
    }

    /** The part ({@code train} or {@code test}) of a feature set in {@code dir}, in whichever format is there. */
    public static Features readPart(Path dir, String part, int numClasses) {
        Path npy = DataSource.find(dir, part + ".npy");
        Path labels = DataSource.find(dir, part + "-labels.npy");
        for (String ext : List.of(".txt", ".csv", ".tsv")) {
            Path text = DataSource.find(dir, part + ext);
            if (text != null) {
                if (npy != null) throw new DataException(dir + ": both " + text.getFileName() + " and " + npy.getFileName()
                        + " are there; keep one format per part so that it is clear which one was used");
                return readText(text, numClasses);
            }
        }
        if (npy != null) {
            if (labels == null) throw new DataException(npy + ": its labels are missing; expected " + dir.resolve(part + "-labels.npy"));
            return readNpy(npy, labels, numClasses);
        }
        throw new DataException("no " + part + " features in " + dir + ". Expected one of:\n"
                + "  " + dir.resolve(part + ".txt") + " (or .csv, .tsv; each may end in .gz): one example per line, label first\n"
                + "  " + dir.resolve(part + ".npy") + " [N, d] float32/float64 and " + dir.resolve(part + "-labels.npy") + " [N] integers\n"
                + "See FeatureFile and docs/findings-hrn.md (HRN Table 7) for how to compute them.");
    }

    // ---- text -------------------------------------------------------------------------------------------

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    /** Reads the text format: per line, the label, then the features. */
    public static Features readText(Path file, int numClasses) {
        checkClasses(numClasses);
        FloatArray x = new FloatArray();
        int[] labels = new int[1024];
        int n = 0, dim = -1, lineNo = 0;
        String sha;
        // Streamed line by line: the text of a large feature set (DBPedia: 560,000 x 768) exceeds one Java array.
        try (DataFile f = DataFile.open(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(f.asStream(), StandardCharsets.UTF_8), 1 << 16)) {
            for (String raw; (raw = in.readLine()) != null; ) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] fields = SEPARATORS.split(line);
                String where = file + " line " + lineNo;
                if (fields.length < 2) throw new DataException(where + ": expected a label and at least one feature, found '" + abbreviate(line) + "'");
                if (dim < 0) dim = fields.length - 1;
                else if (fields.length - 1 != dim)
                    throw new DataException(where + ": " + (fields.length - 1) + " features; the lines before have " + dim);
                if (n == labels.length) labels = Arrays.copyOf(labels, 2 * n);
                labels[n] = label(fields[0], numClasses, where);
                for (int j = 1; j < fields.length; j++) x.add(feature(fields[j], where, j));
                n++;
            }
            sha = f.sha256();
        } catch (IOException e) { // from the reader itself; DataFile's own failures are DataExceptions already
            throw new DataException(file + ": cannot read (" + e + ")", e);
        }
        if (n == 0) throw new DataException(file + ": no examples (the file is empty or holds only comments)");
        return new Features(x.toArray(), dim, Arrays.copyOf(labels, n), Map.of(file.toString(), sha));
    }

    private static int label(String s, int numClasses, String where) {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DataException(where + ": the label '" + abbreviate(s) + "' is not an integer (the label comes first on each line)");
        }
        return checkLabel(v, numClasses, where);
    }

    private static int checkLabel(long v, int numClasses, String where) {
        if (v < 0 || v >= numClasses)
            throw new DataException(where + ": label " + v + " is outside 0.." + (numClasses - 1)
                    + (v == numClasses ? " (labels numbered from 1, as in DBPedia's original CSV? subtract 1)" : ""));
        return (int) v;
    }

    private static float feature(String s, String where, int column) {
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new DataException(where + ": feature " + column + " '" + abbreviate(s) + "' is not a number");
        }
        if (!Float.isFinite(v)) throw new DataException(where + ": feature " + column + " is " + s + "; features must be finite");
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static void checkClasses(int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }

    /** A growable float array (a feature file can hold hundreds of millions of values). */
    private static final class FloatArray {
        float[] a = new float[1 << 16];
        int n;

        void add(float v) {
            if (n == a.length) {
                if (a.length == Integer.MAX_VALUE - 8) throw new DataException("more feature values than one Java array holds");
                a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * a.length));
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    // ---- .npy ---------------------------------------------------------------------------------------------

    /** An array read from a {@code .npy} file, values as doubles (exact for float32, float64 and integers below 2^53). */
    public record NpyArray(long[] shape, String dtype, double[] values, String sha256) {}

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads features [N, d] and labels [N] from two {@code .npy} files. */
    public static Features readNpy(Path featuresFile, Path labelsFile, int numClasses) {
        checkClasses(numClasses);
        NpyArray x = readNpy(featuresFile);
        if (x.shape().length != 2) throw new DataException(featuresFile + ": features must be a 2-D array [N, d], found shape "
                + Arrays.toString(x.shape()));
        if (!x.dtype().startsWith("f")) throw new DataException(featuresFile + ": features must be float32 or float64, found " + x.dtype());
        NpyArray y = readNpy(labelsFile);
        boolean column = y.shape().length == 2 && y.shape()[1] == 1;
        if (y.shape().length != 1 && !column)
            throw new DataException(labelsFile + ": labels must be a 1-D array [N], found shape " + Arrays.toString(y.shape()));
        if (!y.dtype().startsWith("i") && !y.dtype().startsWith("u"))
            throw new DataException(labelsFile + ": labels must be integers, found " + y.dtype());
        int n = (int) x.shape()[0], dim = (int) x.shape()[1];
        if (y.shape()[0] != n)
            throw new DataException(labelsFile + " holds " + y.shape()[0] + " labels but " + featuresFile + " holds " + n
                    + " rows; the two files must describe the same examples");
        if (n == 0 || dim == 0) throw new DataException(featuresFile + ": no examples (shape " + Arrays.toString(x.shape()) + ")");
        float[] v = new float[x.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) x.values()[i];
            if (!Float.isFinite(v[i]))
                throw new DataException(featuresFile + ": row " + i / dim + ", feature " + i % dim + " is " + x.values()[i] + "; features must be finite");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = checkLabel((long) y.values()[i], numClasses, labelsFile + " index " + i);
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(featuresFile.toString(), x.sha256());
        sha.put(labelsFile.toString(), y.sha256());
        return new Features(v, dim, labels, sha);
    }

    /** Reads one {@code .npy} file (versions 1-3, little-endian f4/f8/i1/i2/i4/i8/u1/u2/u4, C order). */
    public static NpyArray readNpy(Path file) {
        try (DataFile f = DataFile.open(file)) {
            byte[] magic = new byte[8];
            if (f.read(magic) < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), NPY_MAGIC))
                throw f.error("not a .npy file: it does not start with the magic bytes \\x93NUMPY");
            int major = magic[6];
            if (major < 1 || major > 3) throw f.error("unsupported .npy format version " + major + "." + magic[7] + " (1-3 are known)");
            byte[] lenBytes = new byte[major == 1 ? 2 : 4];
            if (f.read(lenBytes) < lenBytes.length) throw f.error("truncated in the header length");
            ByteBuffer lb = ByteBuffer.wrap(Arrays.copyOf(lenBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
            long headerLen = lb.getInt() & 0xffffffffL;
            if (headerLen > 1 << 20) throw f.error("header length " + headerLen + " is implausible; the header is corrupt");
            byte[] headerBytes = new byte[(int) headerLen];
            if (f.read(headerBytes) < headerLen) throw f.error("truncated inside the " + headerLen + "-byte header");
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, "descr", f);
            if ("True".equals(group(FORTRAN, header, "fortran_order", f)))
                throw f.error("Fortran-order arrays are not supported; save np.ascontiguousarray(X) instead");
            long[] shape = parseShape(group(SHAPE, header, "shape", f), f);
            String dtype = dtype(descr, f);
            int itemSize = Integer.parseInt(dtype.substring(1));
            long count = 1;
            for (long s : shape) count = Math.multiplyExact(count, s);
            if (count > Integer.MAX_VALUE - 8) throw f.error("shape " + Arrays.toString(shape) + " holds more values than one Java array");
            long bytes = count * itemSize;
            if (bytes > Integer.MAX_VALUE - 8) {
                // Shortcut: a float64 array over 2 GB would need chunked reading; float32 features of that size are read.
                throw f.error("the data part holds " + bytes + " bytes, more than one read here can take; save as float32");
            }
            byte[] data = new byte[(int) bytes];
            int got = f.read(data);
            if (got < bytes) throw f.error("truncated: shape " + Arrays.toString(shape) + " of " + descr + " needs " + bytes
                    + " data bytes, the file holds " + got);
            long trailing = f.skipToEnd();
            if (trailing > 0) throw f.error(trailing + " bytes of trailing data after the " + bytes + " bytes the header announces");
            return new NpyArray(shape, dtype, decode(data, dtype, (int) count), f.sha256());
        }
    }

    private static String group(Pattern p, String header, String key, DataFile f) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw f.error("the .npy header lacks '" + key + "': " + header.strip());
        return m.group(1);
    }

    private static long[] parseShape(String s, DataFile f) {
        String[] parts = s.split(",");
        List<String> dims = Arrays.stream(parts).map(String::strip).filter(p -> !p.isEmpty()).toList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            try {
                shape[i] = Long.parseLong(dims.get(i).replace("L", ""));
            } catch (NumberFormatException e) {
                throw f.error("cannot read the shape (" + s + ") in the .npy header");
            }
            if (shape[i] < 0) throw f.error("negative size in shape (" + s + ")");
        }
        return shape;
    }

    /** Normalizes a descr to kind + item size ("f4", "i8", "u1"); rejects big-endian and unknown types. */
    private static String dtype(String descr, DataFile f) {
        if (descr.length() < 3) throw f.error("unknown dtype '" + descr + "'");
        char order = descr.charAt(0);
        String t = descr.substring(1);
        boolean oneByte = t.endsWith("1");
        if (order == '>' && !oneByte) throw f.error("big-endian dtype '" + descr + "' is not supported; save with dtype '<" + t + "'");
        if (order != '<' && order != '|' && order != '=' && !(order == '>' && oneByte)) throw f.error("unknown dtype '" + descr + "'");
        if (!List.of("f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4").contains(t))
            throw f.error("unsupported dtype '" + descr + "'; features must be float32/float64 and labels integers");
        return t;
    }

    private static double[] decode(byte[] data, String dtype, int count) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (dtype) {
                case "f4" -> b.getFloat();
                case "f8" -> b.getDouble();
                case "i1" -> b.get();
                case "u1" -> b.get() & 0xff;
                case "i2" -> b.getShort();
                case "u2" -> b.getShort() & 0xffff;
                case "i4" -> b.getInt();
                case "u4" -> b.getInt() & 0xffffffffL;
                case "i8" -> b.getLong();
                default -> throw new IllegalStateException(dtype);
            };
        }
        return v;
    }

    /**
     * A version-1.0 {@code .npy} file of float32 values with this shape, as bytes (write them atomically with
     * {@code ResultStore.writeAtomically}). numpy reads it with {@code np.load}.
     */
    public static byte[] npyFloat32(float[] values, long... shape) {
        long count = 1;
        for (long s : shape) count *= s;
        if (count != values.length) throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(", "))
                + (shape.length == 1 ? "," : "");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1; // magic(6) + version(2) + length(2) + dict + '\n'
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + 4 * values.length);
        out.writeBytes(NPY_MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        out.writeBytes(b.array());
        return out.toByteArray();
    }
}
