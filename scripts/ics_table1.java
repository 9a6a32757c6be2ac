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
import oneclass.ics.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    // ---- What to run: --datasets, --classes, --seeds, --protocol, the settings the paper leaves open (--epochs, ...) ------
    @Mixin IcsGridOptions grid;
    @Option(names = "--methods", split = ",", defaultValue = "Ours,NNwDS,NaiveNN,SSIM", description = "Ours, NNwDS, NaiveNN, SSIM, and the baselines "
            + "on raw pixels in [0, 1] at the data set's size: OCSVM, IF (or iForest), HOG (HOG + OCSVM); DSVDD (Deep SVDD, GCN + min-max of its own) (default: ${DEFAULT-VALUE}).")
    List<String> methods;
    @Option(names = "--rho", defaultValue = "10", description = "ρ, the %% of the class marked atypical (paper: 10).")
    double rho;
    @Mixin BaselineOptions baselineOptions; // OCSVM, IF, HOG and DSVDD's settings (the DAE, VAE and DAGMM ones do nothing here)

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard; the paper's table: --expected, --check ---------------
    @Mixin ScriptOptions where = ScriptOptions.threadsByDefault(1); // (data set, class, seed) groups: conv nets use the cores badly side by side
    @Mixin PaperTable paper = new PaperTable("ics_table1.csv", "ICS, Schlachter et al. 2019, Table 1");

    public static void main(String... args) {
        System.exit(Cli.command(new ics_table1()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ----------------------------------------------------
        IcsProtocol proto = grid.protocol(where);
        IcsGrid.Methods methodList = where.parse("--methods", () -> IcsGrid.Methods.parse(methods, baselineOptions));
        where.parse("--rho", () -> IntraClassSplit.atypicalCount(100, rho));
        Path outDir = grid.out(where, proto);
        ExpectedResults expected = paper.expected();
        grid.configs(where, proto); // bad settings fail here
        Threads.singleThreadedNd4j();

        // ---- 2. Data ------------------------------------------------------------------------------------
        Map<Benchmark, DataSource.Split> data = grid.load(where);

        // ---- 3. Split, then every method, per (data set, class, seed) -------------------------------------
        List<IcsGrid.RunResult> runs = grid.run(proto, data, methodList.ics(), methodList.baselines(), List.of(rho), where, outDir);
        if (where.shard().partial()) return where.finishShard(outDir);

        // ---- 4. Aggregate, compare with the paper, print, write the report and the run record ------------
        // not judged: a quick run (whatever its --out), a data subset, a shortened budget (IcsResults, as the report judges the folder)
        var stored = IcsResults.notComparable(outDir, runs);
        List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(IcsGrid.aucs(runs)), expected,
                c -> grid.training.quick ? "quick mode (a few hundred images, 1 epoch)" : stored.apply(c));
        List<String> warnings = new ArrayList<>(DataSource.subsetWarnings(data));
        if (grid.training.quick) warnings.add("Quick mode: tiny training and test sets, for smoke checks only; nothing is judged.");
        List<String> paperOnly = new ArrayList<>(List.of("OCSVM", "HOG", "IF", "DSVDD"));
        methodList.baselines().forEach(bl -> paperOnly.remove(bl.column()));
        if (!paperOnly.isEmpty()) warnings.add(String.join(", ", paperOnly) + (paperOnly.size() == 1 ? " is" : " are") + " the paper's numbers only (not run in this command); the average rows are ours (the paper prints none).");
        return paper.report(outDir, "ICS Table 1 -- AUC % (protocol: " + proto.cliName() + (grid.training.quick ? ", QUICK" : "") + ")", rows,
                IcsGrid.RunResult.class, runs, data.keySet().stream().map(Benchmark::cliName).toList(), warnings,
                grid.record(where, proto, data).put("rho", rho)
                        .put("baselines", methodList.baselines().stream().map(bl -> bl.column() + ": " + bl.method().describe()).toList()));
    }
}
