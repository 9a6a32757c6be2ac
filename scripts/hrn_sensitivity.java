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
import oneclass.hrn.*;
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
 * HRN Sec. 4.2, hyper-parameter sensitivity: "for λ, from 0 to 1 with step 0.05 and for n, from 1 to 20
 * with step 1 ... we try one, fix it and then the next", on MNIST only; the paper reports λ = 0.1 and
 * n = 12, "the results are similar for 10 ≤ n ≤ 16". Here: λ varies with n = 12 fixed, then n varies with
 * λ = 0.1 fixed; each point is HRN's AUC averaged over the classes. The paper publishes no curve, so the
 * output is the curves and where their maxima fall, next to the paper's choice.
 */
@Command(name = "hrn_sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN's hyper-parameter search (Sec. 4.2): average AUC against λ and against n.")
class hrn_sensitivity implements Callable<Integer> {
    // ---- What to run: --datasets, --classes, --seeds, --protocol, its overrides (--epochs, ...) -------------------------
    @Mixin HrnGridOptions grid = new HrnGridOptions().withDefaults("mnist", 1L); // the paper searched on MNIST only, and does not say how many seeds
    @Option(names = "--lambdas", split = ",", description = "λ values (default: 0 to 1 in steps of 0.05, with n = 12).") List<Double> lambdas;
    @Option(names = "--ns", split = ",", description = "n values (default: 1 to 20, with λ = 0.1).") List<Double> ns;
    @Option(names = "--quick", description = "A smoke-sized search: λ in {0, 0.05, 0.1, 0.2, 0.5, 1}, n in {1, 6, 10, 12, 14, 20}, 20 epochs unless --epochs is given.")
    boolean quick;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard --------------------------------------------------
    @Mixin ScriptOptions where;

    static final double PAPER_LAMBDA = 0.1, PAPER_N = 12;

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_sensitivity()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options: the two grids, validated before any work ------------------------------------------
        Protocol proto = grid.protocol(where);
        List<Double> lambdaGrid = lambdas != null ? lambdas : quick ? List.of(0.0, 0.05, 0.1, 0.2, 0.5, 1.0) : steps(0, 1, 0.05);
        List<Double> nGrid = ns != null ? ns : quick ? List.of(1.0, 6.0, 10.0, 12.0, 14.0, 20.0) : steps(1, 20, 1);
        for (double l : lambdaGrid) where.require(l >= 0, "--lambdas", l + " is not >= 0");
        for (double v : nGrid) where.require(v > 0, "--ns", v + " is not > 0");
        if (quick) grid.overrides.defaultEpochs(20);
        Path outDir = where.out(proto.cliName() + (quick ? "-quick" : ""));

        // ---- 2. One column per grid point: λ with n = 12, then n with λ = 0.1 ------------------------------
        List<HrnGrid.Column> columns = new ArrayList<>();
        for (double l : lambdaGrid) columns.add(column("lambda=" + fmt(l), l, PAPER_N, proto));
        for (double v : nGrid) columns.add(column("n=" + fmt(v), PAPER_LAMBDA, v, proto));
        List<Benchmark> benchmarks = grid.benchmarks(where);
        for (Benchmark b : benchmarks) columns.forEach(c -> c.config().apply(b)); // bad overrides fail before any work
        Threads.singleThreadedNd4j();

        // ---- 3. Data, then every (data set, class, grid point, seed) --------------------------------------
        Map<Benchmark, DataSource.Split> data = grid.load(where);
        List<HrnGrid.RunResult> runs = grid.run(proto, data, columns, where, outDir);
        if (where.shard().partial()) return where.finishShard(outDir);

        // ---- 4. The curves: average AUC over classes per grid point, and where the maxima are ---------------
        List<Cells.Cell> avg = Cells.aggregate(HrnGrid.aucs(runs)).stream().filter(c -> c.cls().equals(Cells.AVG)).toList();
        OutputSet outputs = OutputSet.begin(outDir);
        StringBuilder md = new StringBuilder("# HRN Sec. 4.2 -- hyper-parameter sensitivity (protocol: " + proto.cliName() + ")\n\n");
        md.append("AUC % averaged over classes ").append(grid.classes()).append(", seeds ").append(grid.seeds()).append(". ")
          .append("The paper chose λ = 0.1 and n = 12 and says results are similar for 10 ≤ n ≤ 16.\n\n");
        for (Benchmark b : benchmarks) {
            for (String axis : List.of("lambda", "n")) {
                List<Cells.Cell> curve = avg.stream().filter(c -> c.dataset().equals(b.cliName()) && c.method().startsWith(axis + "="))
                        .sorted(Comparator.comparingDouble(c -> value(c.method()))).toList();
                if (curve.isEmpty()) continue;
                double[] x = curve.stream().mapToDouble(c -> value(c.method())).toArray();
                double[] y = curve.stream().mapToDouble(Cells.Cell::mean).toArray();
                double[] e = curve.stream().mapToDouble(Cells.Cell::std).toArray();
                double paper = axis.equals("lambda") ? PAPER_LAMBDA : PAPER_N;
                String png = "curve-" + b.cliName() + "-" + axis + ".png";
                outputs.write(png, Charts.curve("HRN sensitivity -- " + b.cliName() + ": AUC against " + axis,
                        axis.equals("lambda") ? "λ (n = 12)" : "n (λ = 0.1)", "AUC %", x, y, e, paper));
                Cells.Cell best = curve.stream().filter(c -> Double.isFinite(c.mean())).max(Comparator.comparingDouble(Cells.Cell::mean)).orElseThrow();
                Optional<Cells.Cell> atPaper = curve.stream().filter(c -> value(c.method()) == paper).findFirst();
                String line = String.format(Locale.ROOT, "%s, %s: best %s = %.2f%%; at the paper's %s = %s%n", b.cliName(), axis,
                        best.method(), best.mean(), fmt(paper), atPaper.map(c -> String.format(Locale.ROOT, "%.2f%%", c.mean())).orElse("not run"));
                System.out.print(line);
                md.append("## ").append(b.cliName()).append(", ").append(axis).append("\n\n").append(line).append("\n");
                md.append("| ").append(axis).append(" | AUC % |\n|---:|---:|\n");
                for (int i = 0; i < x.length; i++) md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", fmt(x[i]), y[i]));
                md.append("\n![").append(axis).append("](").append(png).append(")\n\n");
            }
        }
        outputs.write("summary.md", md.toString().getBytes(StandardCharsets.UTF_8));
        outputs.write("runs.csv", RecordCsv.write(HrnGrid.RunResult.class, runs).getBytes(StandardCharsets.UTF_8));
        grid.record(where, proto, data).put("lambdas", lambdaGrid.toString()).put("ns", nGrid.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", runs.csv, curve-*.png, run-record.json");
        return 0;
    }

    /** HRN under the protocol with the H-regularizer's λ and n set. */
    HrnGrid.Column column(String name, double lambda, double n, Protocol proto) {
        return new HrnGrid.Column(name, b -> {
            HrnConfig c = grid.config(proto, b, Method.HRN);
            return c.withLoss(c.dataTerm(), new HRegularizer(lambda, n, c.hreg().perPixelChannels()));
        });
    }

    static List<Double> steps(double from, double to, double step) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; from + i * step <= to + 1e-9; i++) v.add(Math.round((from + i * step) * 1e6) / 1e6);
        return v;
    }

    static String fmt(double v) { return v == Math.rint(v) && v >= 1 ? String.valueOf((long) v) : String.valueOf(v); }

    static double value(String method) { return Double.parseDouble(method.substring(method.indexOf('=') + 1)); }
}
