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
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx4g

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.hrn.*;
import oneclass.run.Cli;
import oneclass.run.Parallel;
import oneclass.run.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Speed of HRN training: seconds per epoch on one MNIST class (~6,000 images, 784-100-1, batch 100, the
 * paper protocol), for one run alone and for runs side by side on all cores (how the table scripts run).
 * Reference points (the issue): a straightforward PyTorch loop takes 0.3-0.6 s/epoch on these 2-core
 * machines; the arithmetic is about 4 GFLOP per epoch.
 */
@Command(name = "hrn_bench", mixinStandardHelpOptions = true, description = "Seconds per epoch of HRN training on one MNIST class.")
class hrn_bench implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--class", defaultValue = "0", description = "MNIST class (default: ${DEFAULT-VALUE}).") int cls;
    @Option(names = "--epochs", defaultValue = "12", description = "Epochs timed per run; the first 2 are warm-up and not counted (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code (default: ${DEFAULT-VALUE}).") String protocol;

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_bench()).execute(args));
    }

    @Override
    public Integer call() {
        if (epochs < 3) throw new IllegalArgumentException("--epochs must be >= 3 (2 warm-up epochs are not counted), got " + epochs);
        Threads.singleThreadedNd4j();
        Protocol p = Protocol.parse(protocol);
        DataSource.Split split = DataSource.load(Benchmark.MNIST, DataSource.resolveDataDir(dataDir), true);
        INDArray x = Inputs.matrix(split.train(), p.trainIndices(split.train(), cls), p.normalization(Benchmark.MNIST));
        HrnConfig cfg = p.config(Benchmark.MNIST, Method.HRN).withEpochs(epochs);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("HRN on MNIST class %d: %d images, %s%n", cls, x.rows(), cfg.describe());
        System.out.printf("machine: %d cores, %s, Java %s%n", cores, System.getProperty("os.arch"), System.getProperty("java.version"));

        double alone = medianEpochSeconds(cfg, x, 1)[0];
        System.out.printf("one run alone:            %.3f s/epoch (median of epochs 3-%d)%n", alone, epochs);
        if (cores > 1) {
            double[] side = medianEpochSeconds(cfg, x, cores);
            double each = Arrays.stream(side).average().orElseThrow();
            System.out.printf("%d runs side by side:      %.3f s/epoch each, %.3f s/epoch of throughput%n", cores, each, each / cores);
            System.out.printf("=> full MNIST + Fashion-MNIST HRN column (20 classes x 5 seeds x 100 epochs): ~%.1f min of training%n",
                    20 * 5 * 100 * each / cores / 60);
        }
        return 0;
    }

    /** Runs {@code parallel} identical trainings at once; per run, the median epoch time after 2 warm-up epochs. */
    static double[] medianEpochSeconds(HrnConfig cfg, INDArray x, int parallel) {
        double[] medians = new double[parallel];
        List<Runnable> runs = new ArrayList<>();
        for (int r = 0; r < parallel; r++) {
            int run = r;
            runs.add(() -> {
                double[] t = new double[cfg.epochs()];
                long[] last = {System.nanoTime()};
                HrnTrainer.train(cfg, x, 1 + run, (epoch, model, loss) -> {
                    long now = System.nanoTime();
                    t[epoch - 1] = (now - last[0]) / 1e9;
                    last[0] = now;
                });
                double[] counted = Arrays.copyOfRange(t, 2, t.length);
                Arrays.sort(counted);
                medians[run] = counted[counted.length / 2];
            });
        }
        Parallel.run(runs, parallel);
        return medians;
    }
}
