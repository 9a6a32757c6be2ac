package oneclass.report;

import oneclass.report.Cells.Cell;
import oneclass.report.ExpectedResults.Expected;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.*;
import java.util.function.Function;

/** Our cells next to the paper's, with the difference, the margin and the verdict of each. */
public final class Comparison {
    private Comparison() {}

    /** One line of the comparison; {@code paper}, {@code diff} and {@code margin} are NaN where there is nothing to compare. */
    public record Row(String dataset, String cls, String method, int runs, double ours, double oursStd,
                      double paper, double paperStd, double diff, double margin, Verdict verdict, String note) {}

    /**
     * For a cell, why its runs do not speak for the paper's budget: the {@code shortened} note of a run of its data set and
     * column (e.g. "10 of the paper's 100 epochs"), or null when every such run had the full budget. A verdict at a budget
     * the paper did not use is not a finding about the paper, so such a cell is not judged.
     */
    public static <R> Function<Cell, String> shortened(List<R> runs, Function<R, String> dataset, Function<R, String> method,
                                                     Function<R, String> shortened) {
        Map<List<String>, String> notes = new HashMap<>();
        for (R r : runs) {
            String s = shortened.apply(r);
            if (s != null && !s.isEmpty()) notes.putIfAbsent(List.of(dataset.apply(r), method.apply(r)), s);
        }
        return c -> {
            String s = notes.get(List.of(c.dataset(), c.method()));
            return s == null ? null : "shortened budget: " + s;
        };
    }

    /**
     * @param notComparable for a cell, the reason it must not be judged against the paper (e.g. a data
     *                      subset), or null when it may
     */
    public static List<Row> compare(List<Cell> cells, ExpectedResults expected, Function<Cell, String> notComparable) {
        List<Row> rows = new ArrayList<>();
        for (Cell c : cells) {
            Optional<Expected> e = expected.find(c.dataset(), c.cls(), c.method());
            String reason = notComparable.apply(c);
            if (reason == null && c.cls().equals(Cells.AVG) && c.classes() < 10)
                reason = "average over " + c.classes() + " of 10 classes";
            if (e.isEmpty()) {
                rows.add(new Row(c.dataset(), c.cls(), c.method(), c.runs(), c.mean(), c.std(), Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Verdict.NO_PAPER_VALUE, ""));
                continue;
            }
            Expected x = e.get();
            double diff = c.mean() - x.paperValue();
            double margin = Verdict.margin(x.tolerance(), x.paperStd(), c.std());
            boolean diverged = Double.isNaN(c.mean()); // a run's training diverged (its AUC is NaN)
            Verdict v = reason != null ? Verdict.NOT_COMPARABLE : diverged ? Verdict.DIVERGED : Verdict.judge(c.mean(), x.paperValue(), margin);
            String note = reason != null ? reason : diverged ? "training diverged in at least one run" : "";
            rows.add(new Row(c.dataset(), c.cls(), c.method(), c.runs(), c.mean(), c.std(), x.paperValue(), x.paperStd(),
                    diff, margin, v, note));
        }
        rows.sort(Comparator.comparing(Row::dataset, Comparison::datasetOrder).thenComparing(Row::method)
                .thenComparing(r -> r.cls().equals(Cells.AVG) ? "~" : r.cls()));
        return rows;
    }

    private static int datasetOrder(String a, String b) {
        List<String> order = List.of("mnist", "fmnist", "cifar10");
        int ia = order.indexOf(a), ib = order.indexOf(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    /** The data sets of {@code rows}, in their order. */
    public static List<String> datasets(List<Row> rows) { return rows.stream().map(Row::dataset).distinct().toList(); }

    /** The number in a method's name, for the sweeps whose columns are a setting: "noise-10%" → 10, "lambda=0.05" → 0.05. */
    public static double number(String method) { return Double.parseDouble(method.replaceAll("[^0-9.]", "")); }

    /**
     * A sweep's points on one data set: the class-averaged rows whose method starts with {@code prefix} (e.g. "noise-",
     * "rho="), ordered by the number in the method's name.
     */
    public static List<Row> sweep(List<Row> rows, String dataset, String prefix) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.cls().equals(Cells.AVG) && r.method().startsWith(prefix))
                .sorted(Comparator.comparingDouble(r -> number(r.method()))).toList();
    }

