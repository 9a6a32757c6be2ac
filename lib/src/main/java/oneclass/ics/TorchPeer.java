package oneclass.ics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch counterpart of ics_bench ({@code bench/ics_torch.py}: the same layers, optimizers and batch),
 * run as a child process with one thread. It needs a Python with PyTorch (Debian: python3-torch); without
 * one, {@link #unavailable} says why in one line and the benchmark goes on without the peer.
 */
public final class TorchPeer {
    private TorchPeer() {}

    public static final String INSTALL = "apt-get install python3-torch";

    /** One network's median seconds per training step (wall-clock, and CPU time of its thread) and its number of trainable parameters. */
    public record Step(double seconds, double cpuSeconds, long parameters) {}

    /** Null when {@code python} can run {@code script} (it exists and torch imports), else the one-line reason it cannot. */
    public static String unavailable(String python, Path script) {
        if (!Files.isRegularFile(script)) return "PyTorch counterpart skipped: " + script + " not found (run from the repository root)";
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) return null;
            p.destroy();
            return "PyTorch counterpart skipped: " + python + " cannot import torch (install it: " + INSTALL + ")";
        } catch (IOException e) {
            return "PyTorch counterpart skipped: cannot run " + python + " (" + e.getMessage() + "; install PyTorch: " + INSTALL + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "PyTorch counterpart skipped: interrupted";
        }
    }

    /**
     * Runs the script with {@code args} and reads its CSV (network,seconds,cpu_seconds,parameters).
     *
     * @throws IllegalStateException when it fails, with its output
     */
    public static Map<String, Step> run(String python, Path script, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(); // its errors on our stderr
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ", its errors above): " + out);
            Map<String, Step> steps = new LinkedHashMap<>();
            List<String> lines = out.lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals("network,seconds,cpu_seconds,parameters"))
                throw new IllegalStateException(String.join(" ", cmd) + ": expected the CSV header network,seconds,cpu_seconds,parameters, got: " + out);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                steps.put(f[0], new Step(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3])));
            }
            return steps;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    /** The script's arguments for the networks of {@code arch} (AlexNet-like at its width, or the code's VGG-like). */
    public static List<String> args(IcsConfig cfg, int width, int channels, int warmup, int steps) {
        String arch = cfg.arch().name().startsWith("alexnet") ? "alexnet" : "vgg";
        return List.of("--arch", arch, "--width", "" + width, "--latent", "" + IcsProtocol.DEFAULT_LATENT, "--channels", "" + channels,
                "--batch", "" + cfg.batch(), "--warmup", "" + warmup, "--steps", "" + steps);
    }
}
