package oneclass.reproduction;

import oneclass.report.Comparison;
import oneclass.report.Results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A paper section as the reproduction report and the notebooks see it: which script fills which results
 * folder, where the paper's numbers are, how to read the stored runs back, and how to lay them out.
 * {@link Sections#ALL} lists every section, each made with {@link #of(String)} and named setters.
 *
 * @param id          the script's name, also the results folder {@code results/<id>/}, the notebook {@code notebooks/<id>.ipynb}
 *                    and (with "-" for "_") the make target, e.g. {@code hrn_table1}: {@code make hrn-table1}
 * @param title       as in the paper, e.g. "HRN Table 1: one-class AUC per class on image data"
 * @param expected    the file under {@code expected-results/}, or null when the paper prints no numbers for it
 * @param methods     the columns of the paper's table this harness runs; its other columns (baselines) are counted apart.
 *                    Empty: all of them.
 * @param protocols   the subfolders of {@code results/<id>/} to read, the main one first (the first present is judged);
 *                    {@code ""} is {@code results/<id>/} itself, for a script that writes there
 * @param reader      reads one results folder back and compares it with the paper (the experiment package's own reader)
 * @param layout      how the tables are laid out
 * @param charts      the pictures of a comparison, by file-name suffix, e.g. {@code "mnist" -> PNG}
 * @param notes       per data set, why it may be missing or not comparable here (e.g. data not on this machine)
 * @param live        a small live experiment (a minute or so), which a notebook runs when no results exist
 * @param quoted      the columns of the paper's table that it quotes from the other paper, judged from our runs of that paper's
 *                    section (e.g. HRN Table 1's ICS column from ics_table1's Ours runs)
 */
public record Section(String id, String title, String expected, List<String> methods, List<String> protocols,
                      Results.Reader reader, Layout layout, Function<List<Comparison.Row>, Map<String, byte[]>> charts,
                      Map<String, String> notes, Live live, List<Quoted> quoted) {
    public Section {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, id + ": title");
        Objects.requireNonNull(reader, id + ": reader");
        Objects.requireNonNull(layout, id + ": layout");
        Objects.requireNonNull(charts, id + ": charts");
        Objects.requireNonNull(live, id + ": live");
        if (protocols.isEmpty()) throw new IllegalArgumentException(id + ": at least one protocol folder is needed");
        if (!protocols.contains(live.protocol()))
            throw new IllegalArgumentException(id + ": the live experiment writes protocol '" + live.protocol() + "', which is not among " + protocols
                    + ", so the report would not read it");
        methods = List.copyOf(methods);
        protocols = List.copyOf(protocols);
        notes = Map.copyOf(notes);
        quoted = List.copyOf(quoted);
        for (Quoted q : quoted)
            if (methods.contains(q.method())) throw new IllegalArgumentException(id + ": column " + q.method() + " is both run and quoted from " + q.section());
    }

    /**
     * A column that the paper quotes from another paper, filled from that paper's section: its results folder, the first of
     * its {@link #protocols()} present (the one its own section judges), read by {@code reader}, which names the column
     * {@code method} and judges it against this section's table.
     *
     * @param section the section whose results fill the column (e.g. {@code ics_table1})
     * @param note    where the two papers' protocols differ, shown beside the column ({@link ColumnNotes})
     */
    public record Quoted(String method, String section, Results.Reader reader, String note) {
        public Quoted {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(section, method + ": section");
            Objects.requireNonNull(reader, method + ": reader");
            Objects.requireNonNull(note, method + " quoted from " + section + ": no note on where the protocols differ (" + ColumnNotes.FILE + ")");
        }
    }

    /** The make target that produces the results: the id with "-" for "_". */
    public String makeTarget() { return id.replace('_', '-'); }

    /** Whether a column of the paper's table is one this harness runs (not a baseline). */
    public boolean runs(String method) { return methods.isEmpty() || methods.contains(method); }

    /** A section named {@code id}, to be described with the builder's named setters. */
    public static Builder of(String id) { return new Builder(id); }

    /**
     * The named setters of a {@link Section}. Required: title, protocols, reader, live. By default the paper prints no
     * numbers (no {@code expected}), every column is the harness's, the tables have one row per method, there are no charts
     * and no notes.
     */
    public static final class Builder {
        private final String id;
        private String title, expected;
        private List<String> methods = List.of(), protocols = List.of();
        private Results.Reader reader;
        private Layout layout = Layout.ROWS;
        private Function<List<Comparison.Row>, Map<String, byte[]>> charts = rows -> Map.of();
        private Map<String, String> notes = Map.of();
        private Live live;
        private final List<Quoted> quoted = new java.util.ArrayList<>();
        private Map<String, String> quotedNotes = Map.of();

        private Builder(String id) { this.id = id; }

        public Builder title(String title) { this.title = title; return this; }
        public Builder expected(String file) { this.expected = file; return this; }
        public Builder methods(String... methods) { this.methods = List.of(methods); return this; }
        public Builder protocols(String... protocols) { this.protocols = List.of(protocols); return this; }
        public Builder reader(Results.Reader reader) { this.reader = reader; return this; }
        public Builder layout(Layout layout) { this.layout = layout; return this; }
        public Builder charts(Function<List<Comparison.Row>, Map<String, byte[]>> charts) { this.charts = charts; return this; }
        public Builder notes(Map<String, String> notes) { this.notes = notes; return this; }
        public Builder live(Live live) { this.live = live; return this; }
        /** Per quoted column, where the protocols differ (the section's part of {@link ColumnNotes#quoted()}). */
        public Builder quotedNotes(Map<String, String> notes) { this.quotedNotes = notes; return this; }
        /** Column {@code method} is quoted from {@code section}'s results, which {@code reader} reads as that column; its note comes from {@link #quotedNotes}. */
        public Builder quotes(String method, String section, Results.Reader reader) {
            quoted.add(new Quoted(method, section, reader, quotedNotes.get(method)));
            return this;
        }

        /** One live command into the folder of {@code protocol}: {@link Live#of}. */
        public Builder live(String protocol, String... options) { return live(Live.of(protocol, options)); }

        public Section build() { return new Section(id, title, expected, methods, protocols, reader, layout, charts, notes, live, quoted); }
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
}
