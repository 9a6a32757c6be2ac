package oneclass.data;


import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The non-image data sets of HRN Table 2, each one published file: where it lies under a data directory
 * laid out as in the README ("Data"), where its original is published, its sha256, and its reader. A missing
 * file is downloaded (verified, then moved into place atomically: {@link Download}); a present one is used as
 * it is and its checksum recorded by the reader ({@link TabularData#sha256()}).
 */
public enum TabularFile implements DataSet {
    KDDCUP99("kddcup99", "kddcup99/" + Kdd99.FILE_NAME,
            URI.create("http://kdd.ics.uci.edu/databases/kddcup99/kddcup.data_10_percent.gz"),
            "8045aca0d84e70e622d1148d7df782496f6333bf6eb979a1b0837c42a9fd9561"),
    /** ODDS (Rayana 2016) links its .mat files to these Dropbox copies from odds.cs.stonybrook.edu. */
    THYROID("thyroid", "odds/thyroid.mat", URI.create("https://www.dropbox.com/s/bih0e15a0fukftb/thyroid.mat?dl=1"),
            "49155d7861b977e90808faf68343ff67a67f63090c2744d514dbb67ac68e7e33"),
    ARRHYTHMIA("arrhythmia", "odds/arrhythmia.mat", URI.create("https://www.dropbox.com/s/lmlwuspn1sey48r/arrhythmia.mat?dl=1"),
            "e4d47e499591ae31e5d7f0cd983367092353eac240f48e14c9b36457edb3460d");

    private final String cliName, path, sha256;
    private final URI origin;

    /**
     * @param path   relative to the data directory, e.g. {@code odds/thyroid.mat}
     * @param origin where the original is published
     * @param sha256 of the file as published (for KDDCUP99: of the .gz, the archive scikit-learn's fetch_kddcup99 verifies)
     */
    TabularFile(String cliName, String path, URI origin, String sha256) {
        this.cliName = cliName;
        this.path = path;
        this.origin = origin;
        this.sha256 = sha256;
    }

    @Override public String cliName() { return cliName; }

    /** Nominal and novel. */
    @Override public int numClasses() { return 2; }

    public String path() { return path; }

    public URI origin() { return origin; }

    public String sha256() { return sha256; }

    /** Reads the file under {@code dataDir}, downloading the original (sha256-verified) first when it is missing and {@code allowDownload}. */
    public TabularData read(Path dataDir, boolean allowDownload) {
        Path f = ensure(dataDir, allowDownload, Download.DEFAULT_FETCHER);
        return this == KDDCUP99 ? Kdd99.read(f) : Odds.read(f);
    }

    /**
     * The file under {@code dataDir}, downloaded first through {@code fetcher} when it is missing and {@code allowDownload}.
     *
     * @throws DataException when it is missing and may not be downloaded, when the download fails (naming
     *                       the URL), or when the downloaded bytes do not have the published checksum
     */
    public Path ensure(Path dataDir, boolean allowDownload, Download.Fetcher fetcher) {
        Path f = dataDir.resolve(path);
        if (Files.isRegularFile(f)) return f;
        if (!allowDownload)
            throw new DataException(f + ": not found, and downloading is off. Get " + origin + " and put it there, "
                    + "or point --data-dir at a folder laid out as in the README's Data section.");
        try {
            Download.fetch(origin, f, fetcher, temp -> {
                String got = Checksums.sha256(temp);
                if (!got.equals(sha256)) throw Checksums.mismatch(origin.toString(), "sha256", sha256, got);
            });
        } catch (IOException e) {
            throw new DataException("could not download " + origin + " to " + f + ": " + e
                    + ". On a machine without internet, put the file there by hand or use --data-dir.");
        }
        return f;
    }
}
