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
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.ics.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * ICS Fig. 4, "AUC over ratio ρ": ICS's AUC averaged over the ten classes of each data set, for ρ from
 * 5 % to 50 %. The figure is a plot; the only number the paper states about it is in the text: "not
 * sensitive to ρ in a wide range between 5% and 50% with a standard deviation of the AUC less than 1% for
 * all datasets" (Sec. 3.2). So the comparison is that claim: the std over ρ of the class-averaged AUC,
 * per data set, against 1 point. One split per (data set, class, seed) serves every ρ.
 */
@Command(name = "ics_rho", mixinStandardHelpOptions = true, sortOptions = false,
        description = "ICS Fig. 4: AUC averaged over classes against the ratio rho, with the curve and the paper's 'std < 1%%' claim checked.")
class ics_rho implements Callable<Integer> {
    // ---- What to run: --datasets, --classes, --seeds, --protocol, the settings the paper leaves open (--epochs, ...) ------
    @Mixin IcsGridOptions grid = new IcsGridOptions().withDefaults("mnist,fmnist,cifar10", 1L); // the paper does not say how many
    @Option(names = "--rhos", split = ",", defaultValue = "5,10,20,30,40,50", description = "Ratios ρ in %% (default: ${DEFAULT-VALUE}; the paper's range is 5-50).") List<Double> rhos;
    @Option(names = "--max-std", defaultValue = "1.0", description = "The paper's claim: std over ρ of the class-averaged AUC < this (default: ${DEFAULT-VALUE} point).") double maxStd;
    @Option(names = "--check", description = "Exit with status 1 when a data set's std over ρ (all ten classes, not quick) is not below --max-std.") boolean check;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard --------------------------------------------------
    @Mixin ScriptOptions where = ScriptOptions.threadsByDefault(1); // (data set, class, seed) groups: conv nets use the cores badly side by side

    public static void main(String... args) {
        System.exit(Cli.command(new ics_rho()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ------------------------------------------------------
        IcsProtocol proto = grid.protocol(where);
        List<Double> rhoList = rhos.stream().distinct().sorted().toList();
        for (double r : rhoList) where.parse("--rhos", () -> IntraClassSplit.atypicalCount(100, r));
        Path outDir = grid.out(where, proto);
        grid.configs(where, proto); // bad settings fail here
        Threads.singleThreadedNd4j();

        // ---- 2. Data --------------------------------------------------------------------------------------
        Map<Benchmark, DataSource.Split> data = grid.load(where);
        List<Benchmark> benchmarks = grid.benchmarks(where);

        // ---- 3. ICS at every ρ, one split per (data set, class, seed) ---------------------------------------
        List<IcsGrid.RunResult> runs = grid.run(proto, data, List.of(IcsMethod.ICS), List.of(), rhoList, where, outDir);
        if (where.shard().partial()) return where.finishShard(outDir);

        // ---- 4. Per (data set, ρ): mean over classes per seed, then mean ± std over seeds; the curve ----------
        List<Cells.Measurement> ms = runs.stream().map(r -> new Cells.Measurement(r.dataset(), String.valueOf(r.cls()),
                "rho=" + IcsGridFmt.rho(r.rho()), r.seed(), r.auc())).toList();
        List<Cells.Cell> avg = Cells.aggregate(ms).stream().filter(c -> c.cls().equals(Cells.AVG)).toList();
        OutputSet outputs = OutputSet.begin(outDir);
        StringBuilder md = new StringBuilder("# ICS Fig. 4 -- AUC % averaged over classes against ρ (protocol: " + proto.cliName()
                + (grid.training.quick ? ", QUICK" : "") + ")\n\n");
        md.append("The paper plots this curve and states one number about it: the std of the AUC over ρ ∈ [5, 50] % is below 1 % for every data set (Sec. 3.2). ")
                .append("No point of the curve is printed, so the check is that claim (qualitative otherwise).\n\n");
        md.append("| data set | classes | ρ % | AUC % (mean over classes; ± std over seeds) | seeds |\n|---|---:|---:|---:|---:|\n");
        boolean fails = false;
        StringBuilder verdicts = new StringBuilder();
        for (Benchmark b : benchmarks) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), es = new ArrayList<>();
            int nClasses = 0;
            for (double r : rhoList)
                for (Cells.Cell c : avg)
                    if (c.dataset().equals(b.cliName()) && c.method().equals("rho=" + IcsGridFmt.rho(r))) {
                        xs.add(r); ys.add(c.mean()); es.add(c.std());
                        nClasses = c.classes();
                        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f ± %.2f | %d |%n", b.cliName(), c.classes(), IcsGridFmt.rho(r), c.mean(), c.std(), c.runs()));
                    }
            if (xs.isEmpty()) continue;
            double mean = ys.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            double std = Math.sqrt(ys.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / ys.size());
            boolean judged = nClasses == 10 && !grid.training.quick && xs.size() >= 2;
            boolean ok = std < maxStd;
            if (judged && !ok) fails = true;
            String v = String.format(Locale.ROOT, "%s: std over ρ of the class-averaged AUC = %.2f points (paper: < %.1f) -> %s", b.cliName(), std, maxStd,
                    !judged ? "not judged (" + (grid.training.quick ? "quick mode" : nClasses + " of 10 classes") + ")" : ok ? "within the paper's claim" : "OUTSIDE the paper's claim");
            verdicts.append("- ").append(v).append('\n');
            System.out.println(v);
            String png = "curve-" + b.cliName() + ".png";
            outputs.write(png, Charts.curve("ICS Fig. 4 -- " + b.cliName() + ": AUC over ρ", "ρ (% atypical)", "AUC % (mean over classes)",
                    xs.stream().mapToDouble(d -> d).toArray(), ys.stream().mapToDouble(d -> d).toArray(), es.stream().mapToDouble(d -> d).toArray(), 10));
            md.append("\n![").append(b.cliName()).append("](").append(png).append(")\n\n");
        }
        md.append("\n## The paper's claim\n\n").append(verdicts);
        outputs.write("summary.md", md.toString().getBytes(StandardCharsets.UTF_8));
        outputs.write("runs.csv", RecordCsv.write(IcsGrid.RunResult.class, runs).getBytes(StandardCharsets.UTF_8));
        grid.record(where, proto, data).put("rhos", rhoList.toString()).put("verdicts", verdicts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", runs.csv, curve-*.png, splits/, run-record.json");
        return check && fails ? 1 : 0;
    }

    /** ρ as in run keys: 10, not 10.0. */
    static final class IcsGridFmt {
        static String rho(double r) { return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r); }
    }
}
