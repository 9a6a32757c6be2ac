package oneclass.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the benchmark images come from: a data directory laid out like the original distributions,
 * filled by download (with checksum verification) when allowed and needed.
 *
 * <pre>
 * &lt;dir&gt;/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]
 * &lt;dir&gt;/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]
 * &lt;dir&gt;/cifar10/cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin[.gz]          full CIFAR-10
 * &lt;dir&gt;/cifar10-subset/cifar-10-batches-bin/{data_batch_1,test_batch}.bin[.gz]     first 4000 / 1000 images
 * </pre>
 *
 * <p>Every file with a published digest ({@link Checksums#knownSha256()}) is verified while it is read;
 * the sha256 of every file read is returned in the {@link Split} for the run record.
 */
public final class DataSource {

    /** Environment variable naming the data directory when no option is given. */
    public static final String DATA_DIR_ENV = "ONECLASS_DATA";
    /** The {@link Split#subset()} of a whole published data set. */
    public static final String FULL = "full";
    /** The {@link Split#subset()} of the CIFAR-10 development subset. */
    public static final String CIFAR10_SUBSET = "subset (first 4000 train / 1000 test images)";

    static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    static final List<String> CIFAR10_TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    static final String CIFAR10_TEST_FILE = "test_batch.bin";
    static final int CIFAR10_BATCH_RECORDS = 10_000;
    static final String CIFAR10_FULL_DIR = "cifar10/cifar-10-batches-bin";
    static final String CIFAR10_SUBSET_DIR = "cifar10-subset/cifar-10-batches-bin";
    static final String CIFAR10_ARCHIVE = "cifar10/cifar-10-binary.tar.gz";

    private static final String LAYOUT = "  <dir>/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]\n"
            + "  <dir>/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]\n"
            + "  <dir>/cifar10/cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin[.gz]";

    /**
     * A benchmark's train and test images, with what they are.
     *
     * @param complete     false when the images are a subset of the published data set: results on them
     *                     must not be compared with the paper as if they were complete
     * @param subset       which part of the published data set: {@value #FULL}, or a description of the subset
     * @param sha256ByFile path of each file read (relative to the data directory, as found, e.g.
     *                     {@code mnist/train-images-idx3-ubyte.gz}) → sha256 of its decompressed content
     */
    public record Split(Benchmark benchmark, Images train, Images test, boolean complete, String subset,
                        Map<String, String> sha256ByFile) {

        public Split {
            Objects.requireNonNull(benchmark, "benchmark");
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(subset, "subset");
            Objects.requireNonNull(sha256ByFile, "sha256ByFile");
            if (train.rows() != test.rows() || train.cols() != test.cols() || train.channels() != test.channels()) {
                throw new IllegalArgumentException("test images (" + test + ") have another shape than train images (" + train + ")");
            }
            sha256ByFile = Collections.unmodifiableMap(new LinkedHashMap<>(sha256ByFile));
        }
    }

    /** Loads every data set, printing its sizes and whether it is the full set. */
    public static Map<Benchmark, Split> load(List<Benchmark> benchmarks, Path dir, boolean allowDownload, PrintStream out) {
        Map<Benchmark, Split> data = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) {
            Split s = load(b, dir, allowDownload);
            data.put(b, s);
            out.printf("%s: %d train / %d test images (%s)%s%n", b.cliName(), s.train().size(), s.test().size(), s.subset(),
                    s.complete() ? "" : " -- NOT the full data set: results are labelled 'not comparable' with the paper");
        }
        return data;
    }

    /** Per data set: which subset was used and the sha256 of every file read, for the run record. */
    public static Map<String, Object> provenance(Map<Benchmark, Split> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        data.forEach((b, s) -> {
            Map<String, Object> d = new LinkedHashMap<>(s.sha256ByFile());
            d.put("subset", s.subset());
            m.put(b.cliName(), d);
        });
        return m;
    }

    /** One line per data set that is only a subset, for the top of a report. */
    public static List<String> subsetWarnings(Map<Benchmark, Split> data) {
        List<String> w = new ArrayList<>();
        data.forEach((b, s) -> { if (!s.complete()) w.add(b.cliName() + " ran on a " + s.subset() + ": its numbers are not comparable with the paper's."); });
        return w;
    }

    /**
     * Where downloads come from. {@link #official()} is what users get; tests substitute a local
     * fetcher (and, for the archive, their own md5).
     *
     * @param mnist        folder URL of the MNIST {@code .gz} files (ends with '/')
     * @param fashionMnist folder URL of the Fashion-MNIST {@code .gz} files (ends with '/')
     */
    public record Mirrors(URI mnist, URI fashionMnist, URI cifar10Archive, String cifar10ArchiveMd5, Download.Fetcher fetcher) {

        public Mirrors {
            Objects.requireNonNull(mnist, "mnist");
            Objects.requireNonNull(fashionMnist, "fashionMnist");
            Objects.requireNonNull(cifar10Archive, "cifar10Archive");
            Objects.requireNonNull(cifar10ArchiveMd5, "cifar10ArchiveMd5");
            Objects.requireNonNull(fetcher, "fetcher");
            // URI.resolve drops the last path segment of a base without a trailing slash.
            if (!mnist.toString().endsWith("/")) {
                throw new IllegalArgumentException("mnist must be a folder URL ending with '/', got " + mnist);
            }
            if (!fashionMnist.toString().endsWith("/")) {
                throw new IllegalArgumentException("fashionMnist must be a folder URL ending with '/', got " + fashionMnist);
            }
        }

        /**
         * MNIST from the mirror torchvision uses (yann.lecun.com often refuses downloads), Fashion-MNIST
         * and CIFAR-10 from their authors.
         */
        public static Mirrors official() {
            return new Mirrors(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
                    Checksums.CIFAR10_ARCHIVE_MD5, Download.DEFAULT_FETCHER);
        }

        URI idxFolder(Benchmark b) {
            return b == Benchmark.MNIST ? mnist : fashionMnist;
        }
    }

    private DataSource() {
    }

    /**
     * The data directory: {@code option} if given, else {@code $ONECLASS_DATA}, else
     * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/oneclass-repro/data} (which need not exist yet: downloads
     * create it).
     *
     * @throws DataException when a directory given by option or environment does not exist
     */
    public static Path resolveDataDir(Path option) {
        return resolveDataDir(option, System.getenv());
    }

    static Path resolveDataDir(Path option, Map<String, String> env) {
        if (option != null) {
            return existingDir(option, "the --data-dir option");
        }
        String fromEnv = env.get(DATA_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existingDir(Path.of(fromEnv), "the environment variable " + DATA_DIR_ENV);
        }
        String cache = env.get("XDG_CACHE_HOME");
        String home = env.get("HOME");
        Path cacheDir = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache");
        return cacheDir.resolve("oneclass-repro").resolve("data").toAbsolutePath();
    }

    /** {@link #load(Benchmark, Path, boolean, Mirrors)} from the official mirrors. */
    public static Split load(Benchmark benchmark, Path dataDir, boolean allowDownload) {
        return load(benchmark, dataDir, allowDownload, Mirrors.official());
    }

    /**
     * Loads a benchmark's train and test images from {@code dataDir}, downloading missing files first
     * when {@code allowDownload}.
     *
     * <p>CIFAR-10: the full set under {@code cifar10/} if all six batches are there; otherwise the
     * subset under {@code cifar10-subset/} if present (no download then: the subset is there on
     * purpose), marked {@code complete = false}; otherwise a download of the full set. A full set with
     * some batches missing is an error (or is downloaded again), never silently replaced by the subset.
     *
     * @throws DataException naming the files looked for when data is missing and download is not
     *                       allowed, the URL when a download fails, the file when one is corrupt
     */
    public static Split load(Benchmark benchmark, Path dataDir, boolean allowDownload, Mirrors mirrors) {
        return switch (benchmark) {
            case MNIST, FASHION_MNIST -> loadIdx(benchmark, dataDir, allowDownload, mirrors);
            case CIFAR10 -> loadCifar10(dataDir, allowDownload, mirrors);
        };
    }

    private static Split loadIdx(Benchmark b, Path dataDir, boolean allowDownload, Mirrors mirrors) {
        Path dir = dataDir.resolve(b.dirName());
        List<String> missing = IDX_FILES.stream().filter(name -> find(dir, name) == null).toList();
        if (!missing.isEmpty()) {
            if (!allowDownload) {
                throw notFound(b.cliName() + " data not found in " + dataDir, dir, missing,
                        "Allow downloading to fetch it from " + mirrors.idxFolder(b) + ", or");
            }
            for (String name : missing) {
                downloadIdx(b, dataDir, name, mirrors);
            }
        }
        Map<String, String> sha256ByFile = new LinkedHashMap<>();
        Images train = readIdx(b, dataDir, "train", sha256ByFile);
        Images test = readIdx(b, dataDir, "t10k", sha256ByFile);
        return new Split(b, train, test, true, FULL, sha256ByFile);
    }

    private static Images readIdx(Benchmark b, Path dataDir, String prefix, Map<String, String> sha256ByFile) {
        Path dir = dataDir.resolve(b.dirName());
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        Idx.ImageFile images = Idx.readImages(imagesFile, knownSha256(dataDir, imagesFile));
        sha256ByFile.put(relative(dataDir, imagesFile), images.sha256());
        Idx.LabelFile labels = Idx.readLabels(labelsFile, b.numClasses(), knownSha256(dataDir, labelsFile));
        sha256ByFile.put(relative(dataDir, labelsFile), labels.sha256());
        if (images.rows() != b.rows() || images.cols() != b.cols()) {
            throw new DataException(imagesFile + ": holds " + images.rows() + "x" + images.cols() + " images; " + b.cliName()
                    + " images are " + b.rows() + "x" + b.cols());
        }
        String name = b.cliName() + (prefix.equals("train") ? "-train" : "-test");
        return Idx.combine(name, images, imagesFile, labels, labelsFile);
    }

    private static void downloadIdx(Benchmark b, Path dataDir, String name, Mirrors mirrors) {
        URI uri = mirrors.idxFolder(b).resolve(name + ".gz");
        String expected = Checksums.knownSha256(b.dirName() + "/" + name).orElseThrow();
        Path target = dataDir.resolve(b.dirName()).resolve(name + ".gz");
        try {
            Download.fetch(uri, target, mirrors.fetcher(), temp -> {
                String actual = DataFile.sha256Of(temp);
                if (!actual.equals(expected)) {
                    throw Checksums.mismatch("download " + uri + " (decompressed)", "sha256", expected, actual);
                }
            });
        } catch (IOException e) {
            throw downloadFailed(uri, target, e);
        }
    }

    private static Split loadCifar10(Path dataDir, boolean allowDownload, Mirrors mirrors) {
        Path fullDir = dataDir.resolve(CIFAR10_FULL_DIR);
        Path subsetDir = dataDir.resolve(CIFAR10_SUBSET_DIR);
        List<String> fullFiles = new ArrayList<>(CIFAR10_TRAIN_FILES);
        fullFiles.add(CIFAR10_TEST_FILE);
        List<String> missingFull = fullFiles.stream().filter(name -> find(fullDir, name) == null).toList();
        boolean partialFull = !missingFull.isEmpty() && missingFull.size() < fullFiles.size();
        boolean subsetPresent = find(subsetDir, CIFAR10_TRAIN_FILES.get(0)) != null && find(subsetDir, CIFAR10_TEST_FILE) != null;

        if (missingFull.isEmpty()) {
            return readCifar10(dataDir, fullDir, CIFAR10_TRAIN_FILES, true);
        }
        if (!partialFull && subsetPresent) {
            return readCifar10(dataDir, subsetDir, List.of(CIFAR10_TRAIN_FILES.get(0)), false);
        }
        if (allowDownload) {
            downloadCifar10(dataDir, mirrors);
            return readCifar10(dataDir, fullDir, CIFAR10_TRAIN_FILES, true);
        }
        String hint = "Allow downloading to fetch it from " + mirrors.cifar10Archive() + ", or";
        if (partialFull) {
            throw notFound("CIFAR-10 in " + fullDir + " is incomplete (an interrupted download?)", fullDir, missingFull, hint);
        }
        List<Path> lookedFor = new ArrayList<>();
        fullFiles.forEach(name -> lookedFor.add(fullDir.resolve(name)));
        lookedFor.add(subsetDir.resolve(CIFAR10_TRAIN_FILES.get(0)));
        lookedFor.add(subsetDir.resolve(CIFAR10_TEST_FILE));
        throw new DataException("CIFAR-10 data not found in " + dataDir + ". Looked for (each may also end in .gz):\n"
                + lookedFor.stream().map(p -> "  " + p).collect(Collectors.joining("\n"))
                + "\n(the full set, or else the subset). " + hint + " point --data-dir / " + DATA_DIR_ENV
                + " at a folder laid out like:\n" + LAYOUT);
    }

    private static Split readCifar10(Path dataDir, Path dir, List<String> trainFiles, boolean full) {
        Map<String, String> sha256ByFile = new LinkedHashMap<>();
        List<Cifar10.Batch> trainBatches = new ArrayList<>();
        for (String name : trainFiles) {
            trainBatches.add(readCifar10Batch(dataDir, find(dir, name), full, sha256ByFile));
        }
        Cifar10.Batch testBatch = readCifar10Batch(dataDir, find(dir, CIFAR10_TEST_FILE), full, sha256ByFile);
        String prefix = full ? "cifar10" : "cifar10-subset";
        Images train = Cifar10.concat(prefix + "-train", trainBatches);
        Images test = Cifar10.concat(prefix + "-test", List.of(testBatch));
        return new Split(Benchmark.CIFAR10, train, test, full, full ? FULL : CIFAR10_SUBSET, sha256ByFile);
    }

    private static Cifar10.Batch readCifar10Batch(Path dataDir, Path file, boolean full, Map<String, String> sha256ByFile) {
        Cifar10.Batch batch = Cifar10.readBatch(file, knownSha256(dataDir, file));
        if (full && batch.size() != CIFAR10_BATCH_RECORDS) {
            throw new DataException(file + ": holds " + batch.size() + " records; every batch of the full CIFAR-10 holds "
                    + CIFAR10_BATCH_RECORDS + ". Delete " + file.getParent() + " and download again"
                    + " (the known 4000/1000-image subset belongs under " + CIFAR10_SUBSET_DIR + ").");
        }
        sha256ByFile.put(relative(dataDir, file), batch.sha256());
        return batch;
    }

    /** Downloads the official archive (verified by md5), unpacks the batches, and removes the archive. */
    private static void downloadCifar10(Path dataDir, Mirrors mirrors) {
        URI uri = mirrors.cifar10Archive();
        Path archive = dataDir.resolve(CIFAR10_ARCHIVE);
        Path fullDir = dataDir.resolve(CIFAR10_FULL_DIR);
        try {
            Download.fetch(uri, archive, mirrors.fetcher(), temp -> {
                String actual = Checksums.md5(temp);
                if (!actual.equalsIgnoreCase(mirrors.cifar10ArchiveMd5())) {
                    throw Checksums.mismatch("download " + uri, "md5", mirrors.cifar10ArchiveMd5(), actual);
                }
            });
        } catch (IOException e) {
            throw downloadFailed(uri, archive, e);
        }
        Set<String> wanted = new HashSet<>(CIFAR10_TRAIN_FILES);
        wanted.add(CIFAR10_TEST_FILE);
        Set<String> extracted;
        try {
            extracted = Tar.extract(archive, fullDir, Set.copyOf(wanted));
        } catch (IOException e) {
            throw new DataException("cannot unpack " + archive + " into " + fullDir + ": " + e, e);
        }
        if (!extracted.containsAll(wanted)) {
            wanted.removeAll(extracted);
            throw new DataException(archive + ": the archive lacks " + new TreeSet<>(wanted)
                    + " under cifar-10-batches-bin/; it is not the CIFAR-10 binary version");
        }
        try {
            // The batches duplicate its 163 MB; the md5 has done its job.
            Files.delete(archive);
        } catch (IOException e) {
            System.getLogger(DataSource.class.getName()).log(System.Logger.Level.WARNING, "could not delete " + archive, e);
        }
    }

    private static DataException downloadFailed(URI uri, Path target, IOException e) {
        return new DataException("could not download " + uri + " to " + target + ": " + describe(e) + ".\n"
                + "Without network access, get the files elsewhere and point --data-dir / " + DATA_DIR_ENV
                + " at a folder laid out like:\n" + LAYOUT, e);
    }

    /** The exception and its causes: a ConnectException alone often has no message. */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(" (caused by ").append(c).append(')');
        }
        return s.toString();
    }

    private static DataException notFound(String what, Path dir, List<String> missing, String downloadHint) {
        String paths = missing.stream()
                .map(name -> "  " + dir.resolve(name + ".gz") + "  or  " + dir.resolve(name))
                .collect(Collectors.joining("\n"));
        return new DataException(what + ". Missing:\n" + paths + "\n" + downloadHint + " point --data-dir / "
                + DATA_DIR_ENV + " at a folder laid out like:\n" + LAYOUT);
    }

    /** The file under this name, uncompressed or with {@code .gz}; null when neither exists. */
    static Path find(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String knownSha256(Path dataDir, Path file) {
        return Checksums.knownSha256(relative(dataDir, file)).orElse(null);
    }

    private static String relative(Path dataDir, Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }

    private static Path existingDir(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("data directory " + dir.toAbsolutePath() + " (from " + source + ") "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        return dir.toAbsolutePath().normalize();
    }
}
