///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-onednn
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS info.picocli:picocli:4.7.7
//DEPS us.hebi.matlab.mat:mfl-core:0.5.15
//DEPS com.github.haifengl:smile-core:3.1.1
//DEPS org.boofcv:boofcv-feature:1.2.2
//DEPS org.ejml:ejml-core:0.44.0
//DEPS org.slf4j:slf4j-api:2.0.12
//DEPS org.slf4j:slf4j-nop:2.0.12
//DEPS org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1
//DEPS org.deeplearning4j:deeplearning4j-zoo:1.0.0-M2.1
//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.20.1
//SOURCES ../lib/src/main/java/oneclass/**.java
//FILES expected-results/hrn_table1.csv=../expected-results/hrn_table1.csv
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g

import oneclass.baseline.BaselineOptions;
import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * HRN Table 1: one-class AUC per normal class on MNIST, Fashion-MNIST and CIFAR-10, HRN and HRN-L2,
 * mean ± std over seeds, next to the paper's numbers (HRN, NeurIPS 2020, Table 1 and Sec. 4.1-4.3).
 */
@Command(name = "hrn_table1", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN Table 1 (one-class AUC per class) and compares it with the paper.")
class hrn_table1 implements Callable<Integer> {

    // ---- What to run -----------------------------------------------------------------------------
    @Option(names = "--datasets", split = ",", defaultValue = "mnist,fmnist,cifar10",
            description = "Data sets: mnist, fmnist, cifar10 (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9",
            description = "Normal classes, each its own one-class problem (default: all ten).")
    List<Integer> classes;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5",
            description = "Seeds; the paper reports mean ± std over 5 runs (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--methods", split = ",", defaultValue = "HRN,HRN-L2",
            description = "HRN, HRN-L2, and the in-harness baselines on raw pixels in [0, 1]: OCSVM and iForest (Smile), DAE, VAE and DAGMM "
                    + "(SameDiff; docs/baselines.md) (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--protocol", defaultValue = "paper",
            description = "paper: as the paper describes (final-epoch model, whole class, 100 epochs); official-code: as the "
                    + "authors' code does (best test AUC over 50 epochs, 90%% of the class, LeakyReLU, no biases, +0.01 in the log).")
    String protocol;

    // ---- Settings the paper leaves open: defaults come from the protocol --------------------------
    @Mixin Overrides overrides;
    @Mixin BaselineOptions baselineOptions;
    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs under the paper protocol (for the paper-vs-code comparison).")
    boolean evalEveryEpoch;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard; the paper's table: --expected, --check ---------------
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table1.csv", "HRN, NeurIPS 2020, Table 1");

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_table1()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // ---- 1. Options, validated before any work ------------------------------------------------
        Protocol proto = where.parse("--protocol", () -> Protocol.parse(protocol));
        List<Benchmark> benchmarks = where.parse("--datasets", () -> datasets.stream().map(Benchmark::parse).distinct().toList());
        baselineOptions.epochsFallback(overrides.epochs());   // --epochs shortens the deep baselines too
        List<OneClassBaseline> baselines = methods.stream().flatMap(m -> baselineOptions.parse(m).stream()).toList();
        List<Method> methodList = methods.stream().filter(m -> baselineOptions.parse(m).isEmpty()).map(m -> Method.parse(m, BaselineOptions.NAMES)).distinct().toList();
        where.classes(classes);
        Path outDir = where.out(proto.cliName());
        Shard shard = where.shard();
        int threads = where.threads();
        ExpectedResults expected = paper.expected();
        for (Benchmark b : benchmarks) for (Method m : methodList) configFor(proto, b, m); // bad overrides fail here, before any work
        Threads.singleThreadedNd4j();

        // ---- 2. Data ----------------------------------------------------------------------------------
        Map<Benchmark, DataSource.Split> data = DataSource.load(benchmarks, where.dataDir(), where.download(), System.out);

        // ---- 3. The runs: every (dataset, class, method, seed), skipping those already on disk ------------
        List<HrnGrid.Column> columns = new ArrayList<>(methodList.stream()
                .map(m -> new HrnGrid.Column(m.column(), b -> configFor(proto, b, m))).toList());
        baselines.forEach(b -> columns.add(HrnGrid.Column.baseline(b)));
        List<HrnGrid.RunResult> runs = HrnGrid.run(proto, data, classes, columns, seeds, evalEveryEpoch, threads,
                shard, new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);
        if (shard.partial()) return where.finishShard(outDir);

        // ---- 4. Aggregate, compare with the paper, print, write the report and the run record ---------------
        List<Comparison.Row> rows = HrnGrid.compare(runs, data, expected);
        return paper.report(outDir, "HRN Table 1 -- AUC % (protocol: " + proto.cliName() + ")", rows, HrnGrid.RunResult.class, runs,
                data.keySet().stream().map(Benchmark::cliName).toList(), DataSource.subsetWarnings(data),
                where.record().put("protocol", proto.cliName())
                        .put("configs", configSummary(proto, benchmarks, methodList))
                        .put("baselines", baselines.stream().map(OneClassBaseline::describe).toList())
                        .put("data", DataSource.provenance(data)));
    }

    /** The protocol's recipe with the user's overrides applied. */
    HrnConfig configFor(Protocol p, Benchmark b, Method m) {
        return overrides.apply(p.config(b, m));
    }

    Map<String, Object> configSummary(Protocol p, List<Benchmark> bs, List<Method> ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Benchmark b : bs) for (Method meth : ms) m.put(b.cliName() + "/" + meth.column(), configFor(p, b, meth).describe());
        m.put("classes", classes.toString());
        m.put("seeds", seeds.toString());
        return m;
    }
}
