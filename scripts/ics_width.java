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
 * The width w of ICS's AlexNet-like networks (convolutions w, 2w, 3w, 3w, 2w; dense 8w; z = 4w), which the paper does not
 * give: Ours' AUC and its cost per (data set, class, seed) against w, on a few classes, at the paper protocol's default
 * budget (each network trained until its loss converges, with a cap). The curve is what the default width
 * ({@value IcsProtocol#DEFAULT_WIDTH}) is chosen from; the paper prints no number for it, so nothing is judged.
 * ρ is the paper's 10 %. Each width is an ordinary ics_table1 results folder ({@code w<w>/}) of Ours and SSIM: sharded and resumable like it.
 */
@Command(name = "ics_width", mixinStandardHelpOptions = true, sortOptions = false,
        description = "ICS: AUC of Ours and its run time against the width w of the AlexNet-like networks (the paper gives none), with the curves.")
class ics_width implements Callable<Integer> {
    // ---- What to run: --datasets, --classes, --seeds, the settings the paper leaves open (--epochs, ...); the widths --------
    @Mixin IcsGridOptions grid = new IcsGridOptions().withDefaults("mnist", 1L).withClasses(0, 2, 5); // a few MNIST digits (issue 10)
    @Option(names = "--widths", split = ",", defaultValue = "4,8,16", description = "Widths w (default: ${DEFAULT-VALUE}; the default network is w = "
            + IcsProtocol.DEFAULT_WIDTH + ").") List<Integer> widths;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard --------------------------------------------------
    @Mixin ScriptOptions where = ScriptOptions.threadsByDefault(1); // (data set, class, seed) groups: conv nets use the cores badly side by side

    public static void main(String... args) {
        System.exit(Cli.command(new ics_width()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options, validated before any work ------------------------------------------------------
        IcsProtocol proto = grid.protocol(where);
        where.parse("--protocol", () -> {
            if (proto != IcsProtocol.PAPER) throw new IllegalArgumentException("only 'paper' has a width: the code's VGG-like network has none");
            return proto;
        });
        List<Integer> ws = widths.stream().distinct().sorted().toList();
        where.parse("--widths", () -> {
            for (int w : ws) if (w < 1) throw new IllegalArgumentException("a width must be >= 1, got " + w);
            return ws;
        });
        Path outDir = grid.out(where, proto);
        Map<String, Object> configs = new LinkedHashMap<>();
        for (int w : ws) {
            grid.training.width = w;
            configs.put("w" + w, grid.configs(where, proto)); // bad settings fail here
        }
        Threads.singleThreadedNd4j();

        // ---- 2. Data --------------------------------------------------------------------------------------
        Map<Benchmark, DataSource.Split> data = grid.load(where);

        // ---- 3. Ours and SSIM at every width, each width its own results folder ------------------------------
        for (int w : ws) {
            grid.training.width = w;
            System.out.println("width " + w + ": " + outDir.resolve("w" + w));
            grid.run(proto, data, List.of(IcsMethod.ICS, IcsMethod.SSIM), List.of(), List.of(10.0), where, outDir.resolve("w" + w));
        }
        if (where.shard().partial()) return where.finishShard(outDir);

        // ---- 4. Per (data set, width): Ours' AUC and minutes per run, averaged over classes; the curves ---------
        Results r = IcsResults.width(outDir, ExpectedResults.none());
        OutputSet outputs = OutputSet.begin(outDir);
        StringBuilder md = new StringBuilder("# ICS: Ours against the width w of the AlexNet-like networks (protocol: " + proto.cliName()
                + (grid.training.quick ? ", QUICK" : "") + ")\n\n");
        md.append("The paper gives no width. Minutes per (data set, class, seed): the autoencoder and split plus Ours' classifier, one thread.\n\n");
        md.append("| data set | w | classes | AUC % of Ours (mean over classes; ± std over seeds) | minutes per run | seeds |\n|---|---:|---:|---:|---:|---:|\n");
        for (String d : Comparison.datasets(r.rows())) {
            List<Comparison.Row> auc = Comparison.sweep(r.rows(), d, IcsResults.WIDTH), min = Comparison.sweep(r.rows(), d, IcsResults.MINUTES);
            for (Comparison.Row a : auc) {
                double w = Comparison.number(a.method());
                OptionalDouble m = min.stream().filter(x -> Comparison.number(x.method()) == w).mapToDouble(Comparison.Row::ours).findFirst();
                long classes = r.rows().stream().filter(x -> x.dataset().equals(d) && x.method().equals(a.method()) && !x.cls().equals(Cells.AVG)).count();
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f ± %.2f | %s | %d |%n", d, (int) w, classes, a.ours(), a.oursStd(),
                        m.isPresent() ? String.format(Locale.ROOT, "%.2f", m.getAsDouble()) : "–", a.runs()));
            }
        }
        for (var c : IcsResults.widthCurves(r.rows()).entrySet()) {
            outputs.write("curve-" + c.getKey() + ".png", c.getValue());
            md.append("\n![").append(c.getKey()).append("](curve-").append(c.getKey()).append(".png)\n");
        }
        System.out.print(md);
        outputs.write("summary.md", md.toString().getBytes(StandardCharsets.UTF_8));
        grid.record(where, proto, data).put("widths", ws.toString()).put("configs", configs).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", curve-*.png, w*/, run-record.json");
        return 0;
    }
}
