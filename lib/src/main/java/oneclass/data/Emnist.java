package oneclass.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * EMNIST "balanced" (Cohen, Afshar, Tapson, van Schaik, "EMNIST: an extension of MNIST to handwritten
 * letters", arXiv:1702.05373, 2017): 47 classes (10 digits, 26 upper-case and 11 lower-case letters), 2,400
 * training and 400 test images per class, 28x28 grey levels in MNIST's IDX format. HRN Table 7's "EMNIST-47".
 *
 * <pre>
 * &lt;dir&gt;/emnist/emnist-balanced-{train,test}-{images-idx3,labels-idx1}-ubyte[.gz]
 * </pre>
 *
 * <p>The files are read with the IDX reader ({@link Idx}). EMNIST stores each image transposed relative to
 * MNIST (column by column); {@link #load} transposes them back, so that image i looks like an upright letter
 * in the same row-major layout as MNIST. (An MLP with i.i.d. initial weights would learn equally well from
 * transposed pixels; the transposition matters for anyone who looks at, or convolves, the images.)
 *
 * <p>Download: NIST publishes all EMNIST splits only as one zip ({@link #ARCHIVE}, 562 MB), checked here by
 * the md5 that torchvision also checks. The four balanced files are extracted from it (under its
 * {@code gzip/} folder) and the zip is deleted. NIST publishes no digest of the individual files, so they
 * are checked by their counts (a full set has {@link #TRAIN_SIZE} and {@link #TEST_SIZE} images) and their
 * sha256 is recorded for provenance. A smaller set loads, marked {@code complete = false}.
 */
public enum Emnist implements DataSet {
    /** The balanced split, the one HRN Table 7 uses. */
    BALANCED;

    public static final int CLASSES = 47;
    public static final int TRAIN_SIZE = 112_800;
    public static final int TEST_SIZE = 18_800;
    public static final String DIR = "emnist";
    public static final URI ARCHIVE = URI.create("https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip");
    /** md5 of {@link #ARCHIVE} (torchvision's datasets.EMNIST checks the same). */
    public static final String ARCHIVE_MD5 = "58c8d27c78d21e728a6bc7b3cc06412e";

    static final List<String> FILES = List.of("emnist-balanced-train-images-idx3-ubyte", "emnist-balanced-train-labels-idx1-ubyte",
            "emnist-balanced-test-images-idx3-ubyte", "emnist-balanced-test-labels-idx1-ubyte");

    @Override
    public String cliName() {
        return "emnist";
    }

    @Override
    public int numClasses() {
        return CLASSES;
    }

    /**
     * @param complete     whether the files hold the full published split (112,800 / 18,800 images)
     * @param sha256ByFile each file read (relative to the data directory) → sha256 of its decompressed content
     */
    public record Split(Images train, Images test, boolean complete, Map<String, String> sha256ByFile) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    /** Loads from {@code dataDir}, downloading from NIST when files are missing and {@code allowDownload}. */
    public static Split load(Path dataDir, boolean allowDownload) {
        return load(dataDir, allowDownload, ARCHIVE, ARCHIVE_MD5, Download.DEFAULT_FETCHER);
    }

    /** As above, from another archive URI and md5 (tests serve a small zip locally). */
    public static Split load(Path dataDir, boolean allowDownload, URI archive, String archiveMd5, Download.Fetcher fetcher) {
        Path dir = dataDir.resolve(DIR);
        List<String> missing = FILES.stream().filter(n -> DataSource.find(dir, n) == null).toList();
        if (!missing.isEmpty()) {
            if (!allowDownload)
                throw new DataException("EMNIST (balanced) not found in " + dataDir + ". Missing:\n"
                        + missing.stream().map(n -> "  " + dir.resolve(n + ".gz") + "  or  " + dir.resolve(n)).collect(Collectors.joining("\n"))
                        + "\nAllow downloading to fetch " + archive + " (562 MB), or unzip its gzip/emnist-balanced-* files into " + dir);
            download(dataDir, archive, archiveMd5, fetcher);
        }
        Map<String, String> sha = new LinkedHashMap<>();
        Images train = read(dataDir, "train", sha);
        Images test = read(dataDir, "test", sha);
        return new Split(train, test, train.size() == TRAIN_SIZE && test.size() == TEST_SIZE, sha);
    }

    private static Images read(Path dataDir, String part, Map<String, String> sha) {
        Path dir = dataDir.resolve(DIR);
        Path imagesFile = DataSource.find(dir, "emnist-balanced-" + part + "-images-idx3-ubyte");
        Path labelsFile = DataSource.find(dir, "emnist-balanced-" + part + "-labels-idx1-ubyte");
        Idx.ImageFile images = Idx.readImages(imagesFile, null);
        Idx.LabelFile labels = Idx.readLabels(labelsFile, CLASSES, null);
        if (images.rows() != 28 || images.cols() != 28)
            throw new DataException(imagesFile + ": holds " + images.rows() + "x" + images.cols() + " images; EMNIST images are 28x28");
        sha.put(dataDir.relativize(imagesFile).toString().replace('\\', '/'), images.sha256());
        sha.put(dataDir.relativize(labelsFile).toString().replace('\\', '/'), labels.sha256());
        Idx.ImageFile upright = new Idx.ImageFile(images.count(), images.rows(), images.cols(),
                transpose(images.pixels(), images.count(), images.rows(), images.cols()), images.sha256());
        return Idx.combine("emnist-" + part, upright, imagesFile, labels, labelsFile);
    }

    /**
     * Transposes every image: {@code out[i][r][c] = in[i][c][r]}. EMNIST's files hold each image column by
     * column (the NIST conversion), MNIST's row by row.
     */
    static byte[] transpose(byte[] pixels, int count, int rows, int cols) {
        byte[] out = new byte[pixels.length];
        int dim = rows * cols;
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    out[i * dim + r * cols + c] = pixels[i * dim + c * rows + r];
        return out;
    }

    /** Fetches the zip (md5-verified), extracts the four balanced files atomically, deletes the zip. */
    private static void download(Path dataDir, URI archive, String md5, Download.Fetcher fetcher) {
        Path dir = dataDir.resolve(DIR);
        Path zip = dir.resolve("gzip.zip");
        try {
            Download.fetch(archive, zip, fetcher, temp -> {
                String actual = Checksums.md5(temp);
                if (!actual.equalsIgnoreCase(md5)) throw Checksums.mismatch("download " + archive, "md5", md5, actual);
            });
        } catch (IOException e) {
            throw new DataException("could not download " + archive + " to " + zip + ": " + e
                    + ".\nWithout network access, get the EMNIST zip elsewhere and unzip its gzip/emnist-balanced-* files into " + dir, e);
        }
        Map<String, Boolean> found = new LinkedHashMap<>();
        FILES.forEach(n -> found.put(n + ".gz", false));
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isDirectory() || !found.containsKey(name)) continue;
                Path target = dir.resolve(name);
                Path tmp = oneclass.run.Io.createTemp(dir, name + ".", ".part");
                try {
                    Files.copy(z, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                found.put(name, true);
            }
        } catch (IOException e) {
            throw new DataException("cannot unpack " + zip + " into " + dir + ": " + e, e);
        }
        List<String> absent = found.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        if (!absent.isEmpty()) throw new DataException(zip + ": the archive lacks " + absent + "; it is not NIST's EMNIST gzip.zip");
        try {
            Files.delete(zip); // the extracted files duplicate what we need of its 562 MB; the md5 has done its job
        } catch (IOException e) {
            System.getLogger(Emnist.class.getName()).log(System.Logger.Level.WARNING, "could not delete " + zip, e);
        }
    }
}
