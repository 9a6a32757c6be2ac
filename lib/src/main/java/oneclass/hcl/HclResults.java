package oneclass.hcl;

import oneclass.data.DataSource;
import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Results;
import oneclass.run.RecordCsv;

import java.nio.file.Path;
import java.util.*;

/** HRN Table 7's results folder ({@link HclGrid}) read back and compared with the paper, and its accuracy-per-task curves. */
public final class HclResults {
    private HclResults() {}

    /** The method column of Table 7 that HCL fills, and the class column of its cell: the accuracy after the last task. */
    public static final String HCL = "HCL", FINAL = "final";

    /**
     * The stored heads ({@link HclGrid.HeadResult}, one per head) and the accuracies that {@code curves.csv} holds (written by
     * the script once every head of a sequence is trained): per data set the accuracy after the last task (class column
     * {@value #FINAL}, Table 7's cell) and after each task t (class column "t", for the curve; not in the tables). A data set
     * whose heads did not see the full published data set is not judged.
     */
    public static Results read(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, HclGrid.HeadResult.class, heads -> {
            Map<String, String> subsets = new HashMap<>();
            for (HclGrid.HeadResult h : heads) if (!h.subset().equals(DataSource.FULL)) subsets.put(h.dataset(), h.subset());
            List<Cells.Measurement> afterTask = new ArrayList<>(), last = new ArrayList<>();
            List<String> damaged = new ArrayList<>();
            List<RecordCsv.Line> lines = Results.setFile(dir, "curves.csv", damaged);
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
            return new Results(dir, heads.size(), rows, last, List.of(), Map.of(), damaged);
        });
    }

    /** Per data set, HCL's accuracy after each task (± std over seeds), with Table 7's value after the last task as a point. */
    public static Map<String, byte[]> taskCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : Comparison.datasets(rows)) {
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
}
