package oneclass.hcl;

import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.run.Io;
import oneclass.run.OutputSet;
import oneclass.run.RecordCsv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * HCL's continual-learning curve (HRN Sec. 4.5): the accuracy after each task, per (data set, seed), as
 * {@code curves.csv} (columns {@link HclGrid#CURVES_HEADER}; what the report reads), a chart per data set with the paper's final accuracy marked, and a
 * Markdown section with the mean ± std after each task and what the heads cost.
 */
public final class HclCurves {
    private HclCurves() {}

    /** The lines of the folder's curves.csv (header first) when its output set is whole; none, with a warning, when it is damaged. */
    public static List<RecordCsv.Line> earlier(Path outDir) {
        Path old = outDir.resolve("curves.csv");
        if (!Files.isRegularFile(old)) return List.of();
        String damaged;
        try {
            if (OutputSet.verified(outDir).containsKey("curves.csv")) return RecordCsv.cells(old);
            damaged = old + " is not in " + outDir.resolve(OutputSet.MANIFEST);
        } catch (IllegalArgumentException e) {
            damaged = e.getMessage();
        }
        System.err.println("warning: " + damaged + "; the curves of data sets this command does not run are dropped from curves.csv");
        return List.of();
    }

    /**
     * Writes curves.csv and a curve-<dataset>.png per data set into {@code outputs}, and adds the curves and the heads'
     * cost to the summary.md that {@code report.Report} wrote there. curves.csv keeps the lines of data sets that earlier
     * commands ran into this folder and this one did not ({@link #earlier}, read before the output set begins).
     */
    public static void write(OutputSet outputs, List<HclGrid.Sequence> runs, List<Comparison.Row> table, List<String> datasets,
                             List<RecordCsv.Line> earlier) {
        Path summary = outputs.dir().resolve("summary.md");
        try {
            String md = Files.readString(summary, StandardCharsets.UTF_8) + markdown(outputs, runs, table, datasets, earlier);
            outputs.write("summary.md", md.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + summary + ": " + Io.reason(e), e);
        }
    }

    /** curves.csv and the charts, written; the Markdown, returned. */
    private static String markdown(OutputSet outputs, List<HclGrid.Sequence> runs, List<Comparison.Row> table, List<String> datasets,
                                    List<RecordCsv.Line> earlier) {
        StringBuilder csv = new StringBuilder(HclGrid.CURVES_HEADER + "\n");
        Set<String> now = new HashSet<>();
        runs.forEach(r -> now.add(r.dataset()));
        for (RecordCsv.Line line : earlier.stream().skip(1).toList())
            if (!now.contains(line.cells().get(0))) csv.append(String.join(",", line.cells())).append('\n');
        StringBuilder md = new StringBuilder("\n## Accuracy after each task (mean ± std over seeds, %)\n\n");
        md.append("After task t the test examples of the t classes seen so far are classified by Eq. (7) over the first t heads.\n\n");
        for (String d : datasets) {
            List<HclGrid.Sequence> mine = runs.stream().filter(r -> r.dataset().equals(d)).toList();
            if (mine.isEmpty()) continue;
            int k = mine.get(0).accuracy().length;
            double[] x = new double[k], mean = new double[k], std = new double[k];
            for (HclGrid.Sequence r : mine)
                for (int t = 0; t < k; t++)
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s%n", d, r.seed(), t + 1, r.order().classAt(t), 100 * r.accuracy()[t]));
            md.append("### ").append(d).append("\n\n| after task | class | accuracy % |\n|---:|---:|---:|\n");
            boolean sameOrder = mine.stream().allMatch(r -> r.order().equals(mine.get(0).order()));
            for (int t = 0; t < k; t++) {
                int task = t;
                double[] a = mine.stream().mapToDouble(r -> 100 * r.accuracy()[task]).toArray();
                x[t] = t + 1;
                mean[t] = Arrays.stream(a).average().orElse(Double.NaN);
                std[t] = Math.sqrt(Arrays.stream(a).map(v -> (v - mean[task]) * (v - mean[task])).average().orElse(Double.NaN));
                md.append(String.format(Locale.ROOT, "| %d | %s | %.2f ± %.2f |%n", t + 1,
                        sameOrder ? String.valueOf(mine.get(0).order().classAt(t)) : "(per seed)", mean[t], std[t]));
            }
            double paper = table.stream().filter(r -> r.dataset().equals(d)).mapToDouble(Comparison.Row::paper).findFirst().orElse(Double.NaN);
            String png = "curve-" + d + ".png";
            outputs.write(png, Charts.curveAndPoint("HCL on " + d + ": accuracy after each task",
                    "tasks learned (one class each)", "accuracy %", "ours (mean ± std over " + mine.size() + (mine.size() == 1 ? " seed)" : " seeds)"), x, mean, std,
                    "paper, Table 7 (after the last task)", k, paper));
            md.append("\n![").append(d).append(" curve](").append(png).append(")\n\n");
            List<HclGrid.HeadResult> heads = mine.stream().flatMap(r -> r.heads().stream()).filter(h -> h.parameters() > 0).toList();
            if (!heads.isEmpty()) {
                double sec = heads.stream().mapToDouble(HclGrid.HeadResult::seconds).average().orElse(Double.NaN);
                md.append(String.format(Locale.ROOT, "Cost: %d parameters per head (%d after all %d tasks); training a head (one task) took %.1f s"
                                + " on average (%.3f s per epoch, %d epochs; min %.1f s, max %.1f s; %d heads).%n%n",
                        heads.get(0).parameters(), heads.get(0).parameters() * k, k, sec, sec / heads.get(0).epochs(), heads.get(0).epochs(),
                        heads.stream().mapToDouble(HclGrid.HeadResult::seconds).min().orElse(Double.NaN),
                        heads.stream().mapToDouble(HclGrid.HeadResult::seconds).max().orElse(Double.NaN), heads.size()));
            }
        }
        outputs.write("curves.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return md.toString();
    }

}
