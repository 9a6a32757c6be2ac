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
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    // ---- What to run: --datasets, --classes, --seeds, --protocol, its overrides (--epochs, --lambda, ...) ----------------
    @Mixin HrnGridOptions grid;
    @Option(names = "--rows", split = ",", description = "Rows of Table 3 to run (default: all six): NLL, NLL+Hreg, NLL+Hreg+Inst_Norm[79], "
            + "NLL+Hreg+2N_Inst_Norm, SquareLoss, SquareLoss+Hreg+2N_Inst_Norm.")
    List<String> rows;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard; the paper's table: --expected, --check ---------------
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table3.csv", "HRN, NeurIPS 2020, Table 3").printingAveragesOnly();

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_ablation()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ------------------------------------------------------
        Protocol proto = grid.protocol(where);
        List<String> rowNames = rows == null ? List.copyOf(ROWS.keySet()) : rows;
        for (String r : rowNames) where.require(ROWS.containsKey(r), "--rows", "unknown row '" + r + "'; valid: " + String.join(", ", ROWS.keySet()));

        // ---- 2. The rows as columns of HRN: loss, H-regularizer, normalization ----------------------------
        List<HrnGrid.Column> columns = rowNames.stream().map(name -> column(name, ROWS.get(name), proto)).toList();
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : grid.benchmarks(where)) for (HrnGrid.Column c : columns) // bad overrides fail here, before any work
            configs.put(b.cliName() + "/" + c.name(), c.config().apply(b).describe() + " norm=" + ROWS.get(c.name()).norm());

        // ---- 3. Data; train every (data set, class, row, seed) not on disk yet; compare with Table 3; report -------
        return grid.table(where, paper, proto, columns, "HRN Table 3 (ablation) -- AUC % averaged over classes", configs);
    }

    /** HRN under the protocol with the row's loss, with or without its H-regularizer, and the row's input normalization. */
    HrnGrid.Column column(String name, Row row, Protocol proto) {
        Function<Benchmark, HrnConfig> config = b -> {
            HrnConfig hrn = grid.config(proto, b, Method.HRN);
            return hrn.withLoss(row.square() ? new DataTerm.SquareLoss() : hrn.dataTerm(), row.hreg() ? hrn.hreg() : null);
        };
        Function<Benchmark, InputNorm> norm = switch (row.norm()) {
            case "none" -> b -> InputNorm.NONE;
            case "z-score" -> b -> InputNorm.zScore(b.channels());
            default -> null; // the protocol's 2-norm instance normalization
        };
        return new HrnGrid.Column(name, config, norm, 0);
    }
}
