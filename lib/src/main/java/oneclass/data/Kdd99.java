package oneclass.data;


import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the KDD Cup 1999 10 % file ({@code kddcup.data_10_percent.gz}, member
 * {@code kddcup.data_10_percent_corrected}): 494,021 comma-separated records of 41 features and a label
 * that ends in '.', e.g. {@code 0,tcp,http,SF,181,5450,0,...,0.00,normal.}. Gzipped or plain (detected
 * by content, not by name).
 *
 * <p><b>Encoding</b> (the DAGMM/TQM line of work): the 3 symbolic features (protocol_type, service,
 * flag) are one-hot encoded over the categories that occur in the file, sorted by name so the encoding
 * is deterministic; the other 38 features are kept as numbers, unscaled. Columns are laid out as in the
 * DAGMM-style {@code kdd_cup.npz}: the one-hot blocks first (protocol_type, service, flag), then the 38
 * numeric features in file order. For the 10 % file that is 3 + 66 + 11 + 38 = {@value #WIDTH_10_PERCENT}
 * columns, column for column the 118 features of {@code kdd_cup.npz} (checked by the tests). The 4
 * binary features (land, logged_in, is_host_login, is_guest_login) are numbers 0/1, not one-hot pairs.
 *
 * <p><b>The paper's 125.</b> HRN Sec. 4.2 gives the KDDCUP99 network as [125-100]-[100-1], i.e. 125
 * input features, and says no more about the encoding. No encoding of this file that we tried gives 125:
 * the one above gives 118 (so does the public kdd_cup.npz); one-hot encoding the 4 binary features as well
 * gives 34 + 80 + 7 = 121 (is_host_login is always 0 in the 10 % file, so it yields one column). We use
 * {@value #WIDTH_10_PERCENT}, so the network is [118-100]-[100-1]. A file with other categories gives
 * another width: callers take it from the data ({@link TabularData#cols()}), not from this constant.
 *
 * <p><b>Labels.</b> Following HRN Sec. 4.1 and TQM, the attacks (396,743 records, 80 %) are the nominal
 * one class and "normal." traffic (97,278) is novel: {@code novel[i]} is true for label "normal.".
 *
 * <p><b>Scaling</b> is not done here: {@code tabular.TabularSplit.minMaxScaled()} min-max scales each column with
 * the minimum and maximum of the TRAINING split only. ({@code kdd_cup.npz} was min-max scaled with the
 * statistics of all 396,743 attack records, i.e. including the nominal test half: duration is divided by
 * 42,448, the largest attack duration, so normal records reach 1.37.)
 *
 * <p><b>Checksums.</b> A file named {@value #FILE_NAME} must have the published archive sha256
 * {@value #ARCHIVE_SHA256} (the published one; the one scikit-learn's fetch_kddcup99 checks) or, if a
 * mirror gzipped it differently, the content sha256 {@value #CONTENT_SHA256} (of the 74,889,749
 * decompressed bytes of that archive). A plain file named {@code kddcup.data_10_percent} or
 * {@code kddcup.data_10_percent_corrected} must have the content sha256. Other names are not checked.
 *
 * <p>References: KDD Cup 1999 data, http://kdd.ics.uci.edu/databases/kddcup99/ (feature names from
 * {@code kddcup.names}); Zong et al., "Deep Autoencoding Gaussian Mixture Model for Unsupervised Anomaly
 * Detection" (DAGMM), ICLR 2018; Wang et al., "Multivariate Triangular Quantile Maps for Novelty
 * Detection" (TQM), NeurIPS 2019.
 */
public final class Kdd99 {

    /** The original file's name. */
    public static final String FILE_NAME = "kddcup.data_10_percent.gz";
    /** sha256 of the original .gz as published (scikit-learn's fetch_kddcup99). */
    public static final String ARCHIVE_SHA256 = "8045aca0d84e70e622d1148d7df782496f6333bf6eb979a1b0837c42a9fd9561";
    /** sha256 of the decompressed content of that archive (computed here; 74,889,749 bytes). */
    public static final String CONTENT_SHA256 = "f8c8267ebcd9c0ed1fd7d6277fe5bfff8732e9b7db8e61b873542b2a534b6f9a";
    /** Fields per record: 41 features and the label. */
    public static final int FIELDS = 42;
    /** The label of the novel class (normal traffic); the attacks are the one class. */
    public static final String NOVEL_LABEL = "normal.";
    /** Encoded width of the 10 % file: 3 protocols + 66 services + 11 flags one-hot, 38 numeric. */
    public static final int WIDTH_10_PERCENT = 118;
    /** Records in the 10 % file, and how many of them are "normal.". */
    public static final int RECORDS_10_PERCENT = 494_021;
    public static final int NOVEL_10_PERCENT = 97_278;

    /** The 41 feature names, in file order (kddcup.names). */
    public static final List<String> FEATURE_NAMES = List.of(
            "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment",
            "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted",
            "num_root", "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds",
            "is_host_login", "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate",
            "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate",
            "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate",
            "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate",
            "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate");

    /** Field indices of the symbolic features, one-hot encoded in this order. */
    static final int[] SYMBOLIC = {1, 2, 3};
    /** Number of numeric features: 41 − 3. */
    static final int NUMERIC = FEATURE_NAMES.size() - SYMBOLIC.length;

    private static final Set<String> CONTENT_CHECKED_NAMES = Set.of(
            FILE_NAME, "kddcup.data_10_percent", "kddcup.data_10_percent_corrected");

    private Kdd99() {
    }

    /** Reads and encodes the file; see the class comment for the encoding, the labels and the checks. */
    public static TabularData read(Path file) {
        MessageDigest archiveDigest = sha256Digest();
        MessageDigest contentDigest = sha256Digest();
        Records records = new Records();
        boolean gzipped;
        try (InputStream raw = new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), archiveDigest), 1 << 16)) {
            raw.mark(2);
            gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream decoded = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
            // ISO-8859-1 maps every byte to a char: a stray byte shows up in the error, never as a decoding failure.
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    new DigestInputStream(decoded, contentDigest), StandardCharsets.ISO_8859_1), 1 << 16)) {
                int lineNumber = 0;
                for (String line; (line = lines.readLine()) != null; ) {
                    lineNumber++;
                    records.add(file, lineNumber, line);
                }
                raw.transferTo(OutputStream.nullOutputStream()); // bytes after the gzip stream still count in the digest
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file (the KDD Cup 1999 10 % data, " + FILE_NAME + ")");
        } catch (ZipException | EOFException e) {
            throw new DataException(file + ": corrupt or truncated gzip data (" + e + ")", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e + ")", e);
        }
        if (records.n == 0) {
            throw new DataException(file + ": no records; expected lines of " + FIELDS
                    + " comma-separated fields (41 features and a label)");
        }
        String archiveSha = HexFormat.of().formatHex(archiveDigest.digest());
        verify(file, gzipped, archiveSha, HexFormat.of().formatHex(contentDigest.digest()));
        return records.encode(file.getFileName().toString(), archiveSha);
    }

    private static void verify(Path file, boolean gzipped, String archiveSha, String contentSha) {
        String name = file.getFileName().toString();
        if (!CONTENT_CHECKED_NAMES.contains(name)) {
            return;
        }
        if (name.equals(FILE_NAME) && gzipped && archiveSha.equals(ARCHIVE_SHA256)) {
            return;
        }
        if (!contentSha.equals(CONTENT_SHA256)) {
            String expected = name.equals(FILE_NAME)
                    ? ARCHIVE_SHA256 + " for the archive (it is " + archiveSha + "), or " + CONTENT_SHA256
                    + " for its decompressed content"
                    : CONTENT_SHA256;
            throw Checksums.mismatch(file + (gzipped ? " (decompressed)" : ""), "sha256", expected, contentSha);
        }
    }

    /** The records read so far: numeric features, category codes in order of appearance, labels. */
    private static final class Records {
        int n;
        float[] numeric = new float[NUMERIC << 12];
        int[][] codes = new int[SYMBOLIC.length][1 << 12];
        boolean[] novel = new boolean[1 << 12];
        final List<Map<String, Integer>> categories = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        private final int[] commas = new int[FIELDS];

        void add(Path file, int lineNumber, String line) {
            int fields = splitFields(line);
            if (fields != FIELDS) {
                throw new DataException(file + " line " + lineNumber + ": " + fields + " fields, expected " + FIELDS
                        + " (41 features and the label); is this the KDD Cup 1999 data?");
            }
            if (n == novel.length) {
                grow();
            }
            int s = 0; // next symbolic feature
            int v = 0; // next numeric feature
            for (int f = 0; f < FIELDS - 1; f++) {
                String value = field(line, f);
                if (s < SYMBOLIC.length && f == SYMBOLIC[s]) {
                    Map<String, Integer> seen = categories.get(s);
                    codes[s][n] = seen.computeIfAbsent(value, k -> seen.size());
                    s++;
                } else {
                    numeric[n * NUMERIC + v++] = number(file, lineNumber, f, value);
                }
            }
            String label = field(line, FIELDS - 1);
            if (!label.endsWith(".")) {
                throw new DataException(file + " line " + lineNumber + ": label '" + label
                        + "' does not end with '.' as the KDD Cup 1999 labels do (e.g. 'normal.', 'smurf.')");
            }
            novel[n] = label.equals(NOVEL_LABEL);
            n++;
        }

        /** Records the comma positions; returns the number of fields. */
        private int splitFields(String line) {
            int fields = 1;
            for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
                if (fields < FIELDS) {
                    commas[fields - 1] = i;
                }
                fields++;
            }
            return fields;
        }

        private String field(String line, int f) {
            int start = f == 0 ? 0 : commas[f - 1] + 1;
            int end = f == FIELDS - 1 ? line.length() : commas[f];
            return line.substring(start, end);
        }

        private static float number(Path file, int lineNumber, int f, String value) {
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!Double.isFinite(d)) {
                throw new DataException(file + " line " + lineNumber + ", column " + (f + 1) + " ("
                        + FEATURE_NAMES.get(f) + "): '" + value + "' is not a finite number");
            }
            return (float) d;
        }

        private void grow() {
            int capacity = novel.length * 2;
            numeric = Arrays.copyOf(numeric, capacity * NUMERIC);
            for (int s = 0; s < SYMBOLIC.length; s++) {
                codes[s] = Arrays.copyOf(codes[s], capacity);
            }
            novel = Arrays.copyOf(novel, capacity);
        }

        /** One-hot blocks over the sorted categories, then the numeric features: the kdd_cup.npz layout. */
        TabularData encode(String name, String sha256) {
            List<String> columns = new ArrayList<>();
            int[][] onehotColumn = new int[SYMBOLIC.length][]; // code in order of appearance → column
            for (int s = 0; s < SYMBOLIC.length; s++) {
                Map<String, Integer> seen = categories.get(s);
                List<String> sorted = new ArrayList<>(seen.keySet());
                sorted.sort(null);
                onehotColumn[s] = new int[sorted.size()];
                for (String category : sorted) {
                    onehotColumn[s][seen.get(category)] = columns.size();
                    columns.add(FEATURE_NAMES.get(SYMBOLIC[s]) + "=" + category);
                }
            }
            int firstNumeric = columns.size();
            for (int f = 0, s = 0; f < FEATURE_NAMES.size(); f++) {
                if (s < SYMBOLIC.length && f == SYMBOLIC[s]) {
                    s++;
                } else {
                    columns.add(FEATURE_NAMES.get(f));
                }
            }
            int d = columns.size();
            float[] x = new float[Math.multiplyExact(n, d)];
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < SYMBOLIC.length; s++) {
                    x[i * d + onehotColumn[s][codes[s][i]]] = 1f;
                }
                System.arraycopy(numeric, i * NUMERIC, x, i * d + firstNumeric, NUMERIC);
            }
            return new TabularData(name, columns, x, Arrays.copyOf(novel, n), sha256);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e); // every Java platform has it
        }
    }
}
