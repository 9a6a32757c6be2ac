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
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    // ---- What to run: --datasets, --classes, --seeds, --protocol, its overrides (--epochs, --lambda, ...) ----------------
    @Mixin HrnGridOptions grid;
    @Option(names = "--ratios", split = ",", defaultValue = "0,1,10,20",
            description = "Noise ratios in %% of the class's training-set size (default: ${DEFAULT-VALUE}, Table 5's rows).")
    List<Integer> ratios;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard; the paper's table: --expected, --check ---------------
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table5.csv", "HRN, NeurIPS 2020, Table 5").printingAveragesOnly();

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_noise()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ------------------------------------------------------
        Protocol proto = grid.protocol(where);
        for (int r : ratios) where.require(r >= 0 && r < 100, "--ratios", r + " is not a percentage in [0, 100)");

        // ---- 2. One column of HRN per noise ratio: the protocol's recipe, other-class images mixed in -----
        List<HrnGrid.Column> columns = ratios.stream().map(r -> new HrnGrid.Column("noise-" + r + "%",
                b -> grid.config(proto, b, Method.HRN), null, r / 100.0)).toList();
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : grid.benchmarks(where)) for (HrnGrid.Column c : columns) // bad overrides fail here, before any work
            configs.put(b.cliName() + "/" + c.name(), c.config().apply(b).describe() + " noise=" + c.noise());

        // ---- 3. Data; train every (data set, class, ratio, seed) not on disk yet; compare with Table 5; report -----
        return grid.table(where, paper, proto, columns, "HRN Table 5 (training with noise) -- AUC % averaged over classes", configs);
    }
}
