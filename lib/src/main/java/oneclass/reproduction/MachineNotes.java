package oneclass.reproduction;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about the machine the results were made on that the report needs to say why a cell was not run (e.g. "the full
 * CIFAR-10 is not on the development machine"): data, not code, in {@code machine-notes.json} beside this class
 * ({@code lib/src/main/resources/oneclass/reproduction/}), read through Jackson.
 *
 * @param machine  the machine, in words
 * @param about    what the file is, for its reader
 * @param datasets per data set, the note every section gives
 * @param sections per section id, its own notes by data set, which replace those of {@code datasets}
 */
public record MachineNotes(String machine, String about, Map<String, String> datasets, Map<String, Map<String, String>> sections) {
    static final String FILE = "machine-notes.json";

    public MachineNotes {
        Objects.requireNonNull(machine, FILE + ": \"machine\" is missing");
        datasets = datasets == null ? Map.of() : Map.copyOf(datasets);
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    /** The notes built into the library (and into {@code scripts/report.java} by its {@code //FILES} line). */
    static MachineNotes builtIn() { return builtIn(FILE, MachineNotes.class, KEYS); }

    /** The notes in {@code in}; {@code where} names it in the error when it is not such a file (e.g. a misspelt key). */
    static MachineNotes read(InputStream in, String where) { return read(in, where, MachineNotes.class, KEYS); }

    private static final String KEYS = "machine, about, datasets, sections";

    /**
     * The report's data file {@code file} beside this class ({@code oneclass/reproduction/} on the class path), read as a
     * {@code type}; {@code keys} are its keys, for the error when it is not such a file.
     */
    static <T> T builtIn(String file, Class<T> type, String keys) {
        String where = "oneclass/reproduction/" + file;
        try (InputStream in = MachineNotes.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException(where + " is not on the class path (lib/pom.xml's resources, a script's //FILES line)");
            return read(in, where, type, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(InputStream in, String where, Class<T> type, String keys) {
        try {
            return new ObjectMapper().readValue(in, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not a notes file with the keys " + keys + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Section {@code id}'s notes by data set: those of every section, with its own in their place. */
    public Map<String, String> of(String id) {
        Map<String, String> m = new HashMap<>(datasets);
        m.putAll(sections.getOrDefault(id, Map.of()));
        return m;
    }
}
