package oneclass.run;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Java records as CSV tables, with Jackson (jackson-dataformat-csv): the header is the record's component
 * names in declaration order, doubles are written with {@link Double#toString} (they round-trip exactly, NaN
 * included) and fields are quoted as RFC 4180 says. Reading is strict: the header must be exactly the record's
 * (a renamed column may keep its former name as {@code @JsonAlias}),
 * every row must have exactly its columns, and a number column must hold a number; errors name the file and
 * the line. Jackson rather than Commons CSV because the same library also writes and reads the JSON files
 * ({@link RunRecord}, {@link OutputSet}), and it maps records without reflection code of our own.
 */
public final class RecordCsv {
    private RecordCsv() {}

    /**
     * A column added after files were written: a file whose header ends before it (and before every later column, each of
     * which must carry this too) still reads, with null in it. For reference types only.
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
    public @interface Added {}

    static final CsvMapper MAPPER = strict(new CsvMapper());

    private static CsvMapper strict(CsvMapper m) {
        m.enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
        m.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // an empty field is not a number (Jackson would read it as 0)
        m.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** The columns of {@code type}: its components in declaration order. */
    static CsvSchema schema(Class<? extends Record> type) {
        CsvSchema.Builder b = CsvSchema.builder();
        for (RecordComponent c : type.getRecordComponents()) b.addColumn(c.getName());
        return b.build();
    }

    public static String header(Class<? extends Record> type) {
        return String.join(",", Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    /**
     * Whether {@code header} names {@code type}'s columns in order, each by its name or by a former name that its component
     * keeps as {@code @JsonAlias} (so that files written before a column was renamed still read); the last columns may be
     * missing where they are {@link Added} (files written before they were added).
     */
    public static boolean fits(Class<? extends Record> type, String header) {
        RecordComponent[] cs = type.getRecordComponents();
        String[] names = header.split(",", -1);
        if (names.length > cs.length) return false;
        for (int i = names.length; i < cs.length; i++) if (cs[i].getAnnotation(Added.class) == null) return false;
        for (int i = 0; i < names.length; i++) {
            JsonAlias former = cs[i].getAccessor().getAnnotation(JsonAlias.class);
            if (!names[i].equals(cs[i].getName()) && (former == null || !Arrays.asList(former.value()).contains(names[i]))) return false;
        }
        return true;
    }

    /** The table: the header line, then one line per row, each ending in a newline. */
    public static <R extends Record> String write(Class<R> type, List<R> rows) {
        try {
            return MAPPER.writer(schema(type).withHeader()).writeValueAsString(rows);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as CSV: " + e.getOriginalMessage(), e);
        }
    }

    /** One row, without header or newline. */
    public static String row(Record r) {
        @SuppressWarnings("unchecked") Class<Record> type = (Class<Record>) r.getClass();
        String s = write(type, List.of(r));
        return s.substring(s.indexOf('\n') + 1, s.length() - 1);
    }

    /**
     * A table written by {@link #write}; {@code where} names the source in errors.
     *
     * @throws IllegalArgumentException naming {@code where} and the line when the header is not exactly {@code type}'s
     *                                  or a row does not fit it
     */
    public static <R extends Record> List<R> read(Class<R> type, String text, String where) {
        String header = text.lines().findFirst().orElse("");
        if (!fits(type, header))
            throw new IllegalArgumentException(where + ": columns are [" + header + "], expected [" + header(type) + "]");
        CsvSchema.Builder schema = CsvSchema.builder(); // the file's own names: Jackson maps a former one by its @JsonAlias
        for (String column : header.split(",", -1)) schema.addColumn(column);
        try (MappingIterator<R> it = MAPPER.readerFor(type).with(schema.build().withSkipFirstDataRow(true)).readValues(text)) {
            List<R> out = new ArrayList<>();
            while (it.hasNextValue()) out.add(it.nextValue());
            return out;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " line " + e.getLocation().getLineNr() + ": " + reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's message without its source excerpt, and the cause of a failed record constructor (a validation). */
    private static String reason(JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != e && root instanceof IllegalArgumentException) return root.getMessage();
        return e.getOriginalMessage();
    }

    /** One line of a CSV file: its number in the file (from 1) and its cells. */
    public record Line(long number, List<String> cells) {}

    /**
     * Every line of a CSV file as its cells, header first (blank lines skipped), for tables that are not one record
     * type (e.g. the papers' numbers under expected-results/); errors name the file and the line.
     */
    public static List<Line> cells(Path file) {
        try {
            return cells(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Io.reason(e), e);
        }
    }

    /** As {@link #cells(Path)}, of a text; {@code where} names its source in errors. */
    public static List<Line> cells(String text, String where) {
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(text)) {
            List<Line> out = new ArrayList<>();
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                out.add(new Line(it.getParser().currentTokenLocation().getLineNr(), List.of(cells)));
            }
            return out;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
