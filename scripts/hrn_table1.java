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
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.*;
import java.util.concurrent.Callable;

/**
 * HRN Table 1: one-class AUC per normal class on MNIST, Fashion-MNIST and CIFAR-10, HRN and HRN-L2,
 * mean ± std over seeds, next to the paper's numbers (HRN, NeurIPS 2020, Table 1 and Sec. 4.1-4.3).
 */
@Command(name = "hrn_table1", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN Table 1 (one-class AUC per class) and compares it with the paper.")
class hrn_table1 implements Callable<Integer> {

    // ---- What to run: --datasets, --classes, --seeds, --protocol, its overrides (--epochs, --lambda, ...) ----------------
    @Mixin HrnGridOptions grid;

    @Option(names = "--methods", split = ",", defaultValue = "HRN,HRN-L2",
            description = "HRN, HRN-L2, and the in-harness baselines on raw pixels in [0, 1]: OCSVM and iForest (Smile), DAE, VAE, DAGMM and DSVDD "
                    + "(SameDiff; docs/baselines.md) (default: ${DEFAULT-VALUE}).")
    List<String> methods;
    @Mixin BaselineOptions baselineOptions;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard; the paper's table: --expected, --check ---------------
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table1.csv", "HRN, NeurIPS 2020, Table 1");

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_table1()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ------------------------------------------------
        Protocol proto = grid.protocol(where);
        baselineOptions.epochsFallback(grid.overrides.epochs());   // --epochs shortens the deep baselines too
        List<OneClassBaseline> baselines = methods.stream().flatMap(m -> baselineOptions.parse(m).stream()).toList();
        List<Method> methodList = methods.stream().filter(m -> baselineOptions.parse(m).isEmpty()).map(m -> Method.parse(m, BaselineOptions.NAMES)).distinct().toList();

        // ---- 2. The columns: each HRN method under the protocol with the overrides, then the baselines -----
        List<HrnGrid.Column> columns = new ArrayList<>(methodList.stream()
                .map(m -> new HrnGrid.Column(m.column(), b -> grid.config(proto, b, m))).toList());
        baselines.forEach(b -> columns.add(HrnGrid.Column.baseline(b)));
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Benchmark b : grid.benchmarks(where)) for (Method m : methodList) // bad overrides fail here, before any work
            configs.put(b.cliName() + "/" + m.column(), grid.config(proto, b, m).describe());

        // ---- 3. Data; train every (data set, class, column, seed) not on disk yet; compare with Table 1; report ----
        return grid.table(where, paper, proto, columns, "HRN Table 1 -- AUC %", configs);
    }
}
