///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1
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
import oneclass.run.Cli;
import oneclass.run.Threads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Speed of the ICS networks: seconds per training step of the autoencoder and the classifier (median of
 * timed steps after warm-up), seconds to score 1000 test images, and from them the time of one
 * (data set, class, seed) run of ics_table1 (split + Ours + NNwDS + NaiveNN + scoring) and of the whole
 * table, at the chosen settings.
 */
@Command(name = "ics_bench", mixinStandardHelpOptions = true, description = "Seconds per step and per (data set, class, seed) run of ICS.")
class ics_bench implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist, fmnist or cifar10 (default: ${DEFAULT-VALUE}).") String dataset;
    @Option(names = "--class", defaultValue = "0", description = "Normal class (default: ${DEFAULT-VALUE}).") int cls;
    @Option(names = "--steps", defaultValue = "12", description = "Steps timed; the first 2 are warm-up (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code (default: ${DEFAULT-VALUE}).") String protocol;
    @Mixin IcsOptions training;

    public static void main(String... args) {
        System.exit(Cli.command(new ics_bench()).execute(args));
    }

    @Override
    public Integer call() {
        if (steps < 3) throw new IllegalArgumentException("--steps must be >= 3 (2 warm-up steps are not counted), got " + steps);
        Threads.singleThreadedNd4j();
        IcsProtocol p = IcsProtocol.parse(protocol);
        Benchmark b = Benchmark.parse(dataset);
        IcsConfig cfg = training.apply(p, b);
        DataSource.Split split = DataSource.load(b, DataSource.resolveDataDir(dataDir), true);
        int[] idx = IcsRun.trainIndices(cfg, split.train(), cls);
        ImageBatches x = new ImageBatches(split.train(), idx, cfg.arch().side());
        int[] order = IntStream.range(0, x.size()).toArray();
        int bs = cfg.batch();
        System.out.printf("%s class %d: %d images; %s%n", b.cliName(), cls, x.size(), cfg.describe());
        System.out.printf("machine: %d cores, load average %.1f, OMP_NUM_THREADS=%s%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getenv("OMP_NUM_THREADS"));

        Autoencoder ae = new Autoencoder(cfg.arch().encoder(), cfg.arch().decoder(), x.channels(), x.side(), cfg.l2(), cfg.aeRule(), 1);
        double aeStep = median(i -> ae.step(x.batch(order, (i * bs) % (x.size() - bs), (i * bs) % (x.size() - bs) + bs)));
        IcsNetwork net = new IcsNetwork(cfg.arch().features(), x.channels(), x.side(), cfg.l2(), cfg.netRule(), 1);
        double netStep = median(i -> net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(order, (i * bs) % (x.size() - bs), (i * bs) % (x.size() - bs) + bs), new float[bs]));
        int nTest = Math.min(1000, split.test().size());
        ImageBatches test = new ImageBatches(split.test(), IntStream.range(0, nTest).toArray(), cfg.arch().side());
        long t = System.nanoTime();
        net.logits(test, 256);
        double score1000 = (System.nanoTime() - t) / 1e9 * 1000.0 / nTest;
        t = System.nanoTime();
        ae.ssim(test, 256, (cfg.arch().side() - split.test().rows()) / 2);
        double ssim1000 = (System.nanoTime() - t) / 1e9 * 1000.0 / nTest;

        int batches = (x.size() + bs - 1) / bs, testN = cfg.testLimit() > 0 ? Math.min(cfg.testLimit(), split.test().size()) : split.test().size();
        // per run: AE epochs, then Ours (3 steps per batch), NNwDS and NaiveNN (1 step per batch); SSIM of train + test; 3 classifiers score the test set
        double stepsPerClassifierRun = cfg.iterations() > 0 ? cfg.iterations() * (6 + 4) + 2.0 * cfg.iterations() * 4 : (3 + 1 + 1) * (double) batches * cfg.epochs();
        double run = aeStep * batches * cfg.aeEpochs() + netStep * stepsPerClassifierRun + ssim1000 * (x.size() + testN) / 1000 + score1000 * 3 * testN / 1000;
        System.out.printf(Locale.ROOT, "autoencoder step (batch %d): %.3f s%n", bs, aeStep);
        System.out.printf(Locale.ROOT, "classifier step (batch %d):  %.3f s   (Ours takes 3 per batch, NNwDS and NaiveNN 1)%n", bs, netStep);
        System.out.printf(Locale.ROOT, "score 1000 test images: classifier %.2f s, autoencoder + SSIM %.2f s%n", score1000, ssim1000);
        System.out.printf(Locale.ROOT, "estimated (data set, class, seed) run of ics_table1: %.0f s = %.1f min%n", run, run / 60);
        System.out.printf(Locale.ROOT, "estimated %s, ten classes, one seed: %.1f h; five seeds: %.1f h%n", b.cliName(), 10 * run / 3600, 50 * run / 3600);
        return 0;
    }

    interface Step { double run(int i); }

    private double median(Step s) {
        double[] t = new double[steps - 2];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            s.run(i);
            if (i >= 2) t[i - 2] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
