package oneclass.scripts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The JBang scripts compile lib/'s sources with their own pinned //DEPS; the JUnit tests use lib/pom.xml.
 * Both must name the same versions, or the scripts would run on other code than the tests checked.
 */
class ScriptDepsTest {
    static final Path SCRIPTS = Path.of("..", "scripts");

    static Map<String, String> pomVersions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Map<String, String> props = new HashMap<>();
        Matcher p = Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</").matcher(pom);
        while (p.find()) props.put(p.group(1), p.group(2));
        Map<String, String> v = new HashMap<>();
        Matcher d = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>"
                + "(?:\\s*<classifier>([^<]+)</classifier>)?").matcher(pom);
        while (d.find()) {
            String version = d.group(3);
            if (version.startsWith("${")) version = props.get(version.substring(2, version.length() - 1));
            v.put(d.group(1) + ":" + d.group(2) + (d.group(4) != null ? ":" + d.group(4) : ""), version);
        }
        return v;
    }

    @Test
    void everyScriptPinsThePomsVersions() throws IOException {
        Map<String, String> pom = pomVersions();
        List<Path> scripts;
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            scripts = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no scripts found in " + SCRIPTS.toAbsolutePath());
        for (Path script : scripts) {
            List<String> deps = Files.readAllLines(script).stream().filter(l -> l.startsWith("//DEPS ")).map(l -> l.substring(7).trim()).toList();
            assertFalse(deps.isEmpty(), script + " declares no //DEPS");
            for (String dep : deps) {
                String[] gav = dep.split(":"); // group:artifact:version[:classifier]
                String ga = gav[0] + ":" + gav[1] + (gav.length > 3 ? ":" + gav[3] : "");
                assertTrue(pom.containsKey(ga), script + ": //DEPS " + dep + " is not a dependency of lib/pom.xml");
                assertEquals(pom.get(ga), gav[2], script + ": //DEPS " + dep + " differs from lib/pom.xml");
            }
            assertTrue(Files.readString(script).contains("//SOURCES ../lib/src/main/java/oneclass/**.java"),
                    script + " must compile the library's sources");
        }
    }

    /** Every script compiles all of lib/'s sources, so each needs every dependency they use: one //DEPS block for all. */
    @Test
    void everyScriptDeclaresTheSameDeps() throws IOException {
        Map<List<String>, List<String>> byDeps = new java.util.LinkedHashMap<>();
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            for (Path script : s.filter(f -> f.toString().endsWith(".java")).sorted().toList())
                byDeps.computeIfAbsent(Files.readAllLines(script).stream().filter(l -> l.startsWith("//DEPS ")).sorted().toList(),
                        k -> new java.util.ArrayList<>()).add(script.getFileName().toString());
        }
        assertEquals(1, byDeps.size(), "scripts with different //DEPS blocks: " + byDeps);
    }
}
