package oneclass.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A paper section as the reproduction report and the notebooks see it: which script fills which results
 * folder, where the paper's numbers are, how to read the stored runs back, and how to lay them out.
 * {@link Sections#ALL} lists every section; adding a script to the report is one entry there.
 *
 * @param id          the script's name, also the results folder {@code results/<id>/} and the notebook {@code notebooks/<id>.ipynb}
 * @param title       as in the paper, e.g. "HRN Table 1: one-class AUC per class on image data"
 * @param makeTarget  the make target that produces the results
 * @param expected    the file under {@code expected-results/}, or null when the paper prints no numbers for it
 * @param methods     the columns of the paper's table this harness runs; its other columns (baselines) are counted apart.
 *                    Empty: all of them.
 * @param protocols   the subfolders of {@code results/<id>/} to read, the main one first (the first present is judged);
 *                    {@code ""} is {@code results/<id>/} itself, for a script that writes there
 * @param reader      reads one results folder back and compares it with the paper; null when it holds no runs
 * @param layout      how the tables are laid out
 * @param charts      the pictures of a comparison, by file-name suffix, e.g. {@code "mnist" -> PNG}
 * @param notes       per data set, why it may be missing or not comparable here (e.g. data not on this machine)
 * @param live        a small live experiment (a minute or so), which a notebook runs when no results exist
 */
public record Section(String id, String title, String makeTarget, String expected, List<String> methods, List<String> protocols,
                      BiFunction<Path, ExpectedResults, Results> reader, Layout layout, Function<List<Comparison.Row>, Map<String, byte[]>> charts,
                      Map<String, String> notes, Live live) {
    public Section {
        Objects.requireNonNull(id, "id");
        if (protocols.isEmpty()) throw new IllegalArgumentException(id + ": at least one protocol folder is needed");
        methods = List.copyOf(methods);
        protocols = List.copyOf(protocols);
        notes = Map.copyOf(notes);
        Objects.requireNonNull(live, "live");
    }

    /**
     * A small live experiment: the section's script run once or more, in order, from the repository root, each time with
     * {@code --out} the results folder of {@code protocol}; {@value #OUT} in an option stands for that folder (e.g. a
     * model file a first command writes and a second reads). The data directory comes from {@code $ONECLASS_DATA}.
     */
    public record Live(String protocol, List<List<String>> commands) {
        public static final String OUT = "{out}";

        public Live {
            if (commands.isEmpty()) throw new IllegalArgumentException("a live experiment needs at least one command");
            commands = commands.stream().map(List::copyOf).toList();
        }

        /** One command, into the folder of {@code protocol}. */
        public static Live of(String protocol, String... options) { return new Live(protocol, List.of(List.of(options))); }

        /** The commands' options with {@value #OUT} replaced by {@code out}. */
        public List<List<String>> resolved(Path out) {
            return commands.stream().map(c -> c.stream().map(o -> o.replace(OUT, out.toString())).toList()).toList();
        }
    }

    /** Tables like the paper's per-class tables (one row per class), or one row per method/metric and a column per data set. */
    public enum Layout { CLASSES, ROWS }

    /**
     * What a results folder holds, as the report needs it.
     *
     * @param runs       the number of stored runs
     * @param rows       the comparison with the paper (every cell the runs fill)
     * @param finalEpoch per run, the measurement of the model after the last epoch
     * @param bestEpoch  per run, the best test measurement over epochs (only runs that recorded it)
     * @param pictures   pictures the script drew into the folder that the report and the notebook show as they are
     *                   (e.g. ICS's typical/atypical image grids), by name
     * @param damaged    result files that failed their check (cut short, or changed since), each as "file is damaged: why";
     *                   the report skips them, names them and counts them in its headline
     */
    public record Results(Path dir, int runs, List<Comparison.Row> rows, List<Cells.Measurement> finalEpoch,
                          List<Cells.Measurement> bestEpoch, Map<String, Path> pictures, List<String> damaged) {
        public Results {
            pictures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pictures));
            damaged = List.copyOf(damaged);
        }

        public Results(Path dir, int runs, List<Comparison.Row> rows, List<Cells.Measurement> finalEpoch,
                       List<Cells.Measurement> bestEpoch, Map<String, Path> pictures) {
            this(dir, runs, rows, finalEpoch, bestEpoch, pictures, List.of());
        }

        /** Results with no pictures of their own: the section's charts are drawn from the rows. */
        public Results(Path dir, int runs, List<Comparison.Row> rows, List<Cells.Measurement> finalEpoch, List<Cells.Measurement> bestEpoch) {
            this(dir, runs, rows, finalEpoch, bestEpoch, Map.of());
        }

        /** These results with {@code more} damaged files (each "file is damaged: why"), which the report skips and counts. */
        public Results withDamaged(List<String> more) {
            List<String> all = new java.util.ArrayList<>(damaged);
            all.addAll(more);
            return new Results(dir, runs, rows, finalEpoch, bestEpoch, pictures, all);
        }
    }

    /** Whether a column of the paper's table is one this harness runs (not a baseline). */
    public boolean runs(String method) { return methods.isEmpty() || methods.contains(method); }
}
