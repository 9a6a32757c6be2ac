package oneclass.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        Io.writeAtomically(file, json());
    }

    /** Writes the record into an output set, as {@code name}. */
    public void write(OutputSet set, String name) {
        set.write(name, json());
    }

    /** The record as indented JSON (Jackson); numbers and booleans stay bare, lists become arrays, anything else its text. */
    byte[] json() {
        try {
            return JSON.writer(PRETTY).writeValueAsBytes(plain(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a run record: " + e.getOriginalMessage(), e);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** Two-space indentation and {@code "key": value}, as JSON is usually written by hand. */
    static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    /** Maps, lists, numbers and booleans as they are; anything else (a Path, an enum, a record) as its text. */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof java.util.Collection<?> c) return c.stream().map(RunRecord::plain).toList();
        if (v instanceof Number || v instanceof Boolean) return v;
        return String.valueOf(v);
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
     * The value of {@code key} in a run record, at any depth (the first occurrence), as text; empty when the key is
     * absent. E.g. {@code value(file, "pretrained_as_paper")} → "true".
     *
     * @throws IllegalArgumentException naming the file when it is not whole JSON (e.g. cut short)
     */
    public static java.util.Optional<String> value(Path file, String key) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is damaged: not a whole JSON object (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read run record " + file + ": " + Io.reason(e), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + " is damaged: not a JSON object");
        JsonNode v = root.findValue(key);
        return v == null ? java.util.Optional.empty() : java.util.Optional.of(v.isValueNode() ? v.asText() : v.toString());
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
