package oneclass.report;

import oneclass.run.RecordCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * A paper's table, transcribed: one CSV per table under {@code expected-results/}, one row per cell,
 * with the paper's value untouched, its ± where printed, our tolerance for it, and where it comes from.
 * Columns: {@code dataset,class,method,paper_value,paper_std,tolerance,source}. See
 * expected-results/README.md for the format and the tolerance policy.
 */
public final class ExpectedResults {
    static final List<String> COLUMNS = List.of("dataset", "class", "method", "paper_value", "paper_std", "tolerance", "source");

    /** One published cell; {@code paperStd} is NaN where the paper prints no ±. */
    public record Expected(String dataset, String cls, String method, double paperValue, double paperStd,
                           double tolerance, String source) {}

    private final Path file;
    private final Map<String, Expected> cells = new LinkedHashMap<>();

    private ExpectedResults(Path file) { this.file = file; }

    /** No published cells, for a section the paper reports without a table (e.g. a curve); {@link #file()} is null. */
    public static ExpectedResults none() { return new ExpectedResults(null); }

    /** Every value is a percentage (AUC, precision, recall, F1, accuracy in %), so it lies in [0, 100]. */
    static final double MAX = 100;

    /**
     * The paper's table {@code name} (e.g. {@code hrn_table1.csv}): {@code file} when the user gave one (--expected), else the
     * copy of {@code expected-results/<name>} built into the program (a script's {@code //FILES} line; lib/pom.xml for the
     * tests), so that a script runs from any folder.
     */
    public static ExpectedResults of(Path file, String name) {
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--expected: " + file.toAbsolutePath() + " not found");
            return load(file);
        }
        String resource = "expected-results/" + name;
        try (InputStream in = ExpectedResults.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not built into this program (a script's //FILES line names it)");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + resource + ": " + e.getMessage(), e);
        }
    }

    public static ExpectedResults load(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8), csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read expected results " + csv + ": " + oneclass.run.Io.reason(e), e);
        }
    }

    /** {@code text}, the content of {@code csv} (named in errors and by {@link #file()}). */
    private static ExpectedResults parse(String text, Path csv) {
        ExpectedResults r = new ExpectedResults(csv);
        List<RecordCsv.Line> lines = RecordCsv.cells(text, csv.toString());
        if (lines.isEmpty() || !lines.get(0).cells().equals(COLUMNS))
            throw new IllegalArgumentException(csv + ": the first line must be the header " + String.join(",", COLUMNS));
        for (int i = 1; i < lines.size(); i++) {
            String where = csv + " line " + lines.get(i).number();
            List<String> f = lines.get(i).cells();
            if (f.size() != COLUMNS.size())
                throw new IllegalArgumentException(where + ": " + f.size() + " fields, expected " + COLUMNS.size());
            Expected e = new Expected(f.get(0), f.get(1), f.get(2), number(f.get(3), "paper_value", where, false),
                    number(f.get(4), "paper_std", where, true), number(f.get(5), "tolerance", where, false), f.get(6));
            if (r.cells.put(key(e.dataset(), e.cls(), e.method()), e) != null)
                throw new IllegalArgumentException(where + ": duplicate cell " + e.dataset() + "/" + e.cls() + "/" + e.method());
        }
        return r;
    }

    /** A number in [0, 100] (values are percentages); blank only where {@code optional} (NaN). */
    private static double number(String s, String column, String where, boolean optional) {
        if (s.isBlank() && optional) return Double.NaN;
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + column + " '" + s + "' is not a number");
        }
        if (!(v >= 0 && v <= MAX))
            throw new IllegalArgumentException(where + ": " + column + " " + s + " is outside [0, 100] (values are in %)");
        return v;
    }

    private static String key(String dataset, String cls, String method) { return dataset + "|" + cls + "|" + method; }

    public Optional<Expected> find(String dataset, String cls, String method) {
        return Optional.ofNullable(cells.get(key(dataset, cls, method)));
    }

    public Collection<Expected> all() { return Collections.unmodifiableCollection(cells.values()); }

    public Path file() { return file; }
}
