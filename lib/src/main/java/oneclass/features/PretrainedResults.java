package oneclass.features;

import oneclass.data.DataSource;
import oneclass.hrn.HrnGrid;
import oneclass.hrn.HrnResults;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Results;
import oneclass.run.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HRN Table 4's results folder ({@link HrnGrid.RunResult}s from {@link FeatureGrid} and the script's baselines) read back
 * and compared with the paper, for the reproduction report and the notebooks.
 */
public final class PretrainedResults {
    private PretrainedResults() {}

    /**
     * The stored runs. A cell is judged only when every run record in the folder declares the extractor pretrained as the
     * paper's ({@code --pretrained-as-paper}) and the data is the full CIFAR-10; the extractor named in the run record is the
     * reason otherwise.
     */
    public static Results read(Path dir, ExpectedResults expected) {
        return Results.ofRuns(dir, HrnGrid.RunResult.class, runs -> {
            String extractor = extractorReason(dir);
            Map<String, String> subsets = new HashMap<>();
            for (HrnGrid.RunResult r : runs) if (!r.subset().equals(DataSource.FULL)) subsets.put(r.dataset(), r.subset());
            List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(HrnGrid.aucs(runs)), expected, c -> {
                String subset = subsets.containsKey(c.dataset()) ? "ran on " + subsets.get(c.dataset()) + ", not the full data set" : null;
                return subset == null ? extractor : extractor == null ? subset : subset + "; " + extractor;
            });
            return new Results(dir, runs.size(), rows, HrnResults.finalEpoch(runs), HrnResults.bestEpoch(runs));
        });
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
}
