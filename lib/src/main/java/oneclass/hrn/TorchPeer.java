package oneclass.hrn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch counterpart of HRN's training (bench/hrn_torch.py), which {@code make bench} times next to ours:
 * the same training matrix, the same algorithm, one thread. It runs as a separate Python process; when that
 * Python cannot be started or cannot import torch, the result says so instead of failing the benchmark.
 */
public final class TorchPeer {
    private TorchPeer() {}

    /** How to get the peer's dependency on Debian (the Python package index is not needed). */
    public static final String INSTALL_HINT = "apt-get install python3-torch";
    /** The script's exit status when torch cannot be imported. */
    static final int TORCH_MISSING = 3;

    /**
     * What one peer run measured, or why it did not run.
     *
     * @param secondsPerEpoch median over the timed epochs (NaN when skipped)
     * @param fastestEpoch    the fastest timed epoch: on a shared machine, the closest to the unloaded speed
     * @param blas            the BLAS library the Python process had loaded, as it reported it
     * @param sgemmGflops     torch.mm's rate on the step's product shapes in that process (its BLAS against ours)
     * @param skipped         null when it ran; else the reason, one line
     */
    public record Result(double secondsPerEpoch, double fastestEpoch, int epochs, String torchVersion, String blas, double sgemmGflops,
                         String skipped) {
        public boolean ran() { return skipped == null; }

        static Result skipped(String why) { return new Result(Double.NaN, Double.NaN, 0, null, null, Double.NaN, why); }

        /** The benchmark's one line for a peer that did not run: why, and how to install torch. */
        public String skipLine() {
            return "PyTorch peer: skipped: " + skipped + ". Install it with `" + INSTALL_HINT
                    + "` (Debian) and pass that Python with --python (make bench PYTHON=...).";
        }
    }

    /**
     * bench/hrn_torch.py as built into the program (hrn_bench's {@code //FILES} line), copied to a temporary file for
     * Python to run: the benchmark then runs from any folder.
     */
    public static Path builtInScript() throws IOException {
        try (java.io.InputStream in = TorchPeer.class.getClassLoader().getResourceAsStream("bench/hrn_torch.py")) {
            if (in == null) throw new IllegalStateException("bench/hrn_torch.py is not built into this program (hrn_bench's //FILES line)");
            Path p = Files.createTempFile("hrn_torch", ".py");
            p.toFile().deleteOnExit();
            Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return p;
        }
    }

    /**
     * Runs the peer once on the rows of {@code x} (float [N, D], already normalized).
     *
     * @param python  the command that starts Python, e.g. {@code [/usr/bin/python3]}
     * @param script  bench/hrn_torch.py
     * @param hidden  the hidden width; lambda and n the H-regularizer's
     * @param epochs  epochs run; the script counts all but the first 2
     */
    public static Result run(List<String> python, Path script, INDArray x, int hidden, double lambda, double n,
                             int epochs, long seed) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script))
            throw new IllegalArgumentException("PyTorch peer script " + script + " not found (expected bench/hrn_torch.py of this repository)");
        Path input = Files.createTempFile("hrn-bench-x", ".f32");
        try {
            writeFloat32(x, input);
            List<String> cmd = new ArrayList<>(python);
            cmd.addAll(List.of(script.toString(), "--input", input.toString(), "--rows", Long.toString(x.rows()),
                    "--dim", Long.toString(x.columns()), "--hidden", Integer.toString(hidden), "--lam", Double.toString(lambda),
                    "--n", Double.toString(n), "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) pb.environment().put(v, "1");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Result.skipped("'" + String.join(" ", python) + "' cannot be started (" + e.getMessage() + ")");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            Map<String, String> v = keyValues(out);
            if (status == TORCH_MISSING && v.containsKey("skipped")) return Result.skipped(v.get("skipped"));
            if (status != 0 || !v.containsKey("seconds_per_epoch"))
                throw new IllegalStateException("the PyTorch peer (" + String.join(" ", cmd) + ") failed with exit status " + status + ":\n" + out);
            return new Result(Double.parseDouble(v.get("seconds_per_epoch")), Double.parseDouble(v.get("fastest_seconds_per_epoch")),
                    Integer.parseInt(v.get("epochs")),
                    v.get("torch"), v.getOrDefault("blas", "unknown"), Double.parseDouble(v.getOrDefault("sgemm_gflops", "NaN")), null);
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** The script's output format: one {@code key=value} per line. */
    static Map<String, String> keyValues(String out) {
        Map<String, String> v = new HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) v.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return v;
    }

    /** x as raw little-endian float32, row-major: what the script reads with numpy.fromfile. */
    static void writeFloat32(INDArray x, Path file) throws IOException {
        float[] values = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Files.write(file, bytes.array());
    }
}
