package oneclass.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Per-run results, one small CSV file per run under {@code <dir>/runs/}, each written atomically ({@link Io}),
 * so an interrupted experiment leaves only whole results behind and resumes by skipping the runs already on
 * disk. Separate files also let many processes (or machines sharing a directory) write side by side without
 * clobbering each other.
 *
 * <p>A run file checks itself: its header is the record's columns and {@value #CHECK}, its one row the values
 * and the CRC-32 of the row's text before that last field, and it ends with a newline. A file cut anywhere, or
 * changed by hand, fails the check and is named: on resume ({@link #find}) it is reported and retrained; the
 * report ({@link #scan}) skips it and counts it.
 */
public final class ResultStore<R extends Record & RunRow> {
    /** The last column of a run file. */
    static final String CHECK = "crc32";

    private final Path runs;
    private final Class<R> type;
    private final PrintStream log;

    /** A store that reports damaged run files it retrains on standard error. */
    public ResultStore(Path dir, Class<R> type) {
        this(dir, type, System.err);
    }

    public ResultStore(Path dir, Class<R> type, PrintStream log) {
        this.runs = dir.resolve("runs");
        this.type = type;
        this.log = log;
        Io.createDirectories(runs);
        int stale = Io.removeStaleTemps(runs);
        if (stale > 0) log.println("note: removed " + stale + " temp file(s) that a killed run left in " + runs);
    }

    private Path file(String key) { return runs.resolve(key + ".csv"); }

    /** The results directory (the parent of {@code runs/}). */
    public Path dir() { return runs.getParent(); }

    /**
     * The stored result for {@code key} if there is one made with the same settings. A damaged file (cut short,
     * or edited) is reported and counts as absent, so that the run is trained again and its file replaced.
     *
     * @throws IllegalStateException if the stored run was made with other settings
     */
    public Optional<R> find(String key, String fingerprint) {
        Path f = file(key);
        if (!Files.exists(f)) return Optional.empty();
        R r;
        try {
            r = read(f);
        } catch (IllegalArgumentException damaged) {
            log.println("warning: " + damaged.getMessage() + "; training " + key + " again");
            return Optional.empty();
        }
        if (!r.fingerprint().equals(fingerprint))
            throw new IllegalStateException(f + " was made with other settings (fingerprint " + r.fingerprint()
                    + ", now " + fingerprint + "). Use another --out directory, or delete that folder to start over.");
        return Optional.of(r);
    }

    public void put(R row) {
        String body = RecordCsv.row(row);
        String text = RecordCsv.header(type) + "," + CHECK + "\n" + body + "," + crc(body) + "\n";
        Io.writeAtomically(file(row.key()), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Forgets the stored result for {@code key}, if any, so that the run is trained again: for a run whose row is whole
     * but whose side files (HCL's test scores, say) are not.
     */
    public void remove(String key, String why) {
        Path f = file(key);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + f + " (" + why + "): " + Io.reason(e), e);
        }
    }

    /** The CRC-32 of {@code s}'s UTF-8 bytes, as 8 hex digits: the check that result files end with. */
    public static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }

    /** A run file that failed its check, and why. */
    public record Damaged(Path file, String reason) {
        @Override
        public String toString() { return reason; }
    }

    /** What a results folder holds: the runs that read back whole, and the files that did not. */
    public record Scan<R>(List<R> runs, List<Damaged> damaged) {}

    /** Every stored run, in file-name order; damaged files are listed apart, not read. */
    public Scan<R> scan() {
        List<R> ok = new ArrayList<>();
        List<Damaged> bad = new ArrayList<>();
        for (Path f : files()) {
            try {
                ok.add(read(f));
            } catch (IllegalArgumentException e) {
                bad.add(new Damaged(f, e.getMessage()));
            }
        }
        return new Scan<>(ok, bad);
    }

    /**
     * Every stored run, in file-name order.
     *
     * @throws IllegalArgumentException naming every damaged run file (rerunning the command that made it retrains it)
     */
    public List<R> all() {
        Scan<R> s = scan();
        if (!s.damaged().isEmpty())
            throw new IllegalArgumentException(s.damaged().size() + " damaged run file(s): " + s.damaged()
                    + ". Rerun the command that made them: it trains them again.");
        return s.runs();
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + Io.reason(e), e);
        }
    }

    /** Reads a run file and checks it; {@link IllegalArgumentException} naming the file when the check fails. */
    private R read(Path f) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(f + " is damaged: not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + Io.reason(e), e);
        }
        String header = RecordCsv.header(type) + "," + CHECK;
        int eol = text.indexOf('\n');
        String columns = eol < 0 || !text.substring(0, eol).endsWith("," + CHECK) ? null : text.substring(0, eol - CHECK.length() - 1);
        if (columns == null || !RecordCsv.fits(type, columns))
            throw new IllegalArgumentException(f + " is damaged: its first line is not the header " + header);
        if (!text.endsWith("\n")) throw new IllegalArgumentException(f + " is damaged: cut short (no newline at its end)");
        if (eol == text.length() - 1) throw new IllegalArgumentException(f + " is damaged: a header and no row");
        String row = text.substring(eol + 1, text.length() - 1);
        int comma = row.lastIndexOf(',');
        if (comma < 0) throw new IllegalArgumentException(f + " is damaged: expected one row after the header");
        String body = row.substring(0, comma), sum = row.substring(comma + 1);
        if (!sum.equals(crc(body)))
            throw new IllegalArgumentException(f + " is damaged: its " + CHECK + " is " + sum + " but its row's is " + crc(body)
                    + " (cut short, or changed after it was written)");
        List<R> rows = RecordCsv.read(type, columns + "\n" + body + "\n", f.toString());
        if (rows.size() != 1) throw new IllegalArgumentException(f + " is damaged: " + rows.size() + " rows, expected one");
        return rows.get(0);
    }

    /** Writes {@code content} to {@code target} atomically; see {@link Io#writeAtomically(Path, byte[])}. */
    public static void writeAtomically(Path target, byte[] content) {
        Io.writeAtomically(target, content);
    }
}
