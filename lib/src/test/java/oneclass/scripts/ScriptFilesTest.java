package oneclass.scripts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A script runs from any folder because the paper's table it compares with is built into it: every
 * {@code new PaperTable("X.csv", ...)} (or {@code ExpectedResults.of(..., "X.csv")}) needs the script's {@code //FILES expected-results/X.csv=../expected-results/X.csv}
 * (paths relative to the script, which JBang resolves from the script's own location), and the file must exist.
 * (`make resume-smoke` runs a script from /tmp by its absolute path.)
 */
class ScriptFilesTest {
    static final Path SCRIPTS = Path.of("..", "scripts");
    /** A script names its table through its PaperTable mixin ({@code new PaperTable("X.csv", …)}), or reads it with ExpectedResults.of. */
    static final Pattern USES = Pattern.compile("(?:ExpectedResults\\.of\\(\\w+, |new PaperTable\\()\"([\\w.]+)\"");

    @Test
    void everyExpectedResultsFileAScriptReadsIsBuiltIntoIt() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            scripts = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        int checked = 0;
        List<String> missing = new ArrayList<>();
        for (Path script : scripts) {
            String text = Files.readString(script);
            List<String> files = Files.readAllLines(script).stream().filter(l -> l.startsWith("//FILES ")).flatMap(l -> Stream.of(l.substring(8).trim().split("\\s+"))).toList();
            Matcher m = USES.matcher(text);
            while (m.find()) {
                String entry = "expected-results/" + m.group(1) + "=../expected-results/" + m.group(1);
                if (!files.contains(entry)) missing.add(script.getFileName() + " lacks //FILES " + entry);
                assertTrue(Files.isRegularFile(SCRIPTS.resolve("../expected-results/" + m.group(1))), entry);
                checked++;
            }
            for (String f : files) assertTrue(Files.isRegularFile(SCRIPTS.resolve(f.substring(f.indexOf('=') + 1))), script + ": //FILES " + f);
        }
        assertEquals(List.of(), missing);
        assertEquals(7, checked, "the seven scripts that compare with a paper's table");
    }
}
