package oneclass.tabular;

import oneclass.report.Cells;
import oneclass.report.ExpectedResults;
import oneclass.report.Results;

import java.nio.file.Path;

/** HRN Table 2's results folder ({@link TabularRun}s) read back and compared with the paper, for the reproduction report and the notebooks. */
public final class TabularResults {
    private TabularResults() {}

    /** The stored runs: precision, recall and F1 judged; the final-epoch and best-epoch F1 kept for "paper vs authors' code". */
    public static Results read(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, TabularRun.class, runs -> new Results(dir, runs.size(), TabularRun.compare(runs, expected),
                runs.stream().map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.finalF1())).toList(),
                runs.stream().filter(r -> Double.isFinite(r.bestF1()))
                        .map(r -> new Cells.Measurement(r.dataset(), "f1", r.method(), r.seed(), r.bestF1())).toList()));
    }
}
