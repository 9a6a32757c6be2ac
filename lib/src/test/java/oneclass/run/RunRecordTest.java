package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The run record is valid JSON with the platform's provenance: values, nesting and escapes must survive
 * a round trip through Jackson's tree model.
 */
class RunRecordTest {

    /** A run record cut short (a full disk, a kill) is not read as a shorter record: the error names the file. */
    @Test
    void aTruncatedRecordIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run-record.json");
        new RunRecord("scripts/hrn_table1.java", new String[0]).put("label", "x").write(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));
        var e = assertThrows(IllegalArgumentException.class, () -> RunRecord.value(file, "label"));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }

    @Test
    void writesValidJsonWithThePlatform(@TempDir Path dir) throws IOException {
        String tricky = "say \"hi\" \\ tab\tnewline\n end";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mnist/train-images-idx3-ubyte.gz", "ba89");
        data.put("complete", false);
        Path file = dir.resolve("out").resolve("run-record.json");
        new RunRecord("scripts/hrn_table1.java", new String[] {"--protocol", "paper", "--note=\"x\""})
                .put("seed", 42L).put("auc", 0.1 + 0.2).put("note", tricky).put("data", data).write(file);

        String text = Files.readString(file);
        assertTrue(text.startsWith("{") && text.endsWith("}"), text);
        JsonNode j = new ObjectMapper().readTree(text);
        assertEquals("scripts/hrn_table1.java", j.get("script").asText());
        assertEquals("--protocol paper --note=\"x\"", j.get("args").asText());
        assertEquals(System.getProperty("java.vendor") + " " + System.getProperty("java.version"), j.get("java").asText());
        assertTrue(j.get("os").asText().startsWith(System.getProperty("os.name")), j.get("os").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), j.get("cores").asInt());
        for (String k : List.of("started", "cpu", "nd4j_backend", "omp_num_threads", "git_commit"))
            assertFalse(j.get(k).asText().isBlank(), k);
        assertEquals("CpuBackend", j.get("nd4j_backend").asText(), "the CPU backend nd4j-native");
        assertEquals(42, j.get("seed").asLong());
        assertEquals(0.30000000000000004, j.get("auc").asDouble(), 0);
        assertEquals(tricky, j.get("note").asText(), "escapes round-trip");
        // and read back by RunRecord.value, at any depth, unquoted
        assertEquals(tricky, RunRecord.value(file, "note").orElseThrow());
        assertEquals("false", RunRecord.value(file, "complete").orElseThrow());
        assertEquals("ba89", RunRecord.value(file, "mnist/train-images-idx3-ubyte.gz").orElseThrow());
        assertEquals("42", RunRecord.value(file, "seed").orElseThrow());
        assertTrue(RunRecord.value(file, "absent").isEmpty());
        assertEquals("ba89", j.get("data").get("mnist/train-images-idx3-ubyte.gz").asText());
        assertTrue(j.get("data").get("complete").isBoolean());
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temp file left beside the record");
        }
    }
}
