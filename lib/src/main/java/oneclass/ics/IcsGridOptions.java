package oneclass.ics;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.run.GridOptions;
import oneclass.run.ResultStore;
import oneclass.run.RunRecord;
import oneclass.run.ScriptOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ICS script runs, as a picocli mixin ({@code @Mixin IcsGridOptions grid;}): the data sets, the normal classes
 * and the seeds ({@link GridOptions}), the protocol, and the training settings the paper leaves open ({@link IcsOptions}).
 * The script adds what its section varies: ics_table1 the methods, ics_rho the ratios ρ. A section that runs fewer seeds
 * by default declares it: {@code @Mixin IcsGridOptions grid = new IcsGridOptions().withDefaults("mnist,fmnist,cifar10", 1L);}.
 */
public final class IcsGridOptions extends GridOptions {
    @Option(names = "--protocol", defaultValue = "paper", description = IcsProtocol.HELP) String protocol;

    @Mixin public IcsOptions training;

    /**
     * The protocol, with {@code --datasets} and {@code --classes} checked too; a bad one is a
     * {@link picocli.CommandLine.ParameterException} naming its option (through {@code where}).
     */
    public IcsProtocol protocol(ScriptOptions where) {
        check(where);
        return where.parse("--protocol", () -> IcsProtocol.parse(protocol));
    }

    /** {@code --out}, else results/&lt;script&gt;/&lt;protocol&gt;, with -quick after it for a --quick run. */
    public Path out(ScriptOptions where, IcsProtocol p) {
        return where.out(p.cliName() + (training.quick ? "-quick" : ""));
    }

    /** Each data set's recipe under the protocol with the settings applied, described; a bad setting fails here. */
    public Map<String, Object> configs(ScriptOptions where, IcsProtocol p) {
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : benchmarks(where)) configs.put(b.cliName(), training.apply(p, b).describe());
        return configs;
    }

    /** Every data set, from {@code --data-dir} (downloaded unless {@code --no-download}), its sizes printed. */
    public Map<Benchmark, DataSource.Split> load(ScriptOptions where) {
        return DataSource.load(benchmarks(where), where.dataDir(), where.download(), System.out);
    }

    /**
     * Splits each (data set, class, seed) once and trains {@code methods} and {@code baselines} at every ρ of {@code rhos}
     * for this process's shard, skipping what {@code outDir} holds; returns every run stored there for them ({@link IcsGrid#run}).
     */
    public List<IcsGrid.RunResult> run(IcsProtocol p, Map<Benchmark, DataSource.Split> data, List<IcsMethod> methods,
                                       List<IcsGrid.Baseline> baselines, List<Double> rhos, ScriptOptions where, Path outDir) {
        return IcsGrid.run(p, data, classes(), methods, baselines, rhos, seeds(), b -> training.apply(p, b), where.threads(), where.shard(),
                new ResultStore<>(outDir, IcsGrid.RunResult.class), System.out);
    }

    /** The script's run record with what this grid adds: the protocol, the recipes, classes, seeds and the data's checksums. */
    public RunRecord record(ScriptOptions where, IcsProtocol p, Map<Benchmark, DataSource.Split> data) {
        return where.record().put("protocol", p.cliName()).put("configs", configs(where, p)).put("classes", classes().toString())
                .put("seeds", seeds().toString()).put("data", DataSource.provenance(data));
    }
}
