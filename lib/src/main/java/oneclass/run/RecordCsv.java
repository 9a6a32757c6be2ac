package oneclass.run;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Java records as CSV rows: the header is the record's component names, values are written with
 * {@link String#valueOf} (doubles round-trip exactly) and quoted when needed. One small writer/reader
 * for every result file of the harness, so that result files are plain tables any tool can read.
 */
public final class RecordCsv {
    private RecordCsv() {}

    public static String header(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) names.add(c.getName());
        return String.join(",", names);
    }

    public static String row(Record r) {
        List<String> cells = new ArrayList<>();
        try {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                var accessor = c.getAccessor();
                accessor.setAccessible(true); // records declared inside a script class are not public
                cells.add(quote(String.valueOf(accessor.invoke(r))));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return String.join(",", cells);
    }

    static String quote(String s) {
        if (s.contains("\n") || s.contains("\r")) throw new IllegalArgumentException("a CSV field may not contain a line break: " + s);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cur.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(ch);
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote in CSV line: " + line);
        out.add(cur.toString());
        return out;
    }

    /** Parses a row written by {@link #row} back into a record; {@code where} names the source in errors. */
    public static <R extends Record> R parse(Class<R> type, String header, String line, String where) {
        if (!header.equals(header(type)))
            throw new IllegalArgumentException(where + ": columns are [" + header + "], expected [" + header(type) + "]");
        List<String> cells = split(line);
        RecordComponent[] comps = type.getRecordComponents();
        if (cells.size() != comps.length)
            throw new IllegalArgumentException(where + ": " + cells.size() + " fields, expected " + comps.length);
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            String v = cells.get(i);
            try {
                args[i] = types[i] == String.class ? v
                        : types[i] == int.class ? Integer.parseInt(v)
                        : types[i] == long.class ? Long.parseLong(v)
                        : types[i] == double.class ? Double.parseDouble(v)
                        : types[i] == boolean.class ? parseBoolean(v)
                        : fail(types[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": column " + comps[i].getName() + " = '" + v + "' is not a " + types[i].getSimpleName());
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(where + ": " + e.getCause(), e);
        }
    }

    private static boolean parseBoolean(String v) {
        if (v.equals("true") || v.equals("false")) return v.equals("true");
        throw new NumberFormatException(v);
    }

    private static Object fail(Class<?> t) {
        throw new IllegalArgumentException("unsupported column type " + t);
    }
}
