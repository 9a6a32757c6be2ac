package oneclass.report;

import java.util.*;
import java.util.stream.Collectors;

/**
 * Per-run measurements aggregated into table cells: mean ± std over seeds, per (dataset, class, method),
 * plus the per-dataset "avg" row the papers print (the mean over classes, computed per seed, then mean ±
 * std over seeds). Std is the population std (numpy's default ddof = 0), which is what a PyTorch/numpy
 * pipeline such as the authors' prints.
 */
public final class Cells {
    private Cells() {}

    /** One run's number for one cell, e.g. an AUC in %. */
    public record Measurement(String dataset, String cls, String method, long seed, double value) {}

    /** An aggregated cell. {@code classes} counts the classes behind an "avg" cell (1 otherwise). */
    public record Cell(String dataset, String cls, String method, int runs, int classes, double mean, double std) {}

    public static final String AVG = "avg";

    public static List<Cell> aggregate(List<Measurement> ms) {
        Map<List<String>, List<Measurement>> byCell = ms.stream().collect(Collectors.groupingBy(
                m -> List.of(m.dataset(), m.cls(), m.method()), LinkedHashMap::new, Collectors.toList()));
        List<Cell> out = new ArrayList<>();
        byCell.forEach((k, v) -> out.add(new Cell(k.get(0), k.get(1), k.get(2), v.size(), 1,
                mean(v.stream().mapToDouble(Measurement::value).toArray()), std(v.stream().mapToDouble(Measurement::value).toArray()))));
        // "avg" rows: per (dataset, method, seed) the mean over classes, then mean ± std over seeds
        Map<List<String>, List<Measurement>> byMethod = ms.stream().collect(Collectors.groupingBy(
                m -> List.of(m.dataset(), m.method()), LinkedHashMap::new, Collectors.toList()));
        byMethod.forEach((k, v) -> {
            Map<Long, double[]> perSeed = new TreeMap<>();
            Set<String> classes = new TreeSet<>();
            v.stream().collect(Collectors.groupingBy(Measurement::seed, TreeMap::new, Collectors.toList()))
                    .forEach((seed, runs) -> perSeed.put(seed, runs.stream().mapToDouble(Measurement::value).toArray()));
            v.forEach(m -> classes.add(m.cls()));
            // only seeds that cover every class enter the average, so that it averages the same classes for all seeds
            double[] seedMeans = perSeed.values().stream().filter(a -> a.length == classes.size()).mapToDouble(Cells::mean).toArray();
            if (seedMeans.length > 0)
                out.add(new Cell(k.get(0), AVG, k.get(1), seedMeans.length, classes.size(), mean(seedMeans), std(seedMeans)));
        });
        return out;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    static double std(double[] a) {
        double m = mean(a), s = 0;
        for (double x : a) s += (x - m) * (x - m);
        return Math.sqrt(s / a.length);
    }
}
