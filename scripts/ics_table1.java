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
//FILES expected-results/ics_table1.csv=../expected-results/ics_table1.csv
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g

import oneclass.baseline.BaselineOptions;
import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.hrn.HrnGrid;
import oneclass.ics.*;
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
 * ICS Table 1: one-class AUC per normal class on MNIST, Fashion-MNIST and CIFAR-10 for ICS ("Ours"),
 * NNwDS, NaiveNN, the SSIM-error baseline and the baselines OCSVM, IF, HOG + OCSVM and Deep SVDD (with --methods), mean ± std
 * over seeds, next to the paper's numbers
 * (Schlachter, Liao, Yang, "Deep one-class classification using intra-class splitting", IEEE DSW 2019).
 */
@Command(name = "ics_table1", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces ICS Table 1 (one-class AUC per class) and compares it with the paper.")
class ics_table1 implements Callable<Integer> {

    // ---- What to run ----------------------------------------------------------------------------------
    @Option(names = "--datasets", split = ",", defaultValue = "mnist,fmnist,cifar10", description = "Data sets: mnist, fmnist, cifar10 (default: ${DEFAULT-VALUE}).")
    List<String> datasets;
    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Normal classes (default: all ten).")
    List<Integer> classes;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Seeds; the paper averages over five (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;
    @Option(names = "--methods", split = ",", defaultValue = "Ours,NNwDS,NaiveNN,SSIM", description = "Ours, NNwDS, NaiveNN, SSIM, and the baselines "
            + "on raw pixels in [0, 1] at the data set's size: OCSVM, IF (or iForest), HOG (HOG + OCSVM); DSVDD (Deep SVDD, GCN + min-max of its own) (default: ${DEFAULT-VALUE}).")
    List<String> methods;
    @Option(names = "--rho", defaultValue = "10", description = "ρ, the %% of the class marked atypical (paper: 10).")
    double rho;
    @Option(names = "--protocol", defaultValue = "paper",
            description = "paper: the paper's text (AlexNet-like, final model, whole test set); official-code: the authors' code "
                    + "(VGG-like on 32x32, 50 AE epochs, 800 iterations, checkpoint picked on 30%% of the test set, AUC on the rest).")
    String protocol;
    @Mixin IcsOptions training;
    @Mixin BaselineOptions baselineOptions; // OCSVM, IF, HOG and DSVDD's settings (the DAE, VAE and DAGMM ones do nothing here)
    @Mixin Shard.Selector shardOption;

    // ---- Where ----------------------------------------------------------------------------------------
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.") boolean noDownload;
    @Option(names = "--out", description = "Results folder (default: results/ics_table1/<protocol>[-quick], under the current folder). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/ics_table1.csv, built into the script, so it runs from any folder).") Path expectedFile;
    @Option(names = "--threads", defaultValue = "1", description = "(data set, class, seed) groups trained in parallel (default: ${DEFAULT-VALUE}; conv nets use the cores badly side by side).") int threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new ics_table1()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ----------------------------------------------------
        IcsProtocol proto = IcsProtocol.parse(protocol);
        Shard shard = shardOption.get();
        List<Benchmark> benchmarks = datasets.stream().map(Benchmark::parse).distinct().toList();
        IcsGrid.Methods methodList = IcsGrid.Methods.parse(methods, baselineOptions);
        for (int c : classes) if (c < 0 || c > 9) throw new IllegalArgumentException("--classes: " + c + " is not a class 0-9");
        IntraClassSplit.atypicalCount(100, rho); // validates ρ
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        ExpectedResults expected = ExpectedResults.of(expectedFile, "ics_table1.csv");
        for (Benchmark b : benchmarks) training.apply(proto, b); // bad settings fail here
        Path outDir = out != null ? out : Path.of("results", "ics_table1", proto.cliName() + (training.quick ? "-quick" : ""));
        Threads.singleThreadedNd4j();

        // ---- 2. Data ------------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        Map<Benchmark, DataSource.Split> data = HrnGrid.load(benchmarks, dir, !noDownload, System.out);

        // ---- 3. Split, then every method, per (data set, class, seed) -------------------------------------
        List<IcsGrid.RunResult> runs = IcsGrid.run(proto, data, classes, methodList.ics(), methodList.baselines(), List.of(rho), seeds, b -> training.apply(proto, b),
                threads, shard, new ResultStore<>(outDir, IcsGrid.RunResult.class), System.out);
        if (shard.partial()) return shard.finish("scripts/ics_table1.java", originalArgs, outDir, System.out);

        // ---- 4. Aggregate, compare with the paper, report -------------------------------------------------
        String quickNote = training.quick ? "quick mode (a few hundred images, 1 epoch)" : null;
        Set<String> subsets = new HashSet<>();
        data.forEach((b, s) -> { if (!s.complete()) subsets.add(b.cliName()); });
        List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(IcsGrid.aucs(runs)), expected,
                c -> quickNote != null ? quickNote : subsets.contains(c.dataset()) ? "CIFAR-10 subset, not the full data set" : null);
        String title = "ICS Table 1 -- AUC % (protocol: " + proto.cliName() + (training.quick ? ", QUICK" : "") + ")";
        System.out.println();
        System.out.println(Comparison.table(title, rows).printAll());
        Map<Verdict, Long> counts = Comparison.counts(rows);
        System.out.println("verdicts: " + counts);
        List<String> warnings = new ArrayList<>(HrnGrid.subsetWarnings(data));
        if (training.quick) warnings.add("Quick mode: tiny training and test sets, for smoke checks only; nothing is judged.");
        List<String> paperOnly = new ArrayList<>(List.of("OCSVM", "HOG", "IF", "DSVDD"));
        methodList.baselines().forEach(bl -> paperOnly.remove(bl.column()));
        if (!paperOnly.isEmpty()) warnings.add(String.join(", ", paperOnly) + (paperOnly.size() == 1 ? " is" : " are") + " the paper's numbers only (not run in this command); the average rows are ours (the paper prints none).");
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (ICS, Schlachter et al. 2019, Table 1)", rows, IcsGrid.RunResult.class, runs,
                data.keySet().stream().map(Benchmark::cliName).toList(), warnings, "AUC %");
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) configs.put(b.cliName(), training.apply(proto, b).describe());
        new RunRecord("scripts/ics_table1.java", originalArgs).put("protocol", proto.cliName()).put("configs", configs)
                .put("baselines", methodList.baselines().stream().map(bl -> bl.column() + ": " + bl.method().describe()).toList())
                .put("classes", classes.toString()).put("seeds", seeds.toString()).put("rho", rho)
                .put("data_dir", dir.toAbsolutePath().toString()).put("data", HrnGrid.provenance(data))
                .put("expected", expected.file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-*.png, splits/, run-record.json");
        return check && Comparison.anyFails(rows) ? 1 : 0;
    }

    static String[] originalArgs = new String[0];
}
