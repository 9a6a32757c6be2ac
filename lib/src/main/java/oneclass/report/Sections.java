package oneclass.report;

import oneclass.data.DataSource;
import oneclass.hcl.HclGrid;
import oneclass.hrn.HrnGrid;
import oneclass.ics.IcsGrid;
import oneclass.run.OutputSet;
import oneclass.run.RecordCsv;
import oneclass.run.ResultStore;
import oneclass.run.RunRecord;
import oneclass.tabular.TabularRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    static final String PRETRAINED_NOTE = "the development machine has no internet: the ImageNet weights of the DL4J zoo cannot be "
            + "downloaded there (and only a 4,000-image CIFAR-10 subset is there); the paper's extractor (a WRN pretrained on ImageNet "
            + "without 229 CIFAR-like classes) is not public, so even a networked `make hrn-pretrained` (zoo ResNet50) is not comparable";
    static final String EMNIST_NOTE = "EMNIST is not on the development machine (no internet there); `make hcl-table7` downloads it on a networked machine";
    static final String DBPEDIA_NOTE = "DBPedia-14 and its BERT features are not on the development machine; `make hcl-table7` reads "
            + "feature files you compute (docs/findings-hrn.md, HRN Table 7)";

    static final String ICS_BUDGET_NOTE = "not run here for lack of CPU time: one seed of one data set's ten classes takes ≈ 37 min on the shared "
            + "2-core development machine at the default budget, so the paper's 5 seeds of MNIST and Fashion-MNIST come to ≈ 6 h; `make ics-table1` runs them";

    public static final List<Section> ALL = List.of(
            new Section("hrn_table1", "HRN Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10", "hrn-table1",
                    "hrn_table1.csv", List.of("HRN", "HRN-L2"), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.CLASSES, perClass("AUC %"), Map.of("cifar10", CIFAR10_NOTE),
                    Section.Live.of("paper", "--datasets", "mnist", "--classes", "0,1", "--seeds", "1", "--epochs", "3")),
            new Section("hrn_table2", "HRN Table 2: precision, recall, F1 on KDDCUP99, Thyroid, Arrhythmia", "hrn-table2",
                    "hrn_table2.csv", List.of("HRN"), List.of("paper", "official-code"), Sections::tabular,
                    Section.Layout.ROWS, byDataset("f1", "F1 %"), Map.of(),
                    Section.Live.of("paper", "--datasets", "thyroid,arrhythmia", "--seeds", "1", "--epochs", "3")),
            new Section("hrn_ablation", "HRN Table 3: ablation of loss, H-regularization, instance normalization", "hrn-ablation",
                    "hrn_table3.csv", List.of(), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.ROWS, byDataset(Cells.AVG, "AUC % (average over classes)"), Map.of("cifar10", CIFAR10_NOTE),
                    Section.Live.of("paper", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2")),
            new Section("hrn_noise", "HRN Table 5: HRN trained with 0/1/10/20 % other-class images", "hrn-noise",
                    "hrn_table5.csv", List.of(), List.of("paper", "official-code"), Sections::hrnGrid,
                    Section.Layout.ROWS, Sections::noiseCurves, Map.of("cifar10", CIFAR10_NOTE),
                    Section.Live.of("paper", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2")),
            new Section("hrn_sensitivity", "HRN Sec. 4.2: sensitivity of the average AUC to λ and n (MNIST)", "hrn-sensitivity",
                    null, List.of(), List.of("paper", "paper-quick"), Sections::hrnGrid,
                    Section.Layout.ROWS, Sections::sensitivityCurves, Map.of(),
                    Section.Live.of("paper", "--classes", "0", "--lambdas", "0,0.1", "--ns", "12", "--epochs", "2")),
            // the folder is named after the extractor: the zoo's ResNet50 (the default), else the smoke/live run's random CNN
            new Section("hrn_pretrained", "HRN Table 4: HRN on features of a pretrained network (CIFAR-10)", "hrn-pretrained",
                    "hrn_table4.csv", List.of("HRN"), List.of("resnet50-paper", "resnet50-official-code", "random-cnn-paper"),
                    Sections::pretrained, Section.Layout.ROWS, byDataset(Cells.AVG, "AUC % (average over classes)"),
                    Map.of("cifar10", PRETRAINED_NOTE),
                    new Section.Live("random-cnn-paper", List.of(List.of("--write-random-cnn", Section.Live.OUT + "/random-cnn.zip"),
                            List.of("--model", Section.Live.OUT + "/random-cnn.zip", "--label", "random-weights CNN (NOT pretrained; a notebook's live run)",
                                    "--classes", "0,1", "--seeds", "1", "--epochs", "3", "--feature-cache", Section.Live.OUT + "/features")))),
            new Section("hcl_table7", "HRN Table 7: HCL continual learning, one class per task", "hcl-table7",
                    "hrn_table7.csv", List.of("HCL"), List.of(""), Sections::hcl,
                    Section.Layout.ROWS, Sections::taskCurves,
                    Map.of("emnist", EMNIST_NOTE, "dbpedia", DBPEDIA_NOTE, "dbpedia-pfe", DBPEDIA_NOTE),
                    Section.Live.of("", "--datasets", "mnist", "--seeds", "1", "--epochs", "2", "--train-per-class", "1000")),
            new Section("ics_split", "ICS Sec. 2.1 and Fig. 1: the intra-class split into typical and atypical images", "ics-split",
                    null, List.of(), List.of("paper", "from-table1", "official-code", "paper-quick"), Sections::icsSplit,
                    Section.Layout.CLASSES, rows -> Map.of(), Map.of(),
                    Section.Live.of("paper-quick", "--datasets", "mnist", "--classes", "0", "--quick")),
            new Section("ics_table1", "ICS Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10", "ics-table1",
                    "ics_table1.csv", List.of("Ours", "NNwDS", "NaiveNN", "SSIM"), List.of("paper", "official-code", "paper-quick", "official-code-quick"),
                    Sections::icsGrid, Section.Layout.CLASSES, perClass("AUC %"), Map.of("fmnist", ICS_BUDGET_NOTE, "cifar10", CIFAR10_NOTE),
                    Section.Live.of("paper-quick", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--quick")),
            new Section("ics_rho", "ICS Fig. 4: class-averaged AUC against the ratio ρ (the paper prints no points: std over ρ < 1, Sec. 3.2)", "ics-rho",
                    null, List.of(), List.of("paper", "official-code", "paper-quick"), Sections::icsRho,
                    Section.Layout.ROWS, Sections::rhoCurves, Map.of(),
                    Section.Live.of("paper-quick", "--datasets", "mnist", "--classes", "0", "--rhos", "5,10,50", "--quick")));

    /** The section called {@code id}. */
    public static Section get(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown section '" + id + "'; known: " + ALL.stream().map(Section::id).toList()));
    }

    // ---- readers: a results folder back into a comparison ------------------------------------------------------

    private static <R extends Record & oneclass.run.RunRow> ResultStore.Scan<R> stored(Path dir, Class<R> type) {
        return new ResultStore<>(dir, type).scan();
    }

    private static List<String> reasons(ResultStore.Scan<?> s) {
        return s.damaged().stream().map(ResultStore.Damaged::reason).toList();
    }

    /** A folder whose every run file is damaged: no table, but the damaged files are reported; null when it holds nothing. */
    private static Section.Results damagedOnly(Path dir, ResultStore.Scan<?> s) {
        return s.damaged().isEmpty() ? null : new Section.Results(dir, 0, List.of(), List.of(), List.of(), Map.of(), reasons(s));
    }

    /**
     * The lines of {@code name}, one file of the folder's output set ({@link OutputSet}), when the set is whole; null
     * (and the reason added to {@code damaged}) when the file or the set fails its check.
     */
    static List<RecordCsv.Line> setFile(Path dir, String name, List<String> damaged) {
        if (!Files.isRegularFile(dir.resolve(name))) return null;
        try {
            Path f = OutputSet.verified(dir).get(name);
            if (f == null) { damaged.add(dir.resolve(name) + " is not in " + dir.resolve(OutputSet.MANIFEST) + ": left from an older run"); return null; }
            return RecordCsv.cells(f);
        } catch (IllegalArgumentException e) {
            damaged.add(e.getMessage());
            return null;
        }
    }

    /** The runs of an HRN image grid ({@link HrnGrid}): the reported AUC, the final-epoch AUC and the best over epochs. */
    public static Section.Results hrnGrid(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null; // ResultStore would create the folder
        ResultStore.Scan<HrnGrid.RunResult> stored = stored(dir, HrnGrid.RunResult.class);
        List<HrnGrid.RunResult> runs = stored.runs();
        if (runs.isEmpty()) return damagedOnly(dir, stored);
        return new Section.Results(dir, runs.size(), HrnGrid.compare(runs, expected),
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.finalAuc())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestAuc()))
                        .map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.bestAuc())).toList())
                .withDamaged(reasons(stored));
    }

    /** The runs of HRN Table 2 ({@link TabularRun}): P, R, F1; the final-epoch and best-epoch F1. */
    public static Section.Results tabular(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        ResultStore.Scan<TabularRun> stored = stored(dir, TabularRun.class);
        List<TabularRun> runs = stored.runs();
        if (runs.isEmpty()) return damagedOnly(dir, stored);
        return new Section.Results(dir, runs.size(), TabularRun.compare(runs, expected),
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.finalF1())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestF1()))
                        .map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.bestF1())).toList())
                .withDamaged(reasons(stored));
    }

    /**
     * HRN Table 4's runs ({@link HrnGrid.RunResult}, from {@code FeatureGrid} and the script's baselines). A cell is judged only
     * when every run record in the folder declares the extractor pretrained as the paper's ({@code --pretrained-as-paper})
     * and the data is the full CIFAR-10; the extractor named in the run record is the reason otherwise.
     */
    public static Section.Results pretrained(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        ResultStore.Scan<HrnGrid.RunResult> stored = stored(dir, HrnGrid.RunResult.class);
        List<HrnGrid.RunResult> runs = stored.runs();
        if (runs.isEmpty()) return damagedOnly(dir, stored);
        String extractor = extractorReason(dir);
        Map<String, String> subsets = new HashMap<>();
        for (HrnGrid.RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
        List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(HrnGrid.aucs(runs)), expected, c -> {
            String subset = subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : null;
            return subset == null ? extractor : extractor == null ? subset : subset + "; " + extractor;
        });
        return new Section.Results(dir, runs.size(), rows,
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.finalAuc())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestAuc()))
                        .map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.bestAuc())).toList())
                .withDamaged(reasons(stored));
    }

    /** Null when the folder's run records (a whole run's and every shard's) all declare the extractor pretrained as the paper's; else why not. */
    static String extractorReason(Path dir) {
        List<Path> records;
        try (var files = Files.list(dir)) {
            records = files.filter(f -> f.getFileName().toString().matches("run-record.*\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (records.isEmpty()) return "no run record in " + dir + " says which extractor made the features";
        for (Path r : records) {
            String declared;
            try {
                declared = RunRecord.value(r, "pretrained_as_paper").orElse("false");
            } catch (IllegalArgumentException damaged) {
                return "the run record cannot say which extractor made the features: " + damaged.getMessage();
            }
            if (!declared.equals("true"))
                return "features of " + RunRecord.value(r, "label").orElse("an extractor not declared --pretrained-as-paper")
                        + ", not the paper's extractor (a WRN pretrained on ImageNet without 229 CIFAR-like classes, not public)";
        }
        return null;
    }

    /**
     * HRN Table 7's runs ({@link HclGrid.HeadResult}, one per head) and the accuracies that {@code curves.csv} holds
     * (written by the script once every head of a sequence is trained): per data set the accuracy after the last task
     * (class column "final", Table 7's cell) and after each task t (class column "t", for the curve; not in the tables).
     * A data set whose heads did not see the full published data set is not judged.
     */
    public static Section.Results hcl(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        ResultStore.Scan<HclGrid.HeadResult> stored = stored(dir, HclGrid.HeadResult.class);
        List<HclGrid.HeadResult> heads = stored.runs();
        if (heads.isEmpty()) return damagedOnly(dir, stored);
        Map<String, String> subsets = new HashMap<>();
        for (HclGrid.HeadResult h : heads) if (!h.subset().equals(DataSource.FULL)) subsets.put(h.dataset(), h.subset());
        List<Cells.Measurement> afterTask = new ArrayList<>(), last = new ArrayList<>();
        List<String> damaged = new ArrayList<>(reasons(stored));
        List<RecordCsv.Line> lines = setFile(dir, "curves.csv", damaged);
        if (lines != null) {
            Path csv = dir.resolve("curves.csv");
            Map<List<String>, Cells.Measurement> lastTask = new LinkedHashMap<>();
            Map<List<String>, Integer> lastT = new HashMap<>();
            if (lines.isEmpty() || !String.join(",", lines.get(0).cells()).equals(HclGrid.CURVES_HEADER))
                throw new IllegalArgumentException(csv + ": the first line must be " + HclGrid.CURVES_HEADER);
            for (RecordCsv.Line line : lines.subList(1, lines.size())) {
                List<String> f = line.cells();
                if (f.size() != 5) throw new IllegalArgumentException(csv + " line " + line.number() + ": " + f.size() + " fields, expected 5");
                long seed;
                int task;
                double acc;
                try {
                    seed = Long.parseLong(f.get(1));
                    task = Integer.parseInt(f.get(2));
                    acc = Double.parseDouble(f.get(4));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + " line " + line.number() + ": seed, task and accuracy must be numbers: " + f);
                }
                afterTask.add(new Cells.Measurement(f.get(0), String.valueOf(task), HCL, seed, acc));
                List<String> k = List.of(f.get(0), f.get(1));
                if (task > lastT.getOrDefault(k, 0)) { lastT.put(k, task); lastTask.put(k, new Cells.Measurement(f.get(0), FINAL, HCL, seed, acc)); }
            }
            last.addAll(lastTask.values());
        }
        List<Cells.Measurement> all = new ArrayList<>(last);
        all.addAll(afterTask);
        List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(all).stream().filter(c -> !c.cls().equals(Cells.AVG)).toList(), expected,
                c -> subsets.containsKey(c.dataset()) ? "not the full data set: " + subsets.get(c.dataset()) : null);
        return new Section.Results(dir, heads.size(), rows, last, List.of()).withDamaged(damaged);
    }

    static final String HCL = "HCL", FINAL = "final";

    /** Why an ICS results folder is not judged against the paper: a {@code --quick} run, else a subset of a data set; null if it is judged. */
    static Function<Cells.Cell, String> icsReason(Path dir, Map<String, String> subsets) {
        boolean quick = dir.getFileName().toString().endsWith("-quick");
        return c -> quick ? "quick mode (128 training images, 500 test images, 1 epoch)"
                : subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : null;
    }

    /** The runs of ICS Table 1 ({@link IcsGrid.RunResult}): the AUC of each (data set, class, method, seed). */
    public static Section.Results icsGrid(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        ResultStore.Scan<IcsGrid.RunResult> stored = stored(dir, IcsGrid.RunResult.class);
        List<IcsGrid.RunResult> runs = stored.runs();
        if (runs.isEmpty()) return damagedOnly(dir, stored);
        Map<String, String> subsets = new HashMap<>();
        for (IcsGrid.RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
        List<Cells.Measurement> aucs = IcsGrid.aucs(runs);
        return new Section.Results(dir, runs.size(), Comparison.compare(Cells.aggregate(aucs), expected, icsReason(dir, subsets)), aucs, List.of())
                .withDamaged(reasons(stored));
    }

    /** The runs of ICS Fig. 4 ({@link IcsGrid.RunResult}): the AUC of ICS per (data set, class, seed) under method {@code rho=<ρ>}. */
    public static Section.Results icsRho(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null;
        ResultStore.Scan<IcsGrid.RunResult> stored = stored(dir, IcsGrid.RunResult.class);
        List<IcsGrid.RunResult> runs = stored.runs();
        if (runs.isEmpty()) return damagedOnly(dir, stored);
        Map<String, String> subsets = new HashMap<>();
        for (IcsGrid.RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
        List<Cells.Measurement> ms = runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), RHO + fmt(r.rho()), r.seed(), r.auc())).toList();
        return new Section.Results(dir, runs.size(), Comparison.compare(Cells.aggregate(ms), expected, icsReason(dir, subsets)), ms, List.of())
                .withDamaged(reasons(stored));
    }

    static final String RHO = "rho=", SSIM_TYPICAL = "typical: mean SSIM × 100", SSIM_ATYPICAL = "atypical: mean SSIM × 100";
    static final String SPLIT_HEADER = "dataset,cls,seed,n,atypical,mean_ssim_typical,mean_ssim_atypical,max_ssim_atypical,ssim_auc,seconds";

    static String fmt(double rho) { return rho == Math.rint(rho) ? String.valueOf((long) rho) : String.valueOf(rho); }

    /**
     * An ics_split folder: {@code summary.csv} (one line per split: the mean SSIM of its typical and atypical training images, × 100 for
     * the tables' two decimals)
     * and the typical/atypical image grids {@code split-<data set>_c<class>_s<seed>.png} it drew, shown as pictures.
     */
    public static Section.Results icsSplit(Path dir, ExpectedResults expected) {
        Path csv = dir.resolve("summary.csv");
        if (!Files.isRegularFile(csv)) return null;
        List<String> damaged = new ArrayList<>();
        List<RecordCsv.Line> lines = setFile(dir, "summary.csv", damaged);
        if (lines == null) return new Section.Results(dir, 0, List.of(), List.of(), List.of(), Map.of(), damaged);
        if (lines.isEmpty() || !String.join(",", lines.get(0).cells()).equals(SPLIT_HEADER))
            throw new IllegalArgumentException(csv + ": the first line must be " + SPLIT_HEADER);
        List<Cells.Measurement> ms = new ArrayList<>();
        int splits = 0;
        for (RecordCsv.Line line : lines.subList(1, lines.size())) {
            List<String> f = line.cells();
            if (f.size() != 10) throw new IllegalArgumentException(csv + " line " + line.number() + ": " + f.size() + " fields, expected 10");
            try {
                long seed = Long.parseLong(f.get(2));
                ms.add(new Cells.Measurement(f.get(0), f.get(1), SSIM_TYPICAL, seed, 100 * Double.parseDouble(f.get(5))));
                ms.add(new Cells.Measurement(f.get(0), f.get(1), SSIM_ATYPICAL, seed, 100 * Double.parseDouble(f.get(6))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + line.number() + ": seed and SSIMs must be numbers: " + f);
            }
            splits++;
        }
        if (splits == 0) return null;
        Map<String, Path> pictures = new TreeMap<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("split-.+\\.png"))
                    .forEach(f -> pictures.put(f.getFileName().toString().replaceAll("^split-|\\.png$", ""), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return new Section.Results(dir, splits, Comparison.compare(Cells.aggregate(ms), expected, c -> null), ms, List.of(), pictures, damaged);
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

    /** Per data set, HCL's accuracy after each task (± std over seeds), with Table 7's value after the last task as a point. */
    static Map<String, byte[]> taskCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : datasets(rows)) {
            List<Comparison.Row> c = rows.stream().filter(r -> r.dataset().equals(d) && r.method().equals(HCL) && r.cls().matches("\\d+"))
                    .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.cls()))).toList();
            if (c.isEmpty()) continue;
            Optional<Comparison.Row> fin = rows.stream().filter(r -> r.dataset().equals(d) && r.method().equals(HCL) && r.cls().equals(FINAL)).findFirst();
            int seeds = fin.map(Comparison.Row::runs).orElse(c.get(0).runs());
            m.put(d, Charts.curveAndPoint("HCL on " + d + ": accuracy after each task", "tasks learned (one class each)", "accuracy %",
                    "ours (mean ± std over " + seeds + (seeds == 1 ? " seed)" : " seeds)"), c.stream().mapToDouble(r -> Integer.parseInt(r.cls())).toArray(),
                    c.stream().mapToDouble(Comparison.Row::ours).toArray(), c.stream().mapToDouble(Comparison.Row::oursStd).toArray(),
                    "paper, Table 7 (after the last task)", c.size(), fin.map(Comparison.Row::paper).orElse(Double.NaN)));
        }
        return m;
    }

    /** Per data set, ICS's class-averaged AUC against ρ (± std over seeds), with the paper's ρ = 10 % marked. */
    static Map<String, byte[]> rhoCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : datasets(rows)) {
            List<Comparison.Row> c = rows.stream().filter(r -> r.dataset().equals(d) && r.cls().equals(Cells.AVG) && r.method().startsWith(RHO))
                    .sorted(Comparator.comparingDouble(r -> number(r.method()))).toList();
            if (c.isEmpty()) continue;
            m.put(d, Charts.curve("ICS Fig. 4 -- " + d + ": AUC against ρ", "ρ (% of the class marked atypical)", "AUC % (mean over classes)",
                    c.stream().mapToDouble(r -> number(r.method())).toArray(), c.stream().mapToDouble(Comparison.Row::ours).toArray(),
                    c.stream().mapToDouble(Comparison.Row::oursStd).toArray(), 10));
        }
        return m;
    }

    static List<String> datasets(List<Comparison.Row> rows) { return rows.stream().map(Comparison.Row::dataset).distinct().toList(); }

    /** The number in a variant's name: "noise-10%" → 10, "lambda=0.05" → 0.05. */
    static double number(String method) { return Double.parseDouble(method.replaceAll("[^0-9.]", "")); }
}
