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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * picocli formats every description with String.format: a bare "%" (as in "90% of the class") makes it print WARN
 * lines on --help and on every usage error. A percent sign is written "%%" there.
 */
class ScriptDescriptionsTest {
    static final Pattern DESCRIPTION = Pattern.compile("description\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+)");
    static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void noDescriptionHasABarePercentSign() throws IOException {
        List<String> bad = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "scripts")); Stream<Path> l = Files.walk(Path.of("src", "main", "java"))) {
            files = Stream.concat(s, l).filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : files) {
            Matcher d = DESCRIPTION.matcher(Files.readString(f));
            while (d.find()) {
                StringBuilder text = new StringBuilder();
                Matcher lit = LITERAL.matcher(d.group(1));
                while (lit.find()) text.append(lit.group(1));
                if (text.toString().replace("%%", "").replace("%n", "").contains("%")) bad.add(f + ": " + text);
            }
        }
        assertEquals(List.of(), bad);
    }
}
