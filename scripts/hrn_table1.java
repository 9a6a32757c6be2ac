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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
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
            description = "HRN, HRN-L2, and the in-harness baselines on raw pixels in [0, 1]: OCSVM and iForest (Smile), DAE, VAE, DAGMM and DSVDD "
                    + "(SameDiff; docs/baselines.md) (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--protocol", defaultValue = "paper",
            description = "paper: as the paper describes (final-epoch model, whole class, 100 epochs); official-code: as the "
                    + "authors' code does (best test AUC over 50 epochs, 90%% of the class, LeakyReLU, no biases, +0.01 in the log).")
    String protocol;

    // ---- Settings the paper leaves open: defaults come from the protocol --------------------------
    @Mixin Overrides overrides;
    @Mixin BaselineOptions baselineOptions;
    @Mixin Shard.Selector shardOption;
    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs under the paper protocol (for the paper-vs-code comparison).")
    boolean evalEveryEpoch;

    // ---- Where ------------------------------------------------------------------------------------
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).")
    Path dataDir;
    @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.") boolean noDownload;
    @Option(names = "--out", description = "Results folder (default: results/hrn_table1/<protocol>, under the current folder). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/hrn_table1.csv, built into the script, so it runs from any folder).")
    Path expectedFile;
    @Option(names = "--threads", description = "Runs trained in parallel (default: the number of cores).") Integer threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new hrn_table1()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // ---- 1. Options, validated before any work ------------------------------------------------
        Protocol proto = Protocol.parse(protocol);
        Shard shard = shardOption.get();
        List<Benchmark> benchmarks = datasets.stream().map(Benchmark::parse).distinct().toList();
        baselineOptions.epochsFallback(overrides.epochs());   // --epochs shortens the deep baselines too
        List<OneClassBaseline> baselines = methods.stream().flatMap(m -> baselineOptions.parse(m).stream()).toList();
        List<Method> methodList = methods.stream().filter(m -> baselineOptions.parse(m).isEmpty()).map(BaselineOptions::hrnMethod).distinct().toList();
        for (int c : classes) if (c < 0 || c > 9) throw new CommandLine.ParameterException(new CommandLine(this), "--classes: " + c + " is not a class 0-9");
        ExpectedResults expected = ExpectedResults.of(expectedFile, "hrn_table1.csv");
        Path outDir = out != null ? out : Path.of("results", "hrn_table1", proto.cliName());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
        for (Benchmark b : benchmarks) for (Method m : methodList) configFor(proto, b, m); // bad overrides fail here, before any work
        Threads.singleThreadedNd4j();

        // ---- 2. Data ----------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        Map<Benchmark, DataSource.Split> data = HrnGrid.load(benchmarks, dir, !noDownload, System.out);

        // ---- 3. The runs: every (dataset, class, method, seed), skipping those already on disk ------------
        List<HrnGrid.Variant> variants = new ArrayList<>(methodList.stream()
                .map(m -> new HrnGrid.Variant(m.column(), b -> configFor(proto, b, m))).toList());
        baselines.forEach(b -> variants.add(HrnGrid.Variant.baseline(b)));
        List<HrnGrid.RunResult> runs = HrnGrid.run(proto, data, classes, variants, seeds, evalEveryEpoch, nThreads,
                shard, new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);
        if (shard.partial()) return shard.finish("scripts/hrn_table1.java", originalArgs, outDir, System.out);

        // ---- 4. Aggregate, compare with the paper, report -----------------------------------------------
        List<Comparison.Row> rows = HrnGrid.compare(runs, data, expected);

        String title = "HRN Table 1 -- AUC % (protocol: " + proto.cliName() + ")";
        System.out.println();
        System.out.println(Comparison.table(title, rows).printAll());
        Map<Verdict, Long> counts = Comparison.counts(rows);
        System.out.println("verdicts: " + counts);

        List<String> warnings = HrnGrid.subsetWarnings(data);
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (HRN, NeurIPS 2020, Table 1)", rows, HrnGrid.RunResult.class, runs,
                data.keySet().stream().map(Benchmark::cliName).toList(), warnings, "AUC %");
        new RunRecord("scripts/hrn_table1.java", originalArgs)
                .put("protocol", proto.cliName())
                .put("configs", configSummary(proto, benchmarks, methodList))
                .put("baselines", baselines.stream().map(OneClassBaseline::describe).toList())
                .put("data_dir", dir.toAbsolutePath().toString())
                .put("data", HrnGrid.provenance(data))
                .put("expected", expected.file().toString())
                .put("verdicts", counts.toString())
                .write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-*.png, run-record.json");
        return check && Comparison.anyFails(rows) ? 1 : 0;
    }

    static String[] originalArgs = new String[0];

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
