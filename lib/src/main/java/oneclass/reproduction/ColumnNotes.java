package oneclass.reproduction;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the report says about columns rather than data sets: the papers' columns this harness leaves out, each with its
 * reason (the report counts their cells apart from the columns not run yet), and, for a column a paper quotes from the
 * other paper ({@link Section.Quoted}), where the two papers' protocols differ. Data, not code, in
 * {@code column-notes.json} beside this class ({@code lib/src/main/resources/oneclass/reproduction/}), read as
 * {@link MachineNotes} is.
 *
 * @param about      what the file is, for its reader
 * @param outOfScope the columns left out, in groups that share a reason
 * @param quoted     per section id, per quoted column, where the protocols differ
 * @param checked    per section id, per column, what was checked where its cells do not reproduce (shown with them)
 */
public record ColumnNotes(String about, List<OutOfScope> outOfScope, Map<String, Map<String, String>> quoted,
                          Map<String, Map<String, String>> checked) {
    static final String FILE = "column-notes.json";

    /**
     * Columns the harness does not implement.
     *
     * @param methods the columns, as the papers' tables name them (e.g. {@code OCGAN})
     * @param what    what they are, in a few words, for the headline (e.g. "GAN and flow models")
     * @param reason  why they are left out
     */
    public record OutOfScope(List<String> methods, String what, String reason) {
        public OutOfScope {
            Objects.requireNonNull(methods, FILE + ": an outOfScope group has no \"methods\"");
            Objects.requireNonNull(what, FILE + ": the outOfScope group " + methods + " has no \"what\"");
            Objects.requireNonNull(reason, FILE + ": the outOfScope group " + methods + " has no \"reason\"");
            methods = List.copyOf(methods);
        }
    }

    public ColumnNotes {
        outOfScope = outOfScope == null ? List.of() : List.copyOf(outOfScope);
        quoted = quoted == null ? Map.of() : Map.copyOf(quoted);
        checked = checked == null ? Map.of() : Map.copyOf(checked);
        List<String> all = outOfScope.stream().flatMap(g -> g.methods().stream()).toList();
        if (all.size() != all.stream().distinct().count()) throw new IllegalArgumentException(FILE + ": a column is in two outOfScope groups: " + all);
    }

    /** The notes built into the library (and into {@code scripts/report.java} by its {@code //FILES} line). */
    static ColumnNotes builtIn() { return MachineNotes.builtIn(FILE, ColumnNotes.class, KEYS); }

    /** The notes in {@code in}; {@code where} names it in the error when it is not such a file (e.g. a misspelt key). */
    static ColumnNotes read(java.io.InputStream in, String where) { return MachineNotes.read(in, where, ColumnNotes.class, KEYS); }

    private static final String KEYS = "about, outOfScope (methods, what, reason), quoted, checked";

    /** The group {@code method} is left out with, if it is. */
    public Optional<OutOfScope> outOfScope(String method) {
        return outOfScope.stream().filter(g -> g.methods().contains(method)).findFirst();
    }

    /** What was checked for column {@code method} of section {@code id} where it does not reproduce; null if there is no note. */
    public String checked(String id, String method) { return checked.getOrDefault(id, Map.of()).get(method); }

    /** Where the protocols differ for column {@code method} that section {@code id} quotes; null if there is no note. */
    public String quoted(String id, String method) { return quoted.getOrDefault(id, Map.of()).get(method); }
}
