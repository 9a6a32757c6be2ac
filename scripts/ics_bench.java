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
import oneclass.run.Cli;
import oneclass.run.ScriptOptions;
import oneclass.run.Threads;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Speed of the ICS networks: seconds per training step of the autoencoder and the classifier (median of
 * timed steps after warm-up), seconds to score 1000 test images, and from them the time of one
 * (data set, class, seed) run of ics_table1 (split + Ours + NNwDS + NaiveNN + scoring) and of the whole
 * table, at the chosen settings; by default for the paper's AlexNet-like networks and the code's VGG-like
 * ones. Next to each, the PyTorch counterpart (bench/ics_torch.py: the same layers, optimizers and batch,
 * one thread) and the ratio ours / PyTorch per step; without PyTorch one line says it was skipped.
 */
@Command(name = "ics_bench", mixinStandardHelpOptions = true, description = "Seconds per step and per (data set, class, seed) run of ICS, next to PyTorch.")
class ics_bench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScriptOptions.Data data;
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist, fmnist or cifar10 (default: ${DEFAULT-VALUE}).") String dataset;
    @Option(names = "--class", defaultValue = "0", description = "Normal class (default: ${DEFAULT-VALUE}).") int cls;
    @Option(names = "--steps", defaultValue = "15", description = "Steps timed, after the warm-up (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--warmup", defaultValue = "60",
            description = "Steps run before timing, not counted: the JVM's compiler threads are busy with our code at first; after 10 steps"
                    + " they still took 5 ms per classifier step, on the core the step waits for when other jobs share the machine (default: ${DEFAULT-VALUE}).") int warmup;
    @Option(names = "--protocol", defaultValue = "paper,official-code", split = ",",
            description = "paper (AlexNet-like at --width) and/or official-code (VGG-like) (default: ${DEFAULT-VALUE}).") List<String> protocols;
    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PyTorch for the counterpart (default: ${DEFAULT-VALUE}, Debian's python3-torch).") String python;
    @Option(names = "--torch-script", defaultValue = "bench/ics_torch.py", description = "The PyTorch counterpart (default: ${DEFAULT-VALUE}).") Path torchScript;
    @Option(names = "--profile", description = "Also print where each step's time goes: seconds per op (optimizer included), and the rest (Java between ops).") boolean profile;
    @Mixin IcsOptions training;

    public static void main(String... args) {
        System.exit(Cli.command(new ics_bench()).execute(args));
    }

    @Override
    public Integer call() {
        if (steps < 1) throw new ParameterException(spec.commandLine(), "--steps: must be >= 1, got " + steps);
        if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup: must be >= 0, got " + warmup);
        Threads.singleThreadedNd4j();
        Benchmark b = Benchmark.parse(dataset);
        DataSource.Split split = DataSource.load(b, data.dir(), data.download());
        System.out.printf("machine: %d cores, %s, load average %.1f, OMP_NUM_THREADS=%s, ND4J native build: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getenv("OMP_NUM_THREADS"), nativeBuild());
        String skipped = TorchPeer.unavailable(python, torchScript);
        if (skipped != null) System.out.println(skipped);
        // wall-clock is what a run waits; CPU time of the one thread is what it costs, and moves less when other jobs share the cores
        List<String> table = new ArrayList<>(List.of("| network | step | ours (s) | PyTorch (s) | ours / PyTorch | CPU: ours (s) | CPU: PyTorch (s) | CPU time: ours / PyTorch |",
                "|---|---|---:|---:|---:|---:|---:|---:|"));
        for (String name : protocols) {
            IcsProtocol p = IcsProtocol.parse(name);
            IcsConfig cfg = training.apply(p, b);
            Timing[] ours = bench(cfg, split);
            if (skipped != null) continue;
            Map<String, TorchPeer.Step> torch = TorchPeer.run(python, torchScript, TorchPeer.args(cfg, training.width, b.channels(), warmup, steps));
            String[] step = {"autoencoder", "classifier"};
            for (int i = 0; i < 2; i++) {
                TorchPeer.Step t = torch.get(step[i]);
                if (t.parameters() != ours[i].parameters())
                    System.out.printf("WARNING: the PyTorch %s has %d parameters, ours %d: not the same network%n", step[i], t.parameters(), ours[i].parameters());
                System.out.printf(Locale.ROOT, "PyTorch %s step (batch %d): %.4f s; ours / PyTorch = %.2f (CPU time %.2f)%n", step[i], cfg.batch(), t.seconds(),
                        ours[i].wall() / t.seconds(), ours[i].cpu() / t.cpuSeconds());
                table.add(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.2f | %.4f | %.4f | %.2f |", cfg.arch().name(), step[i], ours[i].wall(), t.seconds(),
                        ours[i].wall() / t.seconds(), ours[i].cpu(), t.cpuSeconds(), ours[i].cpu() / t.cpuSeconds()));
            }
        }
        if (skipped == null) {
            System.out.println();
            table.forEach(System.out::println);
        }
        return 0;
    }

    /**
     * One network's step: median wall-clock and CPU seconds (this thread; ND4J runs its ops on it with one thread), the
     * mean CPU seconds of the whole process (every thread: a second worker, GC or JIT shows here, not in {@code cpu}),
     * and its parameter count.
     */
    record Timing(double wall, double cpu, double processCpu, long parameters) {
        Timing withParameters(long n) { return new Timing(wall, cpu, processCpu, n); }
    }

    /** Prints one protocol's step times and estimates; returns {autoencoder, classifier}. */
    private Timing[] bench(IcsConfig cfg, DataSource.Split split) {
        int[] idx = IcsRun.trainIndices(cfg, split.train(), cls);
        ImageBatches x = new ImageBatches(split.train(), idx, cfg.arch().side());
        int[] order = IntStream.range(0, x.size()).toArray();
        int bs = cfg.batch();
        System.out.printf("%n%s class %d: %d images; %s%n", dataset, cls, x.size(), cfg.describe());

        Autoencoder ae = new Autoencoder(cfg.arch().encoder(), cfg.arch().decoder(), x.channels(), x.side(), cfg.l2(), cfg.aeRule(), 1);
        Step aeSteps = i -> ae.step(x.batch(order, (i * bs) % (x.size() - bs), (i * bs) % (x.size() - bs) + bs));
        Timing aeT = median(aeSteps);
        double aeStep = aeT.wall();
        IcsNetwork net = new IcsNetwork(cfg.arch().features(), x.channels(), x.side(), cfg.l2(), cfg.netRule(), 1);
        Step netSteps = i -> net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(order, (i * bs) % (x.size() - bs), (i * bs) % (x.size() - bs) + bs), new float[bs]);
        Timing netT = median(netSteps);
        double netStep = netT.wall();
        if (profile) {
            profile("autoencoder", ae.profile(), aeSteps);
            profile("classifier", net.profile(), netSteps);
        }
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
        // where a step's wall time goes that its thread does not spend: other threads of ours (process > thread), or waiting for a core (wall > process)
        System.out.printf(Locale.ROOT, "CPU per step, autoencoder / classifier: this thread %.4f / %.4f s, the whole process %.4f / %.4f s (wall %.4f / %.4f s)%n",
                aeT.cpu(), netT.cpu(), aeT.processCpu(), netT.processCpu(), aeT.wall(), netT.wall());
        System.out.printf(Locale.ROOT, "estimated (data set, class, seed) run of ics_table1: %.0f s = %.1f min%s%n", run, run / 60,
                cfg.stop().off() ? "" : " at most (every network to its epoch cap; the convergence rule " + cfg.stop() + " stops most earlier)");
        System.out.printf(Locale.ROOT, "estimated %s, ten classes, one seed: %.1f h; five seeds: %.1f h%n", dataset, 10 * run / 3600, 50 * run / 3600);
        return new Timing[] {aeT.withParameters(ae.parameterCount()), netT.withParameters(net.parameterCount())};
    }

    /** The folder of the JavaCPP build that holds ND4J's native library, e.g. linux-x86_64-onednn (ONECLASS_ND4J picks it). */
    static String nativeBuild() {
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().values().stream().filter(p -> p != null && p.contains("jnind4jcpu"))
                .map(p -> Path.of(p).getParent().getFileName().toString()).findFirst().orElse("unknown");
    }

    interface Step { double run(int i); }

    /** Times {@code steps} more steps with the network's {@link OpProfile} listening: the ops that take the most, and the rest. */
    private void profile(String network, OpProfile p, Step s) {
        p.listen(true);
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) s.run(i);
        double step = (System.nanoTime() - t0) / 1e9 / steps, ops = p.total() / steps;
        p.listen(false);
        System.out.printf(Locale.ROOT, "profile, %s step: %.4f s, of which ops %.4f s (%.0f %%), between ops %.4f s; top ops: %s%n",
                network, step, ops, 100 * ops / step, step - ops, String.join(", ", p.top(8, steps)));
    }

    /** CPU ticks (utime + stime, /proc/self/task/<tid>/stat) of each of this process's threads, by "name (tid)"; empty off Linux. */
    static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" "); // f[0] is field 3 (state); utime, stime are fields 14, 15
                    ticks.put(stat.substring(open + 1, close) + " (" + t.getFileName() + ")", Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException | RuntimeException gone) { /* a thread that ended meanwhile */ }
            }
        } catch (java.io.IOException notLinux) { /* no /proc: no breakdown */ }
        return ticks;
    }

    /** The threads that used CPU between two {@link #threadTicks} snapshots, busiest first, as "name (tid) X s/step". */
    static String busiestThreads(Map<String, Long> before, Map<String, Long> after, int steps) {
        double tick = 0.01; // USER_HZ: 100 on Linux
        return after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L))).filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %.4f s", e.getKey(), e.getValue() * tick / steps)).collect(java.util.stream.Collectors.joining(", "));
    }

    private Timing median(Step s) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[steps], cpu = new double[steps];
        Map<String, Long> ticks = Map.of();
        long processStart = 0;
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                ticks = threadTicks();
                processStart = process.getProcessCpuTime();
            }
            long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            s.run(i);
            if (i >= warmup) {
                wall[i - warmup] = (System.nanoTime() - t0) / 1e9;
                cpu[i - warmup] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            }
        }
        // the process clock ticks in 10 ms here: a mean over the timed steps, not a median
        double processCpu = (process.getProcessCpuTime() - processStart) / 1e9 / steps;
        String busiest = busiestThreads(ticks, threadTicks(), steps);
        if (!busiest.isEmpty()) System.out.println("  CPU per timed step by thread (10 ms ticks): " + busiest);
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Timing(wall[wall.length / 2], cpu[cpu.length / 2], processCpu, 0);
    }
}
