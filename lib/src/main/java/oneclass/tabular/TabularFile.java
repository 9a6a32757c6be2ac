package oneclass.tabular;

import oneclass.data.Checksums;
import oneclass.data.DataException;
import oneclass.data.Download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the non-image files of HRN Table 2, where it lies under a data directory laid out like
 * the data directory (README, "Data"), where its original is published and its sha256. A missing file is downloaded
 * (verified, then moved into place atomically: {@link Download}); a present one is used as it is and its
 * checksum recorded by the reader.
 *
 * @param path   relative to the data directory, e.g. {@code odds/thyroid.mat}
 * @param origin where the original is published
 * @param sha256 of the file as published (for KDDCUP99: of the .gz, the archive scikit-learn's fetch_kddcup99 verifies)
 */
public record TabularFile(String path, URI origin, String sha256) {
    public static final TabularFile KDDCUP99_10_PERCENT = new TabularFile("kddcup99/" + Kdd99.FILE_NAME,
            URI.create("http://kdd.ics.uci.edu/databases/kddcup99/kddcup.data_10_percent.gz"),
            "8045aca0d84e70e622d1148d7df782496f6333bf6eb979a1b0837c42a9fd9561");
    /** ODDS (Rayana 2016) links its .mat files to these Dropbox copies from odds.cs.stonybrook.edu. */
    public static final TabularFile THYROID = new TabularFile("odds/thyroid.mat",
            URI.create("https://www.dropbox.com/s/bih0e15a0fukftb/thyroid.mat?dl=1"),
            "49155d7861b977e90808faf68343ff67a67f63090c2744d514dbb67ac68e7e33");
    public static final TabularFile ARRHYTHMIA = new TabularFile("odds/arrhythmia.mat",
            URI.create("https://www.dropbox.com/s/lmlwuspn1sey48r/arrhythmia.mat?dl=1"),
            "e4d47e499591ae31e5d7f0cd983367092353eac240f48e14c9b36457edb3460d");

    /**
     * The file under {@code dataDir}, downloaded first when it is missing and {@code allowDownload}.
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
