package oneclass.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.*;

/**
 * The files a table script writes once its runs are stored ({@code summary.csv}, {@code summary.md},
 * {@code runs.csv}, charts, {@code run-record.json}), replaced as one set. {@link #begin} first removes the
 * previous set's manifest; each file is then written atomically ({@link Io}); {@link #commit} writes the
 * manifest {@value #MANIFEST} last, with every file's size and SHA-256, and deletes the files of the previous
 * set that the new one no longer has. So a folder holds a whole set (its manifest matches every file) or, while
 * a write is under way or after one was killed or failed, no manifest at all: a reader ({@link #verified})
 * never takes a new {@code summary.csv} beside a stale chart for one table.
 */
public final class OutputSet {
    public static final String MANIFEST = "outputs.json";

    /** One file of the set. */
    public record Entry(String name, long bytes, String sha256) {}

    /** The manifest's content. */
    public record Manifest(List<Entry> files) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path dir;
    private final Set<String> previous;
    private final Map<String, Entry> files = new LinkedHashMap<>();

    private OutputSet(Path dir, Set<String> previous) {
        this.dir = dir;
        this.previous = previous;
    }

    /** Starts a new set in {@code dir}: the previous set's manifest is removed first, so that it stops vouching for files about to change. */
    public static OutputSet begin(Path dir) {
        Io.createDirectories(dir);
        Io.removeStaleTemps(dir);
        Path m = dir.resolve(MANIFEST);
        Set<String> previous = new LinkedHashSet<>();
        try {
            if (Files.exists(m)) previous.addAll(read(m).files().stream().map(Entry::name).toList());
        } catch (IllegalArgumentException damaged) {
            // a damaged manifest vouches for nothing; its files are overwritten or left as they are
        }
        try {
            Files.deleteIfExists(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + m + ": " + Io.reason(e), e);
        }
        return new OutputSet(dir, previous);
    }

    public Path dir() { return dir; }

    /** Writes one file of the set (a plain name, no folder) atomically and notes its checksum. */
    public Path write(String name, byte[] content) {
        if (name.contains("/") || name.equals(MANIFEST) || Io.isTemp(name)) throw new IllegalArgumentException("not a file name for an output set: " + name);
        Path f = dir.resolve(name);
        Io.writeAtomically(f, content);
        files.put(name, new Entry(name, content.length, sha256(content)));
        return f;
    }

    /** Writes the manifest, last, and removes the previous set's files that this one does not have (e.g. a chart of a data set no longer run). */
    public void commit() {
        try {
            Io.writeAtomically(dir.resolve(MANIFEST), JSON.writer(RunRecord.PRETTY).writeValueAsBytes(new Manifest(List.copyOf(files.values()))));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
        for (String old : previous) if (!files.containsKey(old)) Io.deleteQuietly(dir.resolve(old));
    }

    /**
     * The files of the whole set in {@code dir}, by name, each checked against the manifest.
     *
     * @throws IllegalArgumentException naming the manifest when it is missing or damaged, or the first file that is
     *                                  missing or does not match it (the set was being rewritten, or was changed since)
     */
    public static Map<String, Path> verified(Path dir) {
        Path m = dir.resolve(MANIFEST);
        if (!Files.exists(m))
            throw new IllegalArgumentException(dir + " holds no whole output set: " + MANIFEST + " is missing (the command that writes "
                    + "it was interrupted or failed while writing its tables, or is running now); rerun it, nothing is retrained");
        Map<String, Path> out = new LinkedHashMap<>();
        for (Entry e : read(m).files()) {
            Path f = dir.resolve(e.name());
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (NoSuchFileException gone) {
                throw new IllegalArgumentException(f + " is missing, though " + m + " lists it; rerun the command that wrote it");
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read " + f + ": " + Io.reason(x), x);
            }
            if (b.length != e.bytes() || !sha256(b).equals(e.sha256()))
                throw new IllegalArgumentException(f + " is damaged: " + b.length + " bytes, SHA-256 " + sha256(b).substring(0, 12)
                        + "…, but " + m + " lists " + e.bytes() + " bytes, " + e.sha256().substring(0, Math.min(12, e.sha256().length()))
                        + "… (cut short, or changed after it was written); rerun the command that wrote it");
            out.put(e.name(), f);
        }
        return out;
    }

    private static Manifest read(Path m) {
        try {
            Manifest x = JSON.readValue(m.toFile(), Manifest.class);
            if (x == null || x.files() == null) throw new IllegalArgumentException(m + " is damaged: no file list");
            return x;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(m + " is damaged: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + m + ": " + Io.reason(e), e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