    public static boolean anyFails(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.verdict().fails());
    }

    /** Counts of each verdict, e.g. for a headline. */
    public static Map<Verdict, Long> counts(List<Row> rows) {
        Map<Verdict, Long> m = new EnumMap<>(Verdict.class);
        rows.forEach(r -> m.merge(r.verdict(), 1L, Long::sum));
        return m;
    }

    public static String pm(double mean, double std) {
        if (Double.isNaN(mean)) return "";
        return Double.isNaN(std) ? String.format(Locale.ROOT, "%.2f", mean) : String.format(Locale.ROOT, "%.2f ± %.2f", mean, std);
    }

    /** The comparison as a Tablesaw table (values in the papers' unit, e.g. AUC in %). */
    public static Table table(String title, List<Row> rows) {
        Table t = Table.create(title,
                StringColumn.create("dataset"), StringColumn.create("class"), StringColumn.create("method"),
                IntColumn.create("runs"), StringColumn.create("ours"), StringColumn.create("paper"),
                DoubleColumn.create("diff"), DoubleColumn.create("margin"), StringColumn.create("verdict"));
        for (Row r : rows) {
            t.stringColumn("dataset").append(r.dataset());
            t.stringColumn("class").append(r.cls());
            t.stringColumn("method").append(r.method());
            t.intColumn("runs").append(r.runs());
            t.stringColumn("ours").append(pm(r.ours(), r.oursStd()));
            t.stringColumn("paper").append(pm(r.paper(), r.paperStd()));
            t.doubleColumn("diff").append(round2(r.diff()));
            t.doubleColumn("margin").append(round2(r.margin()));
            t.stringColumn("verdict").append(r.verdict().label + (r.note().isEmpty() ? "" : " (" + r.note() + ")"));
        }
        return t;
    }

    /** Two decimals; NaN (nothing to compare, or a diverged run) stays NaN, which Tablesaw prints as an empty cell. */
    static double round2(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 100) / 100.0;
    }

    /** The comparison as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder s = new StringBuilder("| dataset | class | method | runs | ours | paper | diff | margin | verdict |\n");
        s.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            String verdict = r.verdict().fails() ? "**" + r.verdict().label + "**" : r.verdict().label;
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s |%n", r.dataset(), r.cls(), r.method(), r.runs(),
                    pm(r.ours(), r.oursStd()), pm(r.paper(), r.paperStd()), Double.isNaN(r.diff()) ? "" : String.format(Locale.ROOT, "%+.2f", r.diff()),
                    Double.isNaN(r.margin()) ? "" : String.format(Locale.ROOT, "%.2f", r.margin()),
                    verdict + (r.note().isEmpty() ? "" : " (" + r.note() + ")")));
        }
        return s.toString();
    }

    /**
     * The comparison laid out like the paper's table: one row per class, and per method our mean ± std,
     * the paper's value and a mark: ✓ within tolerance, ▼ below, ▲ above, · not comparable.
     */
    public static String paperLayout(List<Row> rows, String dataset) {
        List<String> methods = rows.stream().filter(r -> r.dataset().equals(dataset)).map(Row::method).distinct().toList();
        StringBuilder s = new StringBuilder("| class |");
        methods.forEach(m -> s.append(" ").append(m).append(" ours | paper | |"));
        s.append("\n|---|");
        methods.forEach(m -> s.append("---:|---:|:-:|"));
        s.append('\n');
        List<String> classes = rows.stream().filter(r -> r.dataset().equals(dataset)).map(Row::cls).distinct()
                .sorted(Comparator.comparing((String c) -> c.equals(Cells.AVG)).thenComparing(c -> c)).toList();
        for (String c : classes) {
            s.append("| ").append(c).append(" |");
            for (String m : methods) {
                Optional<Row> r = rows.stream().filter(x -> x.dataset().equals(dataset) && x.cls().equals(c) && x.method().equals(m)).findFirst();
                s.append(r.map(x -> " " + pm(x.ours(), x.oursStd()) + " | " + pm(x.paper(), x.paperStd()) + " | " + mark(x.verdict()) + " |")
                        .orElse(" | | |"));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The one-character mark of a verdict used in the paper-layout tables. */
    public static String mark(Verdict v) {
        return switch (v) {
            case WITHIN -> "✓";
            case BELOW -> "▼";
            case ABOVE -> "▲";
            case NOT_COMPARABLE -> "·";
            case DIVERGED -> "✗";
            case NO_PAPER_VALUE -> "";
        };
    }
}
