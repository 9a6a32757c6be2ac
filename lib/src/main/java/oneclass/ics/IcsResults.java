package oneclass.ics;

import oneclass.data.DataSource;
import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Results;
import oneclass.run.RecordCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;

/**
 * The ICS results folders read back and compared with the paper: Table 1 and Fig. 4 ({@link IcsGrid}), and the
 * intra-class split of Sec. 2.1 and Fig. 1 ({@code scripts/ics_split.java}); with Fig. 4's curve.
 */
public final class IcsResults {
    private IcsResults() {}

    /** Fig. 4's columns are named {@code rho=<ρ>}; the split's two rows, the mean SSIM of the typical and the atypical images. */
    public static final String RHO = "rho=", SSIM_TYPICAL = "typical: mean SSIM × 100", SSIM_ATYPICAL = "atypical: mean SSIM × 100";
    /** The columns of the split's {@code summary.csv}. */
    public static final String SPLIT_HEADER = "dataset,cls,seed,n,atypical,mean_ssim_typical,mean_ssim_atypical,max_ssim_atypical,ssim_auc,seconds";

    /** Table 1's runs ({@link IcsGrid.RunResult}): the AUC of each (data set, class, method, seed). */
    public static Results table1(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, IcsGrid.RunResult.class, runs -> table1(dir, runs, IcsGrid.aucs(runs), expected));
    }

    /**
     * A reader of Table 1's runs of {@code method} alone, as the column {@code as} of another paper's table (e.g. Ours as HRN
     * Table 1's ICS column), judged against that table's cells and marked not comparable where Table 1 would mark them.
     * Null, as for an empty folder, when the folder holds no run of {@code method}.
     */
    public static Results.Reader column(String method, String as) {
        return (dir, expected) -> {
            Results r = Results.ofRuns(dir, IcsGrid.RunResult.class, all -> {
                List<IcsGrid.RunResult> runs = all.stream().filter(x -> x.method().equals(method)).toList();
                List<Cells.Measurement> aucs = IcsGrid.aucs(runs).stream()
                        .map(m -> new Cells.Measurement(m.dataset(), m.cls(), as, m.seed(), m.value())).toList();
                return table1(dir, runs, aucs, expected);
            });
            return r == null || r.runs() == 0 ? null : r;
        };
    }

    private static Results table1(Path dir, List<IcsGrid.RunResult> runs, List<Cells.Measurement> aucs, ExpectedResults expected) {
        return new Results(dir, runs.size(), Comparison.compare(Cells.aggregate(aucs), expected, notComparable(dir, runs)), aucs, List.of());
    }

    /** Fig. 4's runs ({@link IcsGrid.RunResult}): the AUC of ICS per (data set, class, seed) under method {@code rho=<ρ>}. */
    public static Results rho(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, IcsGrid.RunResult.class, runs -> {
            List<Cells.Measurement> ms = runs.stream()
                    .map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), RHO + fmt(r.rho()), r.seed(), r.auc())).toList();
            return new Results(dir, runs.size(), Comparison.compare(Cells.aggregate(ms), expected, notComparable(dir, runs)), ms, List.of());
        });
    }

    /** The width curve's columns: {@code width=<w>} the AUC of Ours, {@code minutes@width=<w>} its minutes per (data set, class, seed). */
    public static final String WIDTH = "width=", MINUTES = "minutes@width=";

    /**
     * ics_width's folder: one {@link IcsGrid} results folder {@code w<w>/} per width of the AlexNet-like networks, each holding Ours
     * and SSIM. Per (data set, class, seed): Ours' AUC, and the minutes that Ours costs at that width, its autoencoder and split
     * (SSIM's run time, which includes making the split) plus its classifier. A width's damaged run files are named as usual.
     */
    public static Results width(Path dir, ExpectedResults expected) {
        if (!Files.isDirectory(dir)) return null;
        List<Path> widths;
        try (var files = Files.list(dir)) {
            widths = files.filter(f -> f.getFileName().toString().matches("w[0-9]+") && Files.isDirectory(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<Cells.Measurement> ms = new ArrayList<>();
        List<IcsGrid.RunResult> all = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (Path w : widths) {
            String width = w.getFileName().toString().substring(1);
            Results r = Results.ofRuns(w, IcsGrid.RunResult.class, runs -> {
                Map<String, IcsGrid.RunResult> ssim = new HashMap<>();
                for (IcsGrid.RunResult x : runs) if (x.method().equals(IcsMethod.SSIM.column())) ssim.put(x.dataset() + "_" + x.cls() + "_" + x.seed(), x);
                for (IcsGrid.RunResult x : runs) {
                    if (!x.method().equals(IcsMethod.ICS.column())) continue;
                    all.add(x);
                    ms.add(new Cells.Measurement(x.dataset(), String.valueOf(x.cls()), WIDTH + width, x.seed(), x.auc()));
                    IcsGrid.RunResult split = ssim.get(x.dataset() + "_" + x.cls() + "_" + x.seed());
                    if (split != null)
                        ms.add(new Cells.Measurement(x.dataset(), String.valueOf(x.cls()), MINUTES + width, x.seed(), (x.seconds() + split.seconds()) / 60));
                }
                return new Results(w, runs.size(), List.of(), List.of(), List.of());
            });
            if (r != null) damaged.addAll(r.damaged());
        }
        if (ms.isEmpty()) return damaged.isEmpty() ? null : Results.onlyDamaged(dir, damaged);
        return new Results(dir, all.size(), Comparison.compare(Cells.aggregate(ms), expected, notComparable(dir, all)), ms, List.of(),
                Map.of(), damaged);
    }

    /** Per data set, Ours' class-averaged AUC and its minutes per (class, seed) against the width, the default width marked. */
    public static Map<String, byte[]> widthCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : Comparison.datasets(rows))
            for (String[] y : new String[][] {{WIDTH, "AUC", "AUC % of Ours (mean over classes)"}, {MINUTES, "minutes", "minutes per (class, seed): autoencoder + classifier"}}) {
                List<Comparison.Row> c = Comparison.sweep(rows, d, y[0]);
                if (c.isEmpty()) continue;
                m.put(d + "-" + y[1], Charts.curve("ICS, AlexNet-like networks -- " + d + ": " + y[1] + " against the width w", "width w (convolutions w, 2w, 3w, 3w, 2w)",
                        y[2], c.stream().mapToDouble(r -> Comparison.number(r.method())).toArray(), c.stream().mapToDouble(Comparison.Row::ours).toArray(),
                        c.stream().mapToDouble(Comparison.Row::oursStd).toArray(), IcsProtocol.DEFAULT_WIDTH));
            }
        return m;
    }

    /**
     * Why a cell of an ICS results folder is not judged against the paper: a {@code --quick} run, else a subset of a data set,
     * else a run at a shortened budget ({@link IcsGrid.RunResult#shortened()}); null if it is judged.
     */
    public static Function<Cells.Cell, String> notComparable(Path dir, List<IcsGrid.RunResult> runs) {
        Map<String, String> subsets = new HashMap<>();
        for (IcsGrid.RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
        Function<Cells.Cell, String> shortened = Comparison.shortened(runs, IcsGrid.RunResult::dataset, IcsGrid.RunResult::method,
                IcsGrid.RunResult::shortened);
        boolean quick = dir.getFileName().toString().endsWith("-quick");
        return c -> quick ? "quick mode (128 training images, 500 test images, 1 epoch)"
                : subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : shortened.apply(c);
    }

    static String fmt(double rho) { return rho == Math.rint(rho) ? String.valueOf((long) rho) : String.valueOf(rho); }

    /**
     * An ics_split folder: {@code summary.csv} (one line per split: the mean SSIM of its typical and atypical training images,
     * × 100 for the tables' two decimals) and the typical/atypical image grids {@code split-<data set>_c<class>_s<seed>.png} it
     * drew, shown as pictures.
     */
    public static Results split(Path dir, ExpectedResults expected) {
        Path csv = dir.resolve("summary.csv");
        if (!Files.isRegularFile(csv)) return null;
        List<String> damaged = new ArrayList<>();
        List<RecordCsv.Line> lines = Results.setFile(dir, "summary.csv", damaged);
        if (lines == null) return Results.onlyDamaged(dir, damaged);
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
        return new Results(dir, splits, Comparison.compare(Cells.aggregate(ms), expected, c -> null), ms, List.of(), pictures, damaged);
    }

    /** Fig. 4: per data set, ICS's class-averaged AUC against ρ (± std over seeds), with the paper's ρ = 10 % marked. */
    public static Map<String, byte[]> rhoCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : Comparison.datasets(rows)) {
            List<Comparison.Row> c = Comparison.sweep(rows, d, RHO);
            if (c.isEmpty()) continue;
            m.put(d, Charts.curve("ICS Fig. 4 -- " + d + ": AUC against ρ", "ρ (% of the class marked atypical)", "AUC % (mean over classes)",
                    c.stream().mapToDouble(r -> Comparison.number(r.method())).toArray(), c.stream().mapToDouble(Comparison.Row::ours).toArray(),
                    c.stream().mapToDouble(Comparison.Row::oursStd).toArray(), 10));
        }
        return m;
    }
}
