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
//FILES expected-results/hrn_table3.csv=../expected-results/hrn_table3.csv
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
import java.util.function.Function;

/**
 * HRN Table 3, the ablation: which parts of HRN matter? Each row removes or swaps a part — the
 * H-regularizer, the 2-norm instance normalization (or Ulyanov et al.'s z-score instance normalization
 * [79] instead), NLL or a square loss — and is trained on every class of each data set like HRN Table 1;
 * the table is the average AUC over the ten classes (HRN, NeurIPS 2020, Sec. 4.4, Table 3).
 */
@Command(name = "hrn_ablation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN Table 3 (the ablation of loss, H-regularization and normalization) and compares it with the paper.")
class hrn_ablation implements Callable<Integer> {

    /**
     * The rows of Table 3. "No normalization" means pixels/255 as they are; SquareLoss is
     * (1 − sigmoid(f))² ({@link DataTerm.SquareLoss}: the paper does not define it).
     */
    static final Map<String, Row> ROWS = new LinkedHashMap<>();

    record Row(boolean square, boolean hreg, String norm) {}

    static {
        ROWS.put("NLL", new Row(false, false, "none"));
        ROWS.put("NLL+Hreg", new Row(false, true, "none"));
        ROWS.put("NLL+Hreg+Inst_Norm[79]", new Row(false, true, "z-score"));
        ROWS.put("NLL+Hreg+2N_Inst_Norm", new Row(false, true, "2-norm"));
        ROWS.put("SquareLoss", new Row(true, false, "none"));
        ROWS.put("SquareLoss+Hreg+2N_Inst_Norm", new Row(true, true, "2-norm"));
    }

    @Option(names = "--datasets", split = ",", defaultValue = "mnist,fmnist,cifar10", description = "Data sets (default: ${DEFAULT-VALUE}).")
    List<String> datasets;
    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Normal classes (default: all ten; the paper averages over them).")
    List<Integer> classes;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Seeds (default: ${DEFAULT-VALUE}, as Table 1's 5 runs).")
    List<Long> seeds;
    @Option(names = "--rows", split = ",", description = "Rows of Table 3 to run (default: all six): NLL, NLL+Hreg, NLL+Hreg+Inst_Norm[79], "
            + "NLL+Hreg+2N_Inst_Norm, SquareLoss, SquareLoss+Hreg+2N_Inst_Norm.")
    List<String> rows;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code, as in hrn_table1 (default: ${DEFAULT-VALUE}).")
    String protocol;
    @Mixin Overrides overrides;
    @Mixin Shard.Selector shardOption;
    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs.") boolean evalEveryEpoch;
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.") boolean noDownload;
    @Option(names = "--out", description = "Results folder (default: results/hrn_ablation/<protocol>, under the current folder). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/hrn_table3.csv, built into the script, so it runs from any folder).") Path expectedFile;
    @Option(names = "--threads", description = "Runs trained in parallel (default: the number of cores).") Integer threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new hrn_ablation()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options ---------------------------------------------------------------------------------
        Protocol proto = Protocol.parse(protocol);
        Shard shard = shardOption.get();
        List<Benchmark> benchmarks = datasets.stream().map(Benchmark::parse).distinct().toList();
        List<String> rowNames = rows == null ? List.copyOf(ROWS.keySet()) : rows;
        for (String r : rowNames)
            if (!ROWS.containsKey(r)) throw new IllegalArgumentException("--rows: unknown row '" + r + "'; valid: " + String.join(", ", ROWS.keySet()));
        for (int c : classes) if (c < 0 || c > 9) throw new IllegalArgumentException("--classes: " + c + " is not a class 0-9");
        ExpectedResults expected = ExpectedResults.of(expectedFile, "hrn_table3.csv");
        Path outDir = out != null ? out : Path.of("results", "hrn_ablation", proto.cliName());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);

        // ---- 2. The rows as columns of HRN: loss, H-regularizer, normalization --------------------------
        List<HrnGrid.Column> columns = new ArrayList<>();
        for (String name : rowNames) {
            Row row = ROWS.get(name);
            Function<Benchmark, HrnConfig> config = b -> {
                HrnConfig hrn = overrides.apply(proto.config(b, Method.HRN));
                return hrn.withLoss(row.square() ? new DataTerm.SquareLoss() : hrn.dataTerm(), row.hreg() ? hrn.hreg() : null);
            };
            Function<Benchmark, InputNorm> norm = switch (row.norm()) {
                case "none" -> b -> InputNorm.NONE;
                case "z-score" -> b -> InputNorm.zScore(b.channels());
                default -> null; // the protocol's 2-norm instance normalization
            };
            columns.add(new HrnGrid.Column(name, config, norm, 0));
        }
        for (Benchmark b : benchmarks) columns.forEach(v -> v.config().apply(b)); // bad overrides fail before any work
        Threads.singleThreadedNd4j();

        // ---- 3. Data ------------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        Map<Benchmark, DataSource.Split> data = DataSource.load(benchmarks, dir, !noDownload, System.out);

        // ---- 4. Train every (data set, class, row, seed) -----------------------------------------------
        List<HrnGrid.RunResult> runs = HrnGrid.run(proto, data, classes, columns, seeds, evalEveryEpoch, nThreads,
                shard, new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);
        if (shard.partial()) return shard.finish("scripts/hrn_ablation.java", originalArgs, outDir, System.out);

        // ---- 5. Average over classes, compare with the paper's table, report --------------------------------------
        List<Comparison.Row> table = HrnGrid.compare(runs, data, expected);
        String title = "HRN Table 3 (ablation) -- AUC % averaged over classes (protocol: " + proto.cliName() + ")";
        System.out.println();
        System.out.println(Comparison.table(title, table.stream().filter(r -> r.cls().equals(Cells.AVG)).toList()).printAll());
        Map<Verdict, Long> counts = Comparison.counts(table);
        System.out.println("verdicts: " + counts);
        List<String> warnings = DataSource.subsetWarnings(data);
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (HRN, NeurIPS 2020, Table 3)", table, HrnGrid.RunResult.class, runs,
                data.keySet().stream().map(Benchmark::cliName).toList(), warnings, "AUC %");
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) for (HrnGrid.Column v : columns)
            configs.put(b.cliName() + "/" + v.name(), v.config().apply(b).describe() + " norm=" + ROWS.get(v.name()).norm());
        new RunRecord("scripts/hrn_ablation.java", originalArgs).put("protocol", proto.cliName()).put("configs", configs)
                .put("classes", classes.toString()).put("seeds", seeds.toString()).put("data_dir", dir.toAbsolutePath().toString())
                .put("data", DataSource.provenance(data))
                .put("expected", expected.file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-*.png, run-record.json");
        return check && Comparison.anyFails(table) ? 1 : 0;
    }

    static String[] originalArgs = new String[0];
}
