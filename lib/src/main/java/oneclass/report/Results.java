package oneclass.report;

import oneclass.run.OutputSet;
import oneclass.run.RecordCsv;
import oneclass.run.ResultStore;
import oneclass.run.RunRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One results folder read back and compared with the paper: what an experiment package's reader returns
 * (e.g. {@code hrn.HrnResults}, {@code ics.IcsResults}) and what the reproduction report and the notebooks lay out.
 *
 * @param dir        the folder read
 * @param runs       the number of stored runs
 * @param rows       the comparison with the paper (every cell the runs fill)
 * @param finalEpoch per run, the measurement of the model after the last epoch
 * @param bestEpoch  per run, the best test measurement over epochs (only runs that recorded it)
 * @param pictures   pictures the script drew into the folder that the report and the notebook show as they are
 *                   (e.g. ICS's typical/atypical image grids), by name
 * @param damaged    result files that failed their check (cut short, or changed since), each as "file is damaged: why";
 *                   the report skips them, names them and counts them in its headline
 */
public record Results(Path dir, int runs, List<Comparison.Row> rows, List<Cells.Measurement> finalEpoch,
                      List<Cells.Measurement> bestEpoch, Map<String, Path> pictures, List<String> damaged) {
    public Results {
        pictures = Collections.unmodifiableMap(new LinkedHashMap<>(pictures));
        damaged = List.copyOf(damaged);
    }

    /** Results with no pictures of their own: the section's charts are drawn from the rows. */
    public Results(Path dir, int runs, List<Comparison.Row> rows, List<Cells.Measurement> finalEpoch, List<Cells.Measurement> bestEpoch) {
        this(dir, runs, rows, finalEpoch, bestEpoch, Map.of(), List.of());
    }

    /** A folder that holds no readable result, only damaged files: no table, but the files are named. */
    public static Results onlyDamaged(Path dir, List<String> damaged) {
        return new Results(dir, 0, List.of(), List.of(), List.of(), Map.of(), damaged);
    }

    /** These results with {@code more} damaged files (each "file is damaged: why") listed first. */
    Results withDamagedFirst(List<String> more) {
        List<String> all = new ArrayList<>(more);
        all.addAll(damaged);
        return new Results(dir, runs, rows, finalEpoch, bestEpoch, pictures, all);
    }

    /** Reads one results folder back and compares it with the paper; null when the folder holds nothing. */
    @FunctionalInterface
    public interface Reader {
        Results read(Path dir, ExpectedResults expected);
    }

    /**
     * The runs stored under {@code dir/runs/} ({@link ResultStore}) as {@code judge} compares them, with the run files that
     * failed their check added to its damaged files. Null when there is no {@code runs/} folder or it is empty; a folder whose
     * every run file is damaged gives {@link #onlyDamaged}.
     */
    public static <R extends Record & RunRow> Results ofRuns(Path dir, Class<R> type, Function<List<R>, Results> judge) {
        if (!Files.isDirectory(dir.resolve("runs"))) return null; // ResultStore would create the folder
        ResultStore.Scan<R> stored = new ResultStore<>(dir, type).scan();
        List<String> damaged = stored.damaged().stream().map(ResultStore.Damaged::reason).toList();
        if (stored.runs().isEmpty()) return damaged.isEmpty() ? null : onlyDamaged(dir, damaged);
        return judge.apply(stored.runs()).withDamagedFirst(damaged);
    }

    /**
     * The lines of {@code name}, one file of the folder's output set ({@link OutputSet}), when the set is whole; null when the
     * file is not there, or (with the reason added to {@code damaged}) when the file or the set fails its check.
     */
    public static List<RecordCsv.Line> setFile(Path dir, String name, List<String> damaged) {
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
}
