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
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * ICS Sec. 2.1, the data split: train the autoencoder on the normal class (MSE), score every training
 * image by SSIM(x, x̂), mark the lowest ρ % atypical. Writes the split of each (data set, class, seed) to
 * {@code <out>/splits/} (the format {@link IntraClassSplit} reads back), how it divides the class to
 * {@code <out>/runs/} ({@link IcsGrid.SplitResult}), and a picture like Fig. 1.
 * The paper prints no numbers for the split; {@code --check} checks its proportions and that atypical
 * images are the worse reconstructed ones.
 */
@Command(name = "ics_split", mixinStandardHelpOptions = true, sortOptions = false,
        description = "ICS Sec. 2.1: autoencoder + SSIM split of the normal class into typical and atypical images, with a picture like Fig. 1.")
class ics_split implements Callable<Integer> {
    @Option(names = "--datasets", split = ",", defaultValue = "mnist,fmnist,cifar10", description = "Data sets (default: ${DEFAULT-VALUE}).") List<String> datasets;
    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Normal classes (default: all ten).") List<Integer> classes;
    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds of the autoencoder (default: ${DEFAULT-VALUE}).") List<Long> seeds;
    @Option(names = "--rho", defaultValue = "10", description = "ρ, the %% marked atypical (paper: 10).") double rho;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code, as in ics_table1 (default: ${DEFAULT-VALUE}).") String protocol;
    @Mixin IcsOptions training;
    @Option(names = "--grid", defaultValue = "8", description = "Images per side of each grid in the picture (default: ${DEFAULT-VALUE}).") int grid;
    @Option(names = "--splits", description = "Folder of split files to reuse and fill (default: <out>/splits). Point it at an ics_table1 "
            + "results folder's splits/ to draw the pictures of the splits that run made, with no training.") Path splitsDir;
    @Option(names = "--check", description = "Exit with status 1 when a split's proportions are off or its atypical images reconstruct better than its typical ones.") boolean check;

    // ---- Where: --data-dir, --no-download, --out, --threads, --shard ------------------------------------------
    @Mixin ScriptOptions where = ScriptOptions.threadsByDefault(1);

    public static void main(String... args) {
        System.exit(Cli.command(new ics_split()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options -----------------------------------------------------------------------------------
        IcsProtocol proto = where.parse("--protocol", () -> IcsProtocol.parse(protocol));
        List<Benchmark> benchmarks = where.parse("--datasets", () -> datasets.stream().map(Benchmark::parse).distinct().toList());
        where.classes(classes);
        where.parse("--rho", () -> IntraClassSplit.atypicalCount(100, rho));
        where.require(grid >= 1 && grid <= 20, "--grid", "must be in 1..20, got " + grid);
        for (Benchmark b : benchmarks) training.apply(proto, b);
        Path outDir = where.out(proto.cliName() + (training.quick ? "-quick" : ""));
        Shard shard = where.shard();
        int threads = where.threads();
        Threads.singleThreadedNd4j();

        // ---- 2. Data --------------------------------------------------------------------------------------
        Map<Benchmark, DataSource.Split> data = DataSource.load(benchmarks, where.dataDir(), where.download(), System.out);

        // ---- 3. One split per (data set, class, seed), reused when already on disk --------------------------
        Path splits = splitsDir != null ? splitsDir : outDir.resolve("splits");
        List<IcsGrid.SplitResult> rows = IcsGrid.splits(proto, data, classes, seeds, rho, b -> training.apply(proto, b), splits, threads, shard,
                new ResultStore<>(outDir, IcsGrid.SplitResult.class), System.out);
        if (shard.partial()) return where.finishShard(outDir);

        // ---- 4. The table and one picture per split (like the paper's Fig. 1) -------------------------------
        OutputSet outputs = OutputSet.begin(outDir);
        StringBuilder md = new StringBuilder("# ICS data split (Sec. 2.1), ρ = " + rho + " % (protocol: " + proto.cliName()
                + (training.quick ? ", QUICK" : "") + ")\n\n| data set | class | seed | n | atypical | mean SSIM typical | mean SSIM atypical | max SSIM atypical | SSIM-baseline test AUC % | seconds |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder csv = new StringBuilder("dataset,cls,seed,n,atypical,mean_ssim_typical,mean_ssim_atypical,max_ssim_atypical,ssim_auc,seconds\n");
        boolean bad = false;
        Map<String, IcsGrid.SplitResult> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        for (Benchmark b : benchmarks)
            for (int cls : classes)
                for (long seed : seeds) {
                    IcsGrid.SplitResult r = byKey.get(IcsGrid.SplitResult.key(b.cliName(), cls, seed, rho));
                    bad |= !r.ok();
                    String row = String.format(Locale.ROOT, "%s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.2f | %.0f", r.dataset(), cls, seed, r.n(),
                            r.atypical(), r.meanSsimTypical(), r.meanSsimAtypical(), r.maxSsimAtypical(), r.ssimAuc(), r.seconds());
                    md.append("| ").append(row).append(r.ok() ? "" : " **CHECK FAILED**").append(" |\n");
                    csv.append(row.replace(" | ", ",")).append('\n');
                    IntraClassSplit s = IcsGrid.split(proto, data.get(b), training.apply(proto, b), cls, seed, IcsGrid.splitFile(splits, b, cls, seed), () -> {});
                    outputs.write("split-" + b.cliName() + "_c" + cls + "_s" + seed + ".png", SplitPicture.png(data.get(b).train(), s, rho, grid, 2, seed,
                            "ICS split of " + b.cliName() + " class " + cls + " (seed " + seed + "): random typical vs atypical training images"));
                }
        md.append("\nSSIM-baseline AUC: SSIM(x, x̂) as the normality score on the test set (Table 1's SSIM column; compared with the paper by ics_table1).\n");
        md.append("\nPictures (like the paper's Fig. 1): `split-<data set>_c<class>_s<seed>.png`.\n");
        outputs.write("summary.md", md.toString().getBytes(StandardCharsets.UTF_8));
        outputs.write("summary.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> cfgs = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) cfgs.put(b.cliName(), training.apply(proto, b).describeSplit());
        where.record().put("protocol", proto.cliName()).put("configs", cfgs).put("rho", rho)
                .put("classes", classes.toString()).put("seeds", seeds.toString()).put("data", DataSource.provenance(data)).put("checks", bad ? "FAILED" : "passed").write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, split-*.png, splits/, run-record.json");
        return check && bad ? 1 : 0;
    }
}
