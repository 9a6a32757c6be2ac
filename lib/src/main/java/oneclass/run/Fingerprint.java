package oneclass.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stored result was made from, as a digest: the SHA-256 of the canonical JSON of a cell's config
 * (every setting that changes its numbers, the data's provenance included). A resumed run must carry the same
 * fingerprint ({@link ResultStore#find}), so that a changed setting or data file is never taken for the result
 * made before it changed.
 *
 * <p>Canonical: a config is data (records, enums, strings, numbers, booleans, lists, arrays and maps, nested);
 * each record becomes a JSON object of its components plus {@code "@type"}, its simple class name (so that two
 * records with the same components, e.g. two data terms, differ); every object's keys are sorted, so the order
 * a map was filled in does not matter. Anything else (a lambda, a model) is an error: fingerprint its
 * description instead.
 */
public final class Fingerprint {
    private Fingerprint() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The canonical JSON the digest is taken of (for a reader who wants to see what a fingerprint covers). */
    public static String canonical(Object config) {
        try {
            return JSON.writeValueAsString(tree(config));
        } catch (JacksonException e) {
            throw new IllegalStateException(e); // a tree of maps, lists and scalars always writes
        }
    }

    /** The SHA-256 of {@link #canonical}'s UTF-8 bytes, as 64 hex digits. */
    public static String of(Object config) {
        return OutputSet.sha256(canonical(config).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code o} as sorted maps, lists and scalars. */
    private static Object tree(Object o) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) return o;
        if (o instanceof Enum<?> e) return e.name();
        if (o instanceof Record r) {
            Map<String, Object> m = new TreeMap<>();
            m.put("@type", r.getClass().getSimpleName());
            for (RecordComponent c : r.getClass().getRecordComponents()) m.put(c.getName(), tree(value(r, c.getAccessor())));
            return m;
        }
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> m = new TreeMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k instanceof Enum<?> e ? e.name() : k), tree(v)));
            return m;
        }
        List<Object> list = new ArrayList<>();
        if (o instanceof Collection<?> c) c.forEach(x -> list.add(tree(x)));
        else if (o.getClass().isArray()) for (int i = 0; i < Array.getLength(o); i++) list.add(tree(Array.get(o, i)));
        else throw new IllegalArgumentException("cannot fingerprint a " + o.getClass().getName() + " (" + o + "): a config holds records, "
                    + "enums, strings, numbers, booleans, lists, arrays and maps; give its description instead");
        return list;
    }

    private static Object value(Record r, Method accessor) {
        try {
            accessor.setAccessible(true); // a record declared inside a class or a test is not public
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + ": " + e, e);
        }
    }
}
