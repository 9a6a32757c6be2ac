package oneclass.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-run results, one small CSV file per run under {@code <dir>/runs/}, each written atomically (a temp
 * file, then a rename), so an interrupted experiment leaves only whole results behind and resumes by
 * skipping the runs already on disk. Separate files also let many processes (or machines sharing a
 * directory) write side by side without clobbering each other.
 */
public final class ResultStore<R extends Record & RunRow> {
    private final Path runs;
    private final Class<R> type;

    public ResultStore(Path dir, Class<R> type) {
        this.runs = dir.resolve("runs");
        this.type = type;
        try {
            Files.createDirectories(runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results directory " + runs, e);
        }
    }

    private Path file(String key) { return runs.resolve(key + ".csv"); }

    /** The results directory (the parent of {@code runs/}). */
    public Path dir() { return runs.getParent(); }

    /**
     * The stored result for {@code key} if there is one made with the same settings.
     *
     * @throws IllegalStateException if the stored run was made with other settings
     */
    public Optional<R> find(String key, String fingerprint) {
        Path f = file(key);
        if (!Files.exists(f)) return Optional.empty();
        R r = read(f);
        if (!r.fingerprint().equals(fingerprint))
            throw new IllegalStateException(f + " was made with other settings (fingerprint " + r.fingerprint()
                    + ", now " + fingerprint + "). Use another --out directory, or delete that folder to start over.");
        return Optional.of(r);
    }

    public void put(R row) {
        Path target = file(row.key());
        String text = RecordCsv.header(type) + "\n" + RecordCsv.row(row) + "\n";
        try {
            Path tmp = Files.createTempFile(runs, "." + row.key(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Every stored run, in file-name order. */
    public List<R> all() {
        try (Stream<Path> files = Files.list(runs)) {
            List<R> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) out.add(read(f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
    }

    private R read(Path f) {
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (lines.size() != 2) throw new IllegalArgumentException(f + ": expected a header and one row, found " + lines.size() + " lines");
            return RecordCsv.parse(type, lines.get(0), lines.get(1), f.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Writes {@code text} to {@code target} atomically (temp file in the same folder, then rename). */
    public static void writeAtomically(Path target, byte[] content) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
