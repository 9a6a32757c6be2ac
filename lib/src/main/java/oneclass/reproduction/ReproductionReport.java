package oneclass.reproduction;

import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.ExpectedResults.Expected;
import oneclass.report.Results;
import oneclass.report.Verdict;
import oneclass.run.ResultStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The one reproduction report ({@code make report}): every section's stored runs read back
 * ({@link Section#reader()}), compared with the paper's numbers under the one verdict rule ({@link Verdict}),
 * and counted. Every published cell of the columns the harness runs is exactly one of: reproduced, not
 * reproduced (below, above, or diverged), not comparable (e.g. run on a data subset), or not run, with the
 * reason. Shards of an experiment need no merge step: their runs share one folder and are read together.
 */
public final class ReproductionReport {
    private ReproductionReport() {}

    /**
     * The counts of a section's published cells, of the columns the harness runs ({@link Section#methods()}, or any
     * column with runs); the cells of the other columns (the paper's baselines, with no runs here) are counted apart:
     * {@code notRunYet} those of columns the harness could run, {@code outOfScope} those it leaves out ({@link ColumnNotes}).
     */
    public record Tally(int reproduced, int notReproduced, int notComparable, int notRun, int notRunYet, int outOfScope) {
        public int cells() { return reproduced + notReproduced + notComparable + notRun; }

        /** The cells in columns with no runs here. */
        public int baselines() { return notRunYet + outOfScope; }

        Tally plus(Tally o) {
            return new Tally(reproduced + o.reproduced, notReproduced + o.notReproduced, notComparable + o.notComparable,
                    notRun + o.notRun, notRunYet + o.notRunYet, outOfScope + o.outOfScope);
        }
    }

    /** A published cell without a measurement, and why. */
    public record NotRun(String dataset, String cls, String method, String why) {}

    /**
     * A column of the paper's table with no runs here, and its published cells.
     *
     * @param outOfScope the group it is left out with, or null when it is not run yet
     * @param quotedFrom the section whose runs would fill it (a {@link Section.Quoted} column), or null
     */
    public record Unrun(String method, int cells, ColumnNotes.OutOfScope outOfScope, String quotedFrom) {}

    /**
     * One section, evaluated.
     *
     * @param protocol  the results subfolder judged (the first of {@link Section#protocols()} present), null if none
     * @param main      its results, null when nothing was run
     * @param others    the other protocols' results that exist, by protocol
     * @param quoted    per quoted column ({@link Section#quoted()}) with runs, the quoted section's results folder read as that column
     * @param unrun     the columns with no runs, in the paper's order
     */
    public record Evaluated(Section section, String protocol, Results main, Map<String, Results> others, Map<String, Results> quoted,
                            ExpectedResults expected, List<NotRun> notRun, List<Unrun> unrun, Tally tally) {
        /** The judged cells: the section's own runs, then its quoted columns'. */
        public List<Comparison.Row> rows() {
            List<Comparison.Row> rows = new ArrayList<>(main == null ? List.of() : main.rows());
            quoted.values().forEach(q -> rows.addAll(q.rows()));
            return rows;
        }

        /** Whether any results were read: the section's own, or a quoted column's. */
        public boolean anyRuns() { return main != null || !quoted.isEmpty(); }

        /** The damaged result files of every protocol folder read, each as "file is damaged: why"; skipped, not read. */
        public List<String> damaged() {
            List<String> d = new ArrayList<>(main == null ? List.of() : main.damaged());
            others.values().forEach(o -> d.addAll(o.damaged()));
            return d;
        }
    }

    /**
     * Reads and judges one section; {@code results} is the results root ({@code results/}), only read; {@code expectedDir} the
     * papers' tables, or null for the copies built into the program.
     */
    public static Evaluated evaluate(Section s, Path results, Path expectedDir) {
        ExpectedResults expected = s.expected() == null ? ExpectedResults.none()
                : expectedDir == null ? ExpectedResults.of(null, s.expected()) : ExpectedResults.load(expectedDir.resolve(s.expected()));
        String protocol = null;
        Results main = null;
        Map<String, Results> others = new LinkedHashMap<>();
        for (String p : s.protocols()) {
            Results r = s.reader().read(results.resolve(s.id()).resolve(p), expected);
            if (r == null) continue;
            if (main == null) { main = r; protocol = p; } else others.put(p, r);
        }
        // a quoted column: the quoted section's folder that its own section judges, read as this table's column (no files
        // copied); where the section has runs of that column itself (e.g. hrn_table1 --methods DSVDD), those are judged instead
        Map<String, Results> quoted = new LinkedHashMap<>();
        for (Section.Quoted q : s.quoted()) {
            if (main != null && main.rows().stream().anyMatch(r -> r.method().equals(q.method()))) continue;
            Section from = Sections.get(q.section());
            for (String p : from.protocols()) {
                Results r = q.reader().read(results.resolve(from.id()).resolve(p), expected);
                if (r != null) { quoted.put(q.method(), r); break; }
            }
        }
        Map<String, Comparison.Row> byCell = new HashMap<>();
        Map<String, Results> byMethod = new HashMap<>();
        if (main != null) for (Comparison.Row r : main.rows()) { byCell.put(key(r.dataset(), r.cls(), r.method()), r); byMethod.put(r.method(), main); }
        quoted.forEach((m, q) -> q.rows().forEach(r -> { byCell.put(key(r.dataset(), r.cls(), r.method()), r); byMethod.put(m, q); }));
        int ok = 0, bad = 0, nc = 0;
        List<NotRun> notRun = new ArrayList<>();
        Map<String, Integer> unrunCells = new LinkedHashMap<>();
        for (Expected e : expected.all()) {
            // a column counts when the section runs it, or when runs of it exist (e.g. a baseline implemented since)
            Results from = byMethod.get(e.method());
            if (!s.runs(e.method()) && from == null) { unrunCells.merge(e.method(), 1, Integer::sum); continue; }
            Comparison.Row r = byCell.get(key(e.dataset(), e.cls(), e.method()));
            if (r == null) {
                // a quoted column's missing cell is missing from the quoted section's folder, for that section's reason
                Section bySection = s.quoted().stream().filter(q -> q.method().equals(e.method()) && quoted.containsKey(q.method()))
                        .map(q -> Sections.get(q.section())).findFirst().orElse(s);
                String why = whyNotRun(bySection, bySection == s ? main : from, results, e.dataset());
                notRun.add(new NotRun(e.dataset(), e.cls(), e.method(), why));
                continue;
            }
            switch (r.verdict()) {
                case WITHIN -> ok++;
                case BELOW, ABOVE, DIVERGED -> bad++;
                case NOT_COMPARABLE -> nc++;
                case NO_PAPER_VALUE -> throw new IllegalStateException("a published cell judged as having no paper value: " + r);
            }
        }
        List<Unrun> unrun = new ArrayList<>();
        unrunCells.forEach((m, n) -> unrun.add(new Unrun(m, n, Sections.COLUMNS.outOfScope(m).orElse(null),
                s.quoted().stream().filter(q -> q.method().equals(m)).map(Section.Quoted::section).findFirst().orElse(null))));
        int outOfScope = unrun.stream().filter(u -> u.outOfScope() != null).mapToInt(Unrun::cells).sum();
        int notRunYet = unrun.stream().mapToInt(Unrun::cells).sum() - outOfScope;
        return new Evaluated(s, protocol, main, others, quoted, expected, notRun, unrun,
                new Tally(ok, bad, nc, notRun.size(), notRunYet, outOfScope));
    }

    static String whyNotRun(Section s, Results main, Path results, String dataset) {
        String note = s.notes().get(dataset);
        String where = main == null ? "no runs in " + folders(s, results)
                : main.runs() == 0 ? "only damaged result files in " + main.dir() + " (listed in the section; rerunning the command retrains them)"
                : main.rows().isEmpty() ? main.runs() + " runs in " + main.dir() + " but no table yet (shards not merged: the same command "
                + "without --shard builds it)" : "no " + dataset + " runs in " + main.dir();
        return where + (note != null ? "; " + note : "; `make " + s.makeTarget() + "` runs it");
    }

    private static String key(String d, String c, String m) { return d + "|" + c + "|" + m; }

    /** Where a section's results are looked for, e.g. {@code results/hrn_table1/{paper,official-code}}. */
    static String folders(Section s, Path results) {
        List<String> sub = s.protocols().stream().filter(p -> !p.isEmpty()).toList();
        return results.resolve(s.id()) + (sub.isEmpty() ? "" : "/{" + String.join(",", sub) + "}");
    }

    /** A results folder as the report names it: {@code hrn_table1/paper}, or {@code hcl_table7} for the section folder itself. */
    static String folder(Section s, String protocol) { return s.id() + (protocol.isEmpty() ? "" : "/" + protocol); }

    /**
     * The protocol of {@code others} that runs the authors' code's settings on what {@code main} runs under the paper's:
     * {@code official-code} for {@code paper}, {@code resnet50-official-code} for {@code resnet50-paper}; null if none.
     */
    static String codeCounterpart(String main) {
        return main != null && main.contains("paper") ? main.replace("paper", "official-code") : null;
    }

    /** Evaluates {@code sections} and writes {@code out/REPORT.md} with its charts; returns the evaluations. */
    public static List<Evaluated> write(List<Section> sections, Path results, Path expectedDir, Path out, String provenance) {
        List<Evaluated> ev = sections.stream().map(s -> evaluate(s, results, expectedDir)).toList();
        ResultStore.writeAtomically(out.resolve("REPORT.md"), markdown(ev, results, out, provenance).getBytes(StandardCharsets.UTF_8));
        return ev;
    }

    /** The whole tally, over sections. */
    public static Tally total(List<Evaluated> ev) {
        return ev.stream().map(Evaluated::tally).reduce(new Tally(0, 0, 0, 0, 0, 0), Tally::plus);
    }

    /**
     * The headline in one sentence, and one more when result files were damaged: the report skips such a file (it is
     * named in its section, and a resumed script retrains it) rather than stopping, so that one cut file of a thousand
     * runs costs one run, not the report; the cell it belonged to shows one run fewer.
     */
    public static String headline(List<Evaluated> ev) {
        Tally t = total(ev);
        long damaged = ev.stream().mapToLong(e -> e.damaged().size()).sum();
        return String.format(Locale.ROOT, "Of the %d published cells in the columns this harness runs, **%d reproduce**, **%d do not**, "
                + "%d are not comparable (run on a data subset, over fewer classes or at a shortened budget) and %d are not run.", t.cells(), t.reproduced(),
                t.notReproduced(), t.notComparable(), t.notRun())
                + (t.baselines() > 0 ? " " + unrunSentence(ev, t) : "")
                + (damaged > 0 ? String.format(Locale.ROOT, " **%d damaged result file%s skipped** (named in %s section; rerunning the "
                + "command that wrote a file retrains or rewrites it).", damaged, damaged == 1 ? " was" : "s were", damaged == 1 ? "its" : "their") : "");
    }

    /**
     * The headline's sentence on the cells in columns with no runs here: those not run yet (the harness could run them, or
     * a quoted column's section has no runs), and those out of scope, by what they are ({@link ColumnNotes}).
     */
    static String unrunSentence(List<Evaluated> ev, Tally t) {
        List<Unrun> all = ev.stream().flatMap(e -> e.unrun().stream()).toList();
        String notYet = all.stream().filter(u -> u.outOfScope() == null).map(Unrun::method).distinct().collect(Collectors.joining(", "));
        Map<ColumnNotes.OutOfScope, Set<String>> out = new LinkedHashMap<>();
        all.stream().filter(u -> u.outOfScope() != null).forEach(u -> out.computeIfAbsent(u.outOfScope(), g -> new LinkedHashSet<>()).add(u.method()));
        String scope = out.entrySet().stream().map(x -> x.getKey().what() + ": " + String.join(", ", x.getValue())).collect(Collectors.joining("; "));
        List<String> parts = new ArrayList<>();
        if (t.notRunYet() > 0) parts.add(String.format(Locale.ROOT, "%d not run yet (%s)", t.notRunYet(), notYet));
        if (t.outOfScope() > 0) parts.add(String.format(Locale.ROOT, "%d out of scope (%s; the reasons under [Out of scope](#out-of-scope))", t.outOfScope(), scope));
        return String.format(Locale.ROOT, "Another %d published cells are in columns with no runs here: %s.", t.baselines(), String.join(" and ", parts));
    }

    /** The columns left out, with their reasons and where their cells are. */
    static void outOfScope(StringBuilder md, List<Evaluated> ev) {
        Map<ColumnNotes.OutOfScope, List<String>> where = new LinkedHashMap<>();
        Map<ColumnNotes.OutOfScope, Integer> cells = new LinkedHashMap<>();
        for (Evaluated e : ev)
            for (Unrun u : e.unrun()) {
                if (u.outOfScope() == null) continue;
                where.computeIfAbsent(u.outOfScope(), g -> new ArrayList<>()).add(u.method() + " in `" + e.section().id() + "` (" + u.cells() + ")");
                cells.merge(u.outOfScope(), u.cells(), Integer::sum);
            }
        if (where.isEmpty()) return;
        md.append("## Out of scope\n\nColumns of the papers' tables that this harness leaves out (`lib/src/main/resources/oneclass/reproduction/")
          .append(ColumnNotes.FILE).append("`); their cells are counted apart from the columns not run yet.\n\n");
        md.append("| columns | cells | where (cells) | why |\n|---|---:|---|---|\n");
        where.forEach((g, w) -> md.append("| ").append(g.what()).append(": ").append(String.join(", ", g.methods())).append(" | ")
                .append(cells.get(g)).append(" | ").append(String.join(", ", w)).append(" | ").append(g.reason()).append(" |\n"));
        md.append('\n');
    }

    /** The report as Markdown; its charts are written into {@code out} beside it. */
    static String markdown(List<Evaluated> ev, Path results, Path out, String provenance) {
        StringBuilder md = new StringBuilder("# Reproduction report\n\n");
        md.append(provenance).append("\n\n");
        md.append("Each published cell is judged by the rule in `expected-results/README.md`: ✓ within tolerance, ▼ below the paper, ")
          .append("▲ above, ✗ training diverged, · not comparable. ours = mean ± std over seeds.\n\n");
        md.append("## Headline\n\n").append(headline(ev)).append("\n\n");
        md.append("| section | results judged | runs | reproduced | not reproduced | not comparable | not run | notebook |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Evaluated e : ev) {
            Tally t = e.tally();
            md.append(String.format(Locale.ROOT, "| [%s](#%s) | %s | %s | %s | %s | %s | %s | [%s.ipynb](../notebooks/%s.ipynb) |%n",
                    e.section().title(), anchor(e.section().title()), judged(e, results),
                    e.main() == null ? "0" : String.valueOf(e.main().runs()), n(t.reproduced(), e), n(t.notReproduced(), e),
                    n(t.notComparable(), e), n(t.notRun(), e), e.section().id(), e.section().id()));
        }
        md.append('\n');
        outOfScope(md, ev);
        for (Evaluated e : ev) section(md, e, results, out);
        protocolEffects(md, ev);
        return md.toString();
    }

    /** The folders judged, as the headline table names them: {@code hrn_table1/paper}, and a quoted column's ({@code ICS: ics_table1/paper}). */
    private static String judged(Evaluated e, Path results) {
        List<String> f = new ArrayList<>();
        if (e.main() != null) f.add("`" + folder(e.section(), e.protocol()) + "`");
        e.quoted().forEach((m, r) -> f.add(m + ": `" + results.relativize(r.dir()) + "`"));
        return f.isEmpty() ? "not run" : String.join(", ", f);
    }

    private static String n(int v, Evaluated e) { return e.expected().file() == null ? "–" : String.valueOf(v); }

    static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} -]", "").trim().replace(' ', '-');
    }

    /** One section's part of the report; its charts are written into {@code out}, or left out when it is null (a notebook draws them). */
    static void section(StringBuilder md, Evaluated e, Path results, Path out) {
        Section s = e.section();
        md.append("## ").append(s.title()).append("\n\n");
        md.append("Script `scripts/").append(s.id()).append(".java`, `make ").append(s.makeTarget()).append("`; notebook [`notebooks/")
          .append(s.id()).append(".ipynb`](../notebooks/").append(s.id()).append(".ipynb)")
          .append(s.expected() != null ? "; the paper's numbers: `expected-results/" + s.expected() + "`" : "; the paper prints no numbers for it")
          .append(".\n\n");
        if (!e.anyRuns()) {
            md.append("**Not run**: no runs in `").append(folders(s, results)).append("`; `make ").append(s.makeTarget()).append("` runs it.\n\n");
            List<String> why = e.notRun().stream().map(NotRun::dataset).distinct().filter(d -> s.notes().containsKey(d))
                    .map(d -> "- " + d + ": " + s.notes().get(d) + "\n").toList();
            if (!why.isEmpty()) md.append("Where it cannot run here:\n\n").append(String.join("", why)).append('\n');
            unrunColumns(md, e, results);
            return;
        }
        if (!e.damaged().isEmpty()) {
            md.append("**Damaged result files, skipped**:\n\n");
            e.damaged().forEach(d -> md.append("- ").append(d).append('\n'));
            md.append('\n');
        }
        if (e.main() == null)
            md.append("**No runs of its own**: no runs in `").append(folders(s, results)).append("`; `make ").append(s.makeTarget()).append("` runs them.");
        else md.append(String.format(Locale.ROOT, "Judged: `%s` (%d runs).", e.main().dir(), e.main().runs()));
        e.others().forEach((p, r) -> md.append(String.format(Locale.ROOT, " Also present: `%s` (%d runs)%s.", p, r.runs(),
                p.equals(codeCounterpart(e.protocol())) ? ", in [paper vs authors' code](#paper-vs-authors-code)" : "")));
        md.append("\n\n");
        for (Section.Quoted q : s.quoted()) {
            Results r = e.quoted().get(q.method());
            if (r == null) continue;
            Section from = Sections.get(q.section());
            md.append(String.format(Locale.ROOT, "**Column %s** is quoted from [%s](#%s) and judged from our runs of it: `%s` (%d runs), the folder that "
                    + "section judges. %s%n%n", q.method(), from.title(), anchor(from.title()), r.dir(), r.runs(), q.note()));
        }
        if (s.expected() != null) {
            Tally t = e.tally();
            md.append(String.format(Locale.ROOT, "**%d of %d cells reproduce**; %d do not; %d not comparable; %d not run.%s%n%n",
                    t.reproduced(), t.cells(), t.notReproduced(), t.notComparable(), t.notRun(),
                    t.baselines() > 0 ? " (" + t.baselines() + " cells in columns with no runs here are not counted: below.)" : ""));
        }
        List<Comparison.Row> rows = e.rows();
        if (s.layout() == Section.Layout.CLASSES)
            for (String d : Comparison.datasets(rows)) md.append("**").append(d).append("**\n\n").append(Comparison.paperLayout(rows, d)).append('\n');
        else md.append(rowsLayout(rows, e.expected())).append('\n');
        if (out != null) s.charts().apply(rows).forEach((name, png) -> {
            String file = s.id() + "-" + name + ".png";
            ResultStore.writeAtomically(out.resolve(file), png);
            md.append("![").append(s.id()).append(" ").append(name).append("](").append(file).append(")\n\n");
        });
        if (out != null && e.main() != null) e.main().pictures().forEach((name, png) -> {
            String file = s.id() + "-" + name + ".png";
            try {
                ResultStore.writeAtomically(out.resolve(file), java.nio.file.Files.readAllBytes(png));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException("cannot read " + png, x);
            }
            md.append("![").append(s.id()).append(" ").append(name).append("](").append(file).append(")\n\n");
        });
        List<Comparison.Row> failed = rows.stream().filter(r -> r.verdict().fails()).toList();
        if (!failed.isEmpty()) {
            md.append("Not reproduced:\n\n").append(Comparison.markdown(failed)).append('\n');
            List<String> checked = failed.stream().map(Comparison.Row::method).distinct()
                    .filter(m -> Sections.COLUMNS.checked(s.id(), m) != null).map(m -> "- **" + m + "**: " + Sections.COLUMNS.checked(s.id(), m) + "\n").toList();
            if (!checked.isEmpty()) md.append("What was checked (`").append(ColumnNotes.FILE).append("`):\n\n").append(String.join("", checked)).append('\n');
        }
        List<Comparison.Row> nc = rows.stream().filter(r -> r.verdict() == Verdict.NOT_COMPARABLE && !Double.isNaN(r.paper())).toList();
        if (!nc.isEmpty()) {
            md.append("Not comparable: ");
            md.append(nc.stream().collect(Collectors.groupingBy(Comparison.Row::note, LinkedHashMap::new, Collectors.counting()))
                    .entrySet().stream().map(x -> x.getValue() + " cells (" + x.getKey() + ")").collect(Collectors.joining("; ")));
            md.append(".\n\n");
        }
        if (!e.notRun().isEmpty()) {
            md.append("Not run:\n\n");
            e.notRun().stream().collect(Collectors.groupingBy(NotRun::why, LinkedHashMap::new, Collectors.toList())).forEach((why, cells) ->
                    md.append("- ").append(cells.size()).append(" cells (").append(cells.stream().map(NotRun::dataset).distinct()
                            .collect(Collectors.joining(", "))).append("): ").append(why).append('\n'));
            md.append('\n');
        }
        unrunColumns(md, e, results);
    }

    /** The section's columns with no runs here, not counted in its cells: not run yet (with where runs would come from) or out of scope. */
    static void unrunColumns(StringBuilder md, Evaluated e, Path results) {
        if (e.unrun().isEmpty()) return;
        md.append("Columns with no runs here (not counted above):\n\n");
        List<Unrun> notYet = e.unrun().stream().filter(u -> u.outOfScope() == null).toList();
        if (!notYet.isEmpty()) md.append("- not run yet: ").append(notYet.stream().map(u -> u.method() + " (" + u.cells() + " cells"
                + (u.quotedFrom() == null ? "" : "; quoted from `" + u.quotedFrom() + "`, whose runs fill it: none in `"
                + folders(Sections.get(u.quotedFrom()), results) + "`, `make " + Sections.get(u.quotedFrom()).makeTarget() + "` runs them") + ")")
                .collect(Collectors.joining(", "))).append('\n');
        Map<ColumnNotes.OutOfScope, List<Unrun>> out = e.unrun().stream().filter(u -> u.outOfScope() != null)
                .collect(Collectors.groupingBy(Unrun::outOfScope, LinkedHashMap::new, Collectors.toList()));
        out.forEach((g, us) -> md.append("- out of scope: ").append(us.stream().map(Unrun::method).collect(Collectors.joining(", "))).append(" (")
                .append(us.stream().mapToInt(Unrun::cells).sum()).append(" cells): ").append(g.reason()).append('\n'));
        md.append('\n');
    }

    /**
     * One row per method (and metric, when the class column holds one), one column group per data set; rows in
     * the paper's order (that of the expected-results file), then by the number in their name (λ = 0.05 before 0.1).
     */
    static String rowsLayout(List<Comparison.Row> rows, ExpectedResults expected) {
        List<String> datasets = Comparison.datasets(rows);
        List<Comparison.Row> shown = rows.stream().filter(r -> !r.cls().matches("\\d+")).toList(); // per-class cells stay in the run folder
        List<String> paperOrder = expected.all().stream().map(x -> x.cls().equals(Cells.AVG) ? x.method() : x.method() + " " + x.cls()).distinct().toList();
        Comparator<String> order = Comparator.comparingInt((String l) -> paperOrder.contains(l) ? paperOrder.indexOf(l) : Integer.MAX_VALUE)
                .thenComparing(l -> l.replaceAll("[0-9.]+", "")).thenComparingDouble(l -> l.matches(".*\\d.*") ? Comparison.number(l) : 0);
        List<String> labels = shown.stream().map(ReproductionReport::label).distinct().sorted(order).toList();
        StringBuilder s = new StringBuilder("| |");
        datasets.forEach(d -> s.append(" ").append(d).append(" ours | paper | |"));
        s.append("\n|---|");
        datasets.forEach(d -> s.append("---:|---:|:-:|"));
        s.append('\n');
        for (String l : labels) {
            s.append("| ").append(l).append(" |");
            for (String d : datasets) {
                Optional<Comparison.Row> r = shown.stream().filter(x -> x.dataset().equals(d) && label(x).equals(l)).findFirst();
                s.append(r.map(x -> " " + (Double.isNaN(x.ours()) ? "diverged" : Comparison.pm(x.ours(), x.oursStd())) + " | "
                        + Comparison.pm(x.paper(), x.paperStd()) + " | " + Comparison.mark(x.verdict()) + " |").orElse(" | | |"));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String label(Comparison.Row r) { return r.cls().equals(Cells.AVG) ? r.method() : r.method() + " " + r.cls(); }

    /**
     * Paper vs authors' code: for each section with runs under more than one protocol, how far each difference
     * moves the averages. Under the code's protocol every run records the final-epoch model and the best
     * test epoch, so "best epoch on the test set" is measured within the same runs; the rest of the code's
     * settings (50 epochs, 90 % of the class, LeakyReLU, ε in the log, its initialisation) is the difference
     * between its final epoch and the paper protocol's.
     */
    static void protocolEffects(StringBuilder md, List<Evaluated> ev) {
        md.append("## Paper vs authors' code\n\n");
        boolean any = false;
        for (Evaluated e : ev) {
            if (e.main() == null || e.others().isEmpty()) continue;
            for (var o : e.others().entrySet()) {
                if (!o.getKey().equals(codeCounterpart(e.protocol()))) continue; // e.g. a quick mode, or another extractor
                any = true;
                // both sides average the same classes: those each (data set, method) ran under both protocols
                Map<String, Set<String>> shared = sharedClasses(e.main().finalEpoch(), o.getValue().finalEpoch());
                Map<String, Cells.Cell> paperFinal = averages(only(e.main().finalEpoch(), shared)), codeFinal = averages(only(o.getValue().finalEpoch(), shared)),
                        codeBest = averages(only(o.getValue().bestEpoch(), shared)), paperBest = averages(only(e.main().bestEpoch(), shared));
                md.append("**").append(e.section().title()).append("**: `").append(e.protocol()).append("` against `").append(o.getKey())
                  .append("`, averages over the classes both protocols ran (ours, mean over seeds; the paper's value over the same classes). ")
                  .append("The code's protocol records, in every run, both the model after ")
                  .append("its last epoch and the best test epoch, so the effect of picking the epoch on the test set is measured within the same runs; ")
                  .append("the effect of the code's other settings (its epochs, training subset, activation, ε in the log, initialisation) is ")
                  .append("its final epoch against the paper protocol's.\n\n");
                md.append("| data set | method | classes | paper protocol, final epoch | its best epoch on test | code protocol, final epoch | code protocol, best epoch on test (what the code reports) "
                        + "| effect of picking the epoch on test | effect of the code's other settings | paper's value |\n");
                md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
                List<String> keys = new ArrayList<>(codeFinal.keySet());
                List<String> mainOrder = e.rows().stream().map(r -> r.dataset() + "|" + r.method()).distinct().toList();
                keys.sort(Comparator.comparingInt(k -> mainOrder.contains(k) ? mainOrder.indexOf(k) : Integer.MAX_VALUE));
                for (String k : keys) {
                    Cells.Cell pf = paperFinal.get(k), cf = codeFinal.get(k), cb = codeBest.get(k), pb = paperBest.get(k);
                    double paper = paperValue(e.expected(), cf.dataset(), cf.method(), shared.get(k));
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", cf.dataset(), cf.method(), classList(shared.get(k)),
                            f(pf), f(pb), f(cf), f(cb), signed(cb, cf), signed(cf, pf), Double.isNaN(paper) ? "" : String.format(Locale.ROOT, "%.2f", paper)));
                }
                md.append('\n');
            }
        }
        if (!any) md.append("No runs under both the paper's and the authors' code's protocol here.\n\n");
        else md.append("An empty cell: that protocol did not record it (the paper protocol records the best epoch only with `--eval-every-epoch`). "
                + "Averages cover only seeds that ran every class.\n\n");
    }

    /** Per "data set|method", the classes that both lists of measurements hold. */
    static Map<String, Set<String>> sharedClasses(List<Cells.Measurement> a, List<Cells.Measurement> b) {
        Map<String, Set<String>> inA = classes(a), inB = classes(b), both = new LinkedHashMap<>();
        inB.forEach((k, v) -> {
            Set<String> s = new TreeSet<>(Comparator.comparing((String c) -> c.length()).thenComparing(Comparator.naturalOrder()));
            s.addAll(v);
            s.retainAll(inA.getOrDefault(k, Set.of()));
            if (!s.isEmpty()) both.put(k, s);
        });
        return both;
    }

    private static Map<String, Set<String>> classes(List<Cells.Measurement> ms) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        ms.forEach(x -> m.computeIfAbsent(x.dataset() + "|" + x.method(), k -> new HashSet<>()).add(x.cls()));
        return m;
    }

    private static List<Cells.Measurement> only(List<Cells.Measurement> ms, Map<String, Set<String>> shared) {
        return ms.stream().filter(x -> shared.getOrDefault(x.dataset() + "|" + x.method(), Set.of()).contains(x.cls())).toList();
    }

    /**
     * The paper's value over {@code classes}: its printed average when they are all 10 and it prints one, else the mean of
     * its per-class values (NaN if one is missing; ICS Table 1 prints no averages).
     */
    private static double paperValue(ExpectedResults expected, String dataset, String method, Set<String> classes) {
        Optional<Expected> avg = classes.size() == 10 ? expected.find(dataset, Cells.AVG, method) : Optional.empty();
        return avg.map(Expected::paperValue).orElseGet(() -> classes.stream()
                .mapToDouble(c -> expected.find(dataset, c, method).map(Expected::paperValue).orElse(Double.NaN)).average().orElse(Double.NaN));
    }

    /** "all 10", or the classes themselves, e.g. "0-3" or "0, 2, 5". */
    private static String classList(Set<String> classes) {
        if (classes.size() == 10) return "all 10";
        List<String> l = List.copyOf(classes);
        boolean run = l.size() > 2 && l.stream().allMatch(c -> c.matches("\\d+"))
                && Integer.parseInt(l.get(l.size() - 1)) - Integer.parseInt(l.get(0)) == l.size() - 1;
        return run ? l.get(0) + "-" + l.get(l.size() - 1) : String.join(", ", l);
    }

    /** Per (data set, method), the average over classes (for Table 2, over its one metric). */
    private static Map<String, Cells.Cell> averages(List<Cells.Measurement> ms) {
        Map<String, Cells.Cell> m = new LinkedHashMap<>();
        Cells.aggregate(ms).stream().filter(c -> c.cls().equals(Cells.AVG)).forEach(c -> m.put(c.dataset() + "|" + c.method(), c));
        return m;
    }

    private static String f(Cells.Cell c) { return c == null ? "" : String.format(Locale.ROOT, "%.2f", c.mean()); }

    private static String signed(Cells.Cell a, Cells.Cell b) {
        return a == null || b == null ? "" : String.format(Locale.ROOT, "%+.2f", a.mean() - b.mean());
    }

    /** A line for the top of the report: where the results came from, and the code that judged them. */
    public static String provenance(Path results, String gitCommit) {
        return "Generated by `make report` (`scripts/report.java`) from `" + results + "` with the code at git commit " + gitCommit + ".";
    }
}
