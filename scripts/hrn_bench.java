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
//FILES bench/hrn_torch.py=../bench/hrn_torch.py
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx4g

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.hrn.*;
import oneclass.run.*;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;

import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.bytedeco.openblas.global.openblas_nolapack.*;

/**
 * Speed of HRN training: seconds per epoch on one MNIST class (~6,000 images, 784-100-1, batch 100, the
 * paper protocol), for one run alone and for runs side by side on all cores (how the table scripts run),
 * next to a PyTorch loop of the same algorithm (bench/hrn_torch.py, one thread) on the same matrix, and
 * the arithmetic rate set against single-thread sgemm on the step's own products, all in one run:
 * on a shared machine only ratios measured together mean anything. docs/performance.md explains the numbers.
 */
@Command(name = "hrn_bench", mixinStandardHelpOptions = true, description = "Seconds per epoch of HRN training on one MNIST class, ours and PyTorch's.")
class hrn_bench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScriptOptions.Data data;
    @Option(names = "--class", defaultValue = "0", description = "MNIST class (default: ${DEFAULT-VALUE}).") int cls;
    @Option(names = "--epochs", defaultValue = "12", description = "Epochs timed per run; the first 2 are warm-up and not counted (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code (default: ${DEFAULT-VALUE}).") String protocol;
    @Option(names = "--python", defaultValue = "python3", description = "Python that runs the PyTorch peer; it needs torch (${DEFAULT-VALUE}; the Makefile passes $PYTHON).") String python;
    @Option(names = "--torch-peer", description = "The PyTorch peer script (default: bench/hrn_torch.py, built into this script).") Path torchPeer;

    public static void main(String... args) {
        System.exit(Cli.command(new hrn_bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (epochs < 3) throw new ParameterException(spec.commandLine(), "--epochs: must be >= 3 (2 warm-up epochs are not counted), got " + epochs);
        Threads.singleThreadedNd4j();
        Protocol p = Protocol.parse(protocol);
        DataSource.Split split = DataSource.load(Benchmark.MNIST, data.dir(), data.download());
        INDArray x = Inputs.matrix(split.train(), p.trainIndices(split.train(), cls), p.normalization(Benchmark.MNIST));
        HrnConfig cfg = p.config(Benchmark.MNIST, Method.HRN).withEpochs(epochs);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("HRN on MNIST class %d: %d images, %s%n", cls, x.rows(), cfg.describe());
        System.out.printf("machine: %d cores, %s, Java %s, load average %.2f at the start%n", cores, System.getProperty("os.arch"),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        int d = (int) x.columns(), hidden = cfg.architecture().hidden()[0];
        Sgemm sgemm = new Sgemm(cfg.batchSize(), d, hidden);
        Epochs alone = epochSeconds(cfg, x, 1, () -> sgemm.bursts(5, 0.02))[0]; // sgemm after every epoch, not timed with it
        System.out.printf("one run alone:            %.3f s/epoch (median of epochs 3-%d)%n", alone.median(), epochs);
        double each = Double.NaN;
        if (cores > 1) {
            each = Arrays.stream(epochSeconds(cfg, x, cores, () -> {})).mapToDouble(Epochs::median).average().orElseThrow();
            System.out.printf("%d runs side by side:      %.3f s/epoch each, %.3f s/epoch of throughput%n", cores, each, each / cores);
            System.out.printf("=> full MNIST + Fashion-MNIST HRN column (20 classes x 5 seeds x 100 epochs): ~%.1f min of training%n",
                    20 * 5 * 100 * each / cores / 60);
        }

        // The arithmetic: the fused step's three products of 2·B·D·H each (forward, ∇ₓf, and Mᵀ·a for both layers'
        // gradients), summed over an epoch's batches; the straightforward chain has four (also printed, as the issue
        // counts them). On a shared machine our fastest epoch and the best sgemm burst, both taken in the same
        // seconds (sgemm bursts after every epoch), are the measurements least disturbed by other processes.
        long b = cfg.batchSize(), rowsPerEpoch = cfg.topUpLastBatch() ? (x.rows() + b - 1) / b * b : x.rows();
        double gflop = 3 * 2.0 * rowsPerEpoch * d * hidden / 1e9, ours = gflop / alone.fastest();
        System.out.printf("arithmetic: %.2f GFLOP/epoch (3 products a step; %.2f with the chain's 4) -> %.1f GFLOP/s in our fastest epoch (%.3f s); "
                + "sgemm on the same 3 products (ND4J's OpenBLAS via JavaCPP, 1 thread, best of %d bursts of 20 ms between those epochs): %.1f GFLOP/s -> ours at %.0f %%%n",
                gflop, gflop * 4 / 3, ours, alone.fastest(), 5 * epochs, sgemm.best, 100 * ours / sgemm.best);

        if (p != Protocol.PAPER) { // the peer has ReLU, plain NLL and PyTorch's init only
            System.out.println("PyTorch peer: not run; it implements the paper protocol only (--protocol paper).");
            return 0;
        }
        if (torchPeer == null) torchPeer = TorchPeer.builtInScript();
        List<String> py = List.of(python);
        TorchPeer.Result peer = peer(py, x, cfg);
        if (!peer.ran()) {
            System.out.println(peer.skipLine());
            return 0;
        }
        System.out.printf("PyTorch peer alone:       %.3f s/epoch (median of epochs 3-%d; fastest %.3f; torch %s, 1 thread, its sgemm on the same products %.1f GFLOP/s, BLAS %s)%n",
                peer.secondsPerEpoch(), epochs, peer.fastestEpoch(), peer.torchVersion(), peer.sgemmGflops(), peer.blas());
        double peerEach = Double.NaN;
        if (cores > 1) {
            TorchPeer.Result[] side = new TorchPeer.Result[cores];
            Parallel.run(IntStream.range(0, cores).<Runnable>mapToObj(r -> () -> side[r] = peer(py, x, cfg)).toList(), cores);
            peerEach = Arrays.stream(side).mapToDouble(TorchPeer.Result::secondsPerEpoch).average().orElseThrow();
            System.out.printf("PyTorch %d side by side:   %.3f s/epoch each%n", cores, peerEach);
        }
        System.out.printf("ratio ours / PyTorch:     %.2f alone (medians), %.2f (fastest epochs), %.2f side by side (below 1: ours is faster)%n",
                alone.median() / peer.secondsPerEpoch(), alone.fastest() / peer.fastestEpoch(), each / peerEach);
        return 0;
    }

    /** One run of the PyTorch peer on the same matrix and recipe (seed 1). */
    TorchPeer.Result peer(List<String> python, INDArray x, HrnConfig cfg) {
        try {
            return TorchPeer.run(python, torchPeer, x, cfg.architecture().hidden()[0], cfg.hreg().lambda(), cfg.hreg().n(), cfg.epochs(), 1);
        } catch (Exception e) {
            throw new IllegalStateException("the PyTorch peer failed: " + e.getMessage(), e);
        }
    }

    /** Seconds per epoch of one run, after 2 warm-up epochs: the median and the fastest. */
    record Epochs(double median, double fastest) {}

    /**
     * Runs {@code parallel} identical trainings at once; per run, its epoch times after 2 warm-up epochs.
     * {@code afterEpoch} runs after every epoch, outside the epoch's time.
     */
    static Epochs[] epochSeconds(HrnConfig cfg, INDArray x, int parallel, Runnable afterEpoch) {
        Epochs[] result = new Epochs[parallel];
        Parallel.run(IntStream.range(0, parallel).<Runnable>mapToObj(run -> () -> {
            double[] t = new double[cfg.epochs()];
            long[] last = {System.nanoTime()};
            HrnTrainer.train(cfg, x, 1 + run, (epoch, model, loss) -> {
                t[epoch - 1] = (System.nanoTime() - last[0]) / 1e9;
                afterEpoch.run();
                last[0] = System.nanoTime();
            });
            double[] counted = Arrays.copyOfRange(t, 2, t.length);
            Arrays.sort(counted);
            result[run] = new Epochs(counted[counted.length / 2], counted[0]);
        }).toList(), parallel);
        return result;
    }

    /**
     * Single-thread cblas_sgemm (the OpenBLAS that ND4J bundles and the fused step calls) on the three products of a
     * fused step at batch b — x·W1ᵀ, u·W1, Mᵀ·a — timed back to back in bursts; {@code best} is the fastest burst's GFLOP/s.
     */
    static final class Sgemm {
        final int b, d, h;
        final FloatPointer x, w, u, z, g, dw;
        double best;

        Sgemm(int b, int d, int h) {
            this.b = b; this.d = d; this.h = h;
            x = filled(b * d); w = filled(h * d); u = filled(b * h); z = filled(b * h); g = filled(b * d); dw = filled(h * d);
        }

        void three() {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, h, d, 1, x, d, w, d, 0, z, h);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, d, h, 1, u, h, w, d, 0, g, d);
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, d, b, 1, u, h, x, d, 0, dw, d);
        }

        /** {@code count} bursts of {@code seconds} each; short ones, so that some fall between other processes' time slices. */
        void bursts(int count, double seconds) {
            for (int i = 0; i < 5; i++) three();
            for (int k = 0; k < count; k++) {
                long start = System.nanoTime(), reps = 0;
                while (System.nanoTime() - start < seconds * 1e9) {
                    three();
                    reps++;
                }
                best = Math.max(best, 3 * 2.0 * b * d * h * reps / (System.nanoTime() - start));
            }
        }
    }

    private static FloatPointer filled(int n) {
        FloatPointer p = new FloatPointer(n);
        for (int i = 0; i < n; i++) p.put(i, (float) Math.sin(i));
        return p;
    }
}
