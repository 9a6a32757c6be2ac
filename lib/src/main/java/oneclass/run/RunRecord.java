package oneclass.run;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provenance written beside every result: resolved options, data checksums, and the platform
 * (Java, OS, CPU, ND4J backend, git commit) — numbers differ across platforms, and a number without its
 * provenance is not a result.
 */
public final class RunRecord {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public RunRecord(String script, String[] args) {
        fields.put("script", script);
        fields.put("args", String.join(" ", args));
        fields.put("started", Instant.now().toString());
        fields.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        fields.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        fields.put("cpu", cpuModel());
        fields.put("cores", Runtime.getRuntime().availableProcessors());
        fields.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        fields.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        fields.put("git_commit", gitCommit());
    }

    public RunRecord put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public void write(Path file) {
        ResultStore.writeAtomically(file, toJson(fields, "").getBytes(StandardCharsets.UTF_8));
    }

    static String toJson(Object v, String indent) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                s.append(indent).append("  ").append(quote(String.valueOf(e.getKey()))).append(": ").append(toJson(e.getValue(), indent + "  "));
                s.append(++i < m.size() ? ",\n" : "\n");
            }
            return s.append(indent).append('}').toString();
        }
        if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') q.append('\\').append(c);
            else if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
            else q.append(c);
        }
        return q.append('"').toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /**
     * The value of {@code key} in a run record this class wrote, at any depth (the first occurrence), unquoted;
     * empty when the key is absent. E.g. {@code value(file, "pretrained_as_paper")} → "true".
     */
    public static java.util.Optional<String> value(Path file, String key) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read run record " + file, e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(quote(key))
                + ": (\"(?:[^\"\\\\]|\\\\.)*\"|[^,\n}]+)").matcher(json);
        if (!m.find()) return java.util.Optional.empty();
        String v = m.group(1).trim();
        if (!v.startsWith("\"")) return java.util.Optional.of(v);
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c != '\\') { s.append(c); continue; }
            char n = v.charAt(++i);
            if (n == 'u') { s.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16)); i += 4; } else s.append(n);
        }
        return java.util.Optional.of(s.toString());
    }

    /** The checked-out commit, marked when the working tree has uncommitted changes; "unknown" outside git. */
    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
                boolean dirty = !new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
                d.waitFor(5, TimeUnit.SECONDS);
                return out + (dirty ? " (with uncommitted changes)" : "");
            }
        } catch (IOException | InterruptedException ignored) {
            // git is optional
        }
        return "unknown";
    }
}
