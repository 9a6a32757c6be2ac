package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.report.ExpectedResults;
import oneclass.report.PaperTable;
import oneclass.run.GridOptions;
import oneclass.run.ResultStore;
import oneclass.run.RunRecord;
import oneclass.run.ScriptOptions;
import oneclass.run.Threads;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an HRN image table runs, as a picocli mixin ({@code @Mixin HrnGridOptions grid;}): the data sets, the normal
 * classes and the seeds ({@link GridOptions}), the protocol with the user's {@link Overrides}, and whether every epoch
 * is evaluated. A table script adds only what its table varies, its columns, and hands them to {@link #table} (data,
 * training, comparison, report): hrn_table1 the methods, hrn_ablation the rows of Table 3, hrn_noise the noise ratios
 * of Table 5; hrn_sensitivity, whose output is curves, calls {@link #load} and {@link #run} for the λ and n of Sec. 4.2.
 *
 * <p>A section whose paper experiment differs in size declares its defaults, e.g. Sec. 4.2's search on MNIST with one
 * seed: {@code @Mixin HrnGridOptions grid = new HrnGridOptions().withDefaults("mnist", 1L);} (its --help shows them).
 */
public final class HrnGridOptions extends GridOptions {
    @Option(names = "--protocol", defaultValue = "paper", description = Protocol.HELP) String protocol;

    // ---- Settings the paper leaves open: defaults come from the protocol ---------------------------------------------
    @Mixin public Overrides overrides;

    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs under the paper protocol (for the paper-vs-code comparison).")
    boolean evalEveryEpoch;

    /**
     * The protocol, the data sets and the classes, checked before any work; a bad one is a
     * {@link picocli.CommandLine.ParameterException} naming its option (through {@code where}).
     */
    public Protocol protocol(ScriptOptions where) {
        check(where);
        return where.parse("--protocol", () -> Protocol.parse(protocol));
    }

    /** The protocol's recipe for method {@code m} on {@code b}, with the user's overrides. */
    public HrnConfig config(Protocol p, Benchmark b, Method m) {
        return overrides.apply(p.config(b, m));
    }

    /** Every data set, from {@code --data-dir} (downloaded unless {@code --no-download}), its sizes printed. */
    public Map<Benchmark, DataSource.Split> load(ScriptOptions where) {
        return DataSource.load(benchmarks(where), where.dataDir(), where.download(), System.out);
    }

    /**
     * Trains every (data set, class, column, seed) of this process's shard that {@code outDir} does not hold yet, on
     * {@code --threads} threads, and returns every run stored there for them ({@link HrnGrid#run}).
     */
    public List<HrnGrid.RunResult> run(Protocol p, Map<Benchmark, DataSource.Split> data, List<HrnGrid.Column> columns,
                                       ScriptOptions where, Path outDir) {
        return HrnGrid.run(p, data, classes(), columns, seeds(), evalEveryEpoch, where.threads(), where.shard(),
                new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);
    }

    /**
     * The rest of an HRN table script, after its columns: load the data, train every (data set, class, column, seed) of
     * this shard that {@code where}'s results folder does not hold yet, then (unless this is a partial shard) compare the
     * runs with the paper's table and report ({@link PaperTable#report}). Returns the exit status.
     *
     * @param title   the table's title; " (protocol: ...)" is added
     * @param configs what the run record says of each HRN column's recipe, e.g. "mnist/HRN" → its {@link HrnConfig#describe()}
     */
    public int table(ScriptOptions where, PaperTable paper, Protocol p, List<HrnGrid.Column> columns, String title, Map<String, Object> configs) {
        Path outDir = where.out(p.cliName());
        ExpectedResults expected = paper.expected();
        Threads.singleThreadedNd4j();
        Map<Benchmark, DataSource.Split> data = load(where);
        List<HrnGrid.RunResult> runs = run(p, data, columns, where, outDir);
        if (where.shard().partial()) return where.finishShard(outDir);

        RunRecord record = record(where, p, data).put("configs", configs);
        List<String> baselines = columns.stream().filter(c -> c.baseline() != null).map(c -> c.baseline().describe()).toList();
        if (!baselines.isEmpty()) record.put("baselines", baselines);
        return paper.report(outDir, title + " (protocol: " + p.cliName() + ")", HrnGrid.compare(runs, expected), HrnGrid.RunResult.class,
                runs, data.keySet().stream().map(Benchmark::cliName).toList(), DataSource.subsetWarnings(data), record);
    }

    /** The script's run record with what this grid adds: the protocol, classes, seeds and the data's checksums. */
    public RunRecord record(ScriptOptions where, Protocol p, Map<Benchmark, DataSource.Split> data) {
        return where.record().put("protocol", p.cliName()).put("classes", classes().toString()).put("seeds", seeds().toString())
                .put("data", DataSource.provenance(data));
    }
}
