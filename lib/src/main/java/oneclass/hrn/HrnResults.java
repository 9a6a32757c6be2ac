package oneclass.hrn;

import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Results;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HRN image grid's results folder ({@link HrnGrid}: Tables 1, 3, 5 and Sec. 4.2) read back and compared with the paper,
 * and the curves of Table 5 and Sec. 4.2, for the reproduction report and the notebooks.
 */
public final class HrnResults {
    private HrnResults() {}

    /** The stored runs: the reported AUC judged, the final-epoch AUC and the best over epochs kept for "paper vs authors' code". */
    public static Results read(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, HrnGrid.RunResult.class,
                runs -> new Results(dir, runs.size(), HrnGrid.compare(runs, expected), finalEpoch(runs), bestEpoch(runs)));
    }

    /** Per run, the AUC of the model after its last epoch. */
    public static List<Cells.Measurement> finalEpoch(List<HrnGrid.RunResult> runs) {
        return runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.finalAuc())).toList();
    }

    /** Per run that evaluated every epoch, its best test AUC over epochs (what the authors' code reports). */
    public static List<Cells.Measurement> bestEpoch(List<HrnGrid.RunResult> runs) {
        return runs.stream().filter(r -> Double.isFinite(r.bestAuc()))
                .map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()), r.method(), r.seed(), r.bestAuc())).toList();
    }

    /** Table 5: per data set, the average AUC against the noise ratio, ours (± std) and the paper's. */
    public static Map<String, byte[]> noiseCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : Comparison.datasets(rows)) {
            List<Comparison.Row> c = Comparison.sweep(rows, d, "noise-");
            if (c.isEmpty()) continue;
            m.put(d, Charts.oursVsPaperCurve(d + ": average AUC against the training-data noise", "other-class images in the training set, %",
                    "AUC % (average over classes)", c.stream().mapToDouble(r -> Comparison.number(r.method())).toArray(),
                    c.stream().mapToDouble(Comparison.Row::ours).toArray(), c.stream().mapToDouble(Comparison.Row::oursStd).toArray(),
                    c.stream().mapToDouble(Comparison.Row::paper).toArray()));
        }
        return m;
    }

    /** Sec. 4.2: per data set, the average AUC against λ (n = 12) and against n (λ = 0.1), with the paper's choice marked. */
    public static Map<String, byte[]> sensitivityCurves(List<Comparison.Row> rows) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String d : Comparison.datasets(rows))
            for (String axis : List.of("lambda", "n")) {
                List<Comparison.Row> c = Comparison.sweep(rows, d, axis + "=");
                if (c.isEmpty()) continue;
                m.put(d + "-" + axis, Charts.curve(d + ": average AUC against " + axis, axis.equals("lambda") ? "λ (n = 12)" : "n (λ = 0.1)",
                        "AUC % (average over classes)", c.stream().mapToDouble(r -> Comparison.number(r.method())).toArray(),
                        c.stream().mapToDouble(Comparison.Row::ours).toArray(), c.stream().mapToDouble(Comparison.Row::oursStd).toArray(),
                        axis.equals("lambda") ? 0.1 : 12));
            }
        return m;
    }
}
