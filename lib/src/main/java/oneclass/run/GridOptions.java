package oneclass.run;

import oneclass.data.Benchmark;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The grid every image table of both papers runs, as picocli options: the data sets, the normal classes (each its own
 * one-class problem) and the seeds. Each paper's options extend it with its protocol and settings ({@code HrnGridOptions},
 * {@code IcsGridOptions}); a section with other defaults sets them in its field initializer, e.g. Sec. 4.2's search on
 * MNIST with one seed, and its --help shows them.
 */
public class GridOptions {
    @Option(names = "--datasets", split = ",", description = "Data sets: mnist, fmnist, cifar10 (default: ${DEFAULT-VALUE}).")
    List<String> datasets = List.of("mnist", "fmnist", "cifar10");

    @Option(names = "--classes", split = ",", description = "Normal classes, each its own one-class problem; a table's average is over them "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> classes = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Option(names = "--seeds", split = ",", description = "Seeds; both papers' Table 1 is the mean ± std over 5 runs, and neither says how many "
            + "elsewhere (default: ${DEFAULT-VALUE}).")
    List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);

    /** This grid with other default data sets (comma-separated) and seeds; for a field initializer. */
    @SuppressWarnings("unchecked")
    public <G extends GridOptions> G withDefaults(String datasets, Long... seeds) {
        this.datasets = List.of(datasets.split(","));
        this.seeds = List.of(seeds);
        return (G) this;
    }

    /** This grid with other default classes; for a field initializer, after {@link #withDefaults}. */
    @SuppressWarnings("unchecked")
    public <G extends GridOptions> G withClasses(Integer... classes) {
        this.classes = List.of(classes);
        return (G) this;
    }

    /** The data sets, parsed; a bad name is a {@link picocli.CommandLine.ParameterException} naming --datasets. */
    public List<Benchmark> benchmarks(ScriptOptions where) {
        return where.parse("--datasets", () -> datasets.stream().map(Benchmark::parse).distinct().toList());
    }

    public List<Integer> classes() { return classes; }

    public List<Long> seeds() { return seeds; }

    /** Checks --datasets and --classes (each class 0-9). */
    protected void check(ScriptOptions where) {
        where.classes(classes);
        benchmarks(where);
    }
}
