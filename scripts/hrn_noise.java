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
//FILES expected-results/hrn_table5.csv=../expected-results/hrn_table5.csv
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g


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
 * HRN Table 5, training with noise: "In learning each class, we randomly sample some examples from the
 * other classes and add them to the training data of the class" at 1 %, 10 % and 20 % (HRN, NeurIPS 2020,
 * Sec. 4.4). The ratio is relative to the class's own training-set size ({@link Noise}); the other-class
 * images are drawn per seed; the test set is unchanged. The table is the average AUC over the ten classes.
 */
@Command(name = "hrn_noise", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN Table 5 (HRN trained on contaminated data) and compares it with the paper.")
class hrn_noise implements Callable<Integer> {

    @Option(names = "--datasets", split = ",", defaultValue = "mnist,fmnist,cifar10", description = "Data sets (default: ${DEFAULT-VALUE}).")
    List<String> datasets;
    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Normal classes (default: all ten; the paper averages over them).")
    List<Integer> classes;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Seeds (default: ${DEFAULT-VALUE}, as Table 1's 5 runs).")
    List<Long> seeds;
    @Option(names = "--ratios", split = ",", defaultValue = "0,1,10,20",
            description = "Noise ratios in %% of the class's training-set size (default: ${DEFAULT-VALUE}, Table 5's rows).")
    List<Integer> ratios;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code, as in hrn_table1 (default: ${DEFAULT-VALUE}).")
    String protocol;
    @Mixin Overrides overrides;
    @Mixin Shard.Selector shardOption;
    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs.") boolean evalEveryEpoch;
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.") boolean noDownload;
    @Option(names = "--out", description = "Results folder (default: results/hrn_noise/<protocol>, under the current folder). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/hrn_table5.csv, built into the script, so it runs from any folder).") Path expectedFile;
    @Option(names = "--threads", description = "Runs trained in parallel (default: the number of cores).") Integer threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new hrn_noise()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options ---------------------------------------------------------------------------------
        Protocol proto = Protocol.parse(protocol);
        Shard shard = shardOption.get();
        List<Benchmark> benchmarks = datasets.stream().map(Benchmark::parse).distinct().toList();
        for (int r : ratios) if (r < 0 || r >= 100) throw new IllegalArgumentException("--ratios: " + r + " is not a percentage in [0, 100)");
        for (int c : classes) if (c < 0 || c > 9) throw new IllegalArgumentException("--classes: " + c + " is not a class 0-9");
        ExpectedResults expected = ExpectedResults.of(expectedFile, "hrn_table5.csv");
        Path outDir = out != null ? out : Path.of("results", "hrn_noise", proto.cliName());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);

        // ---- 2. One column of HRN per noise ratio -------------------------------------------------------
        List<HrnGrid.Column> columns = ratios.stream().distinct().map(r -> new HrnGrid.Column("noise-" + r + "%",
                b -> overrides.apply(proto.config(b, Method.HRN)), null, r / 100.0)).toList();
        for (Benchmark b : benchmarks) columns.forEach(v -> v.config().apply(b)); // bad overrides fail before any work
        Threads.singleThreadedNd4j();

        // ---- 3. Data ------------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        Map<Benchmark, DataSource.Split> data = DataSource.load(benchmarks, dir, !noDownload, System.out);

        // ---- 4. Train every (data set, class, row, seed) -----------------------------------------------
        List<HrnGrid.RunResult> runs = HrnGrid.run(proto, data, classes, columns, seeds, evalEveryEpoch, nThreads,
                shard, new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);
        if (shard.partial()) return shard.finish("scripts/hrn_noise.java", originalArgs, outDir, System.out);

        // ---- 5. Average over classes, compare with the paper's table, report --------------------------------------
        List<Comparison.Row> table = HrnGrid.compare(runs, data, expected);
        String title = "HRN Table 5 (training with noise) -- AUC % averaged over classes (protocol: " + proto.cliName() + ")";
        System.out.println();
        System.out.println(Comparison.table(title, table.stream().filter(r -> r.cls().equals(Cells.AVG)).toList()).printAll());
        Map<Verdict, Long> counts = Comparison.counts(table);
        System.out.println("verdicts: " + counts);
        List<String> warnings = DataSource.subsetWarnings(data);
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (HRN, NeurIPS 2020, Table 5)", table, HrnGrid.RunResult.class, runs,
                data.keySet().stream().map(Benchmark::cliName).toList(), warnings, "AUC %");
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) for (HrnGrid.Column v : columns)
            configs.put(b.cliName() + "/" + v.name(), v.config().apply(b).describe() + " noise=" + v.noise());
        new RunRecord("scripts/hrn_noise.java", originalArgs).put("protocol", proto.cliName()).put("configs", configs)
                .put("classes", classes.toString()).put("seeds", seeds.toString()).put("data_dir", dir.toAbsolutePath().toString())
                .put("data", DataSource.provenance(data))
                .put("expected", expected.file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-*.png, run-record.json");
        return check && Comparison.anyFails(table) ? 1 : 0;
    }

    static String[] originalArgs = new String[0];
}
