package oneclass.report;

import oneclass.hrn.HrnGrid;
import oneclass.run.ResultStore;
import oneclass.tabular.TabularRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;

/**
 * Every paper section the harness reproduces, in the paper's order: the registry behind {@code make report}
 * and the notebooks. A new script joins them with one entry here (and, if its runs are a new record type,
 * a reader of a few lines like {@link #hrnGrid}).
 */
public final class Sections {
    private Sections() {}

    static final String CIFAR10_NOTE = "the full CIFAR-10 is not on the development machine (no internet there), only a 4,000-image "
            + "subset, on which cells are marked not comparable; the scripts download the full set on a networked machine";

    public static final List<Section> ALL = List.of(
            new Section("hrn_table1", "HRN Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10", "hrn-table1",
                    "hrn_table1.csv", List.of("HRN", "HRN-L2"), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.CLASSES, perClass("AUC %"), Map.of("cifar10", CIFAR10_NOTE),
                    List.of("--datasets", "mnist", "--classes", "0,1", "--seeds", "1", "--epochs", "3")),
            new Section("hrn_table2", "HRN Table 2: precision, recall, F1 on KDDCUP99, Thyroid, Arrhythmia", "hrn-table2",
                    "hrn_table2.csv", List.of("HRN"), List.of("paper", "official-code"), Sections::tabular,
                    Section.Layout.ROWS, byDataset("f1", "F1 %"), Map.of(),
                    List.of("--datasets", "thyroid,arrhythmia", "--seeds", "1", "--epochs", "3")),
            new Section("hrn_ablation", "HRN Table 3: ablation of loss, H-regularization, instance normalization", "hrn-ablation",
                    "hrn_table3.csv", List.of(), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.ROWS, byDataset(Cells.AVG, "AUC % (average over classes)"), Map.of("cifar10", CIFAR10_NOTE),
                    List.of("--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2")),
            new Section("hrn_noise", "HRN Table 5: HRN trained with 0/1/10/20 % other-class images", "hrn-noise",
                    "hrn_table5.csv", List.of(), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.ROWS, Sections::noiseCurves, Map.of("cifar10", CIFAR10_NOTE),
                    List.of("--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2")),
            new Section("hrn_sensitivity", "HRN Sec. 4.2: sensitivity of the average AUC to λ and n (MNIST)", "hrn-sensitivity",
                    null, List.of(), List.of("paper", "paper-quick"), Sections::hrnGrid,
                    Section.Layout.ROWS, Sections::sensitivityCurves, Map.of(),
                    List.of("--classes", "0", "--lambdas", "0,0.1", "--ns", "12", "--epochs", "2")));

    /** The section called {@code id}. */
    public static Section get(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown section '" + id + "'; known: " + ALL.stream().map(Section::id).toList()));
    }

    // ---- readers: a results folder back into a comparison ------------------------------------------------------

    /** The runs of an HRN image grid ({@link HrnGrid}): the reported AUC, the final-epoch AUC and the best over epochs. */
    public static Section.Results hrnGrid(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null; // ResultStore would create the folder
        List<HrnGrid.RunResult> runs = new ResultStore<>(dir, HrnGrid.RunResult.class).all();
        if (runs.isEmpty()) return null;
        return new Section.Results(dir, runs.size(), HrnGrid.compare(runs, expected),
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.finalAuc())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestAuc()))
                        .map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.bestAuc())).toList());
    }

    /** The runs of HRN Table 2 ({@link TabularRun}): P, R, F1; the final-epoch and best-epoch F1. */
    public static Section.Results tabular(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        List<TabularRun> runs = new ResultStore<>(dir, TabularRun.class).all();
        if (runs.isEmpty()) return null;
        return new Section.Results(dir, runs.size(), TabularRun.compare(runs, expected),
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.finalF1())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestF1()))
                        .map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.bestF1())).toList());
    }

    // ---- charts ---------------------------------------------------------------------------------------------

    /** Per data set, ours (± std) next to the paper per class and method. */
    static Function<List<Comparison.Row>, Map<String, byte[]>> perClass(String unit) {
        return rows -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            for (String d : datasets(rows)) m.put(d, Charts.oursVsPaper(d + ": ours (± std over seeds) vs the paper", rows, d, unit));
            return m;
        };
    }

    /** One chart: per data set, ours (± std) next to the paper for each method, for one value of the class column. */
    static Function<List<Comparison.Row>, Map<String, byte[]>> byDataset(String cls, String unit) {
        return rows -> rows.stream().anyMatch(r -> r.cls().equals(cls))
                ? Map.of(cls, Charts.oursVsPaperByDataset("ours (± std over seeds) vs the paper, " + cls, rows, cls, unit)) : Map.of();
    }

    /** Per data set, the average AUC against the noise ratio, ours (± std) and the paper's. */
    static Map<String, byte[]> noiseCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : datasets(rows)) {
            List<Comparison.Row> c = rows.stream().filter(r -> r.dataset().equals(d) && r.cls().equals(Cells.AVG) && r.method().startsWith("noise-"))
                    .sorted(Comparator.comparingDouble(r -> number(r.method()))).toList();
            if (c.isEmpty()) continue;
            m.put(d, Charts.oursVsPaperCurve(d + ": average AUC against the training-data noise", "other-class images in the training set, %",
                    "AUC % (average over classes)", c.stream().mapToDouble(r -> number(r.method())).toArray(),
                    c.stream().mapToDouble(Comparison.Row::ours).toArray(), c.stream().mapToDouble(Comparison.Row::oursStd).toArray(),
                    c.stream().mapToDouble(Comparison.Row::paper).toArray()));
        }
        return m;
    }

    /** Per data set, the average AUC against λ (n = 12) and against n (λ = 0.1), with the paper's choice marked. */
    static Map<String, byte[]> sensitivityCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : datasets(rows))
            for (String axis : List.of("lambda", "n")) {
                List<Comparison.Row> c = rows.stream().filter(r -> r.dataset().equals(d) && r.cls().equals(Cells.AVG) && r.method().startsWith(axis + "="))
                        .sorted(Comparator.comparingDouble(r -> number(r.method()))).toList();
                if (c.isEmpty()) continue;
                m.put(d + "-" + axis, Charts.curve(d + ": average AUC against " + axis, axis.equals("lambda") ? "λ (n = 12)" : "n (λ = 0.1)",
                        "AUC % (average over classes)", c.stream().mapToDouble(r -> number(r.method())).toArray(),
                        c.stream().mapToDouble(Comparison.Row::ours).toArray(), c.stream().mapToDouble(Comparison.Row::oursStd).toArray(),
                        axis.equals("lambda") ? 0.1 : 12));
            }
        return m;
    }

    static List<String> datasets(List<Comparison.Row> rows) { return rows.stream().map(Comparison.Row::dataset).distinct().toList(); }

    /** The number in a variant's name: "noise-10%" → 10, "lambda=0.05" → 0.05. */
    static double number(String method) { return Double.parseDouble(method.replaceAll("[^0-9.]", "")); }
}
