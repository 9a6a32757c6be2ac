package oneclass;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The library's floors, read from its source files: the verdict layer ({@code oneclass.report}: expected results,
 * cells, comparison, verdict, charts, the table writer) is the ground floor that every experiment package uses, so it
 * may use no experiment package; the reproduction report ({@code oneclass.reproduction}: the section registry, the
 * report, the notebooks' entry point) is the top floor, which reads every experiment's results, so no package of the
 * library may use it. A dependency is an import or a qualified name in code ({@code oneclass.hrn.HrnGrid.RunResult});
 * comments and string literals do not count.
 */
class LayersTest {
    static final Path MAIN = Path.of("src", "main", "java", "oneclass");
    static final Set<String> EXPERIMENTS = Set.of("hrn", "ics", "hcl", "tabular", "features", "baseline");
    static final String VERDICT = "report", TOP = "reproduction";

    @Test
    void theVerdictLayerUsesNoExperimentAndNotTheTopFloor() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path f : sources(VERDICT))
            for (String p : packagesUsed(Files.readString(f)))
                if (EXPERIMENTS.contains(p) || p.equals(TOP)) broken.add(MAIN.relativize(f) + " uses oneclass." + p);
        assertEquals(List.of(), broken, "the verdict layer (oneclass.report) is the ground floor: move the code that needs an experiment "
                + "into that experiment's package (e.g. its results reader) or up into oneclass.reproduction");
    }

    @Test
    void noPackageUsesTheTopFloor() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String pkg = dir.getFileName().toString();
                if (pkg.equals(TOP)) continue;
                for (Path f : sources(pkg))
                    if (packagesUsed(Files.readString(f)).contains(TOP)) broken.add(MAIN.relativize(f) + " uses oneclass." + TOP);
            }
        }
        assertEquals(List.of(), broken, "oneclass.reproduction is the top floor, used only by scripts/report.java and the notebooks: an experiment "
                + "package provides its own reader (a Results.Reader) and the registry in Sections points at it");
    }

    @Test
    void theRulesAreCheckedWhereTheyApply() throws IOException {
        // the packages the rules name exist, so that a rename cannot make them pass by matching nothing
        for (String p : EXPERIMENTS) assertFalse(sources(p).isEmpty(), "oneclass." + p + " has no source files under " + MAIN);
        assertFalse(sources(VERDICT).isEmpty());
        assertTrue(sources(TOP).stream().anyMatch(f -> f.getFileName().toString().equals("Sections.java")));
        // and the parser sees the top floor read the experiments' results, which the rules are about
        assertTrue(packagesUsed(Files.readString(MAIN.resolve(TOP).resolve("Sections.java"))).containsAll(Set.of("hrn", "ics", "report")));
    }

    /** Hand-made: an import, a wildcard, a static import and a qualified name count; the file's own package, comments and strings do not. */
    @Test
    void usesAreImportsAndQualifiedNamesInCode() {
        String source = """
                package oneclass.report;

                import oneclass.run.RecordCsv;
                import oneclass.hcl.*;
                import static oneclass.metric.Auc.of;

                /** Unlike {@link oneclass.baseline.Ocsvm}, a comment. */
                class X {
                    // oneclass.features.Features in a line comment
                    String s = "oneclass.tabular.TabularRun in a string, with an \\" escaped quote";
                    String t = \"""
                        oneclass.data.Benchmark in a text block
                        \""";
                    char c = '"';
                    oneclass.ics.IcsGrid.RunResult r; /* oneclass.hrn.HrnGrid in a block comment */
                    oneclass.report.Cells.Cell own;
                }
                """;
        assertEquals(Set.of("run", "hcl", "metric", "ics"), packagesUsed(source));
    }

    static List<Path> sources(String pkg) throws IOException {
        Path dir = MAIN.resolve(pkg);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    static final Pattern USE = Pattern.compile("\\boneclass\\.(\\w+)\\b"), PACKAGE = Pattern.compile("^\\s*package\\s+oneclass\\.(\\w+)", Pattern.MULTILINE);

    /** The packages {@code oneclass.<name>} that a Java source uses in its code, other than its own. */
    static Set<String> packagesUsed(String source) {
        String code = codeOnly(source);
        Matcher own = PACKAGE.matcher(code);
        String self = own.find() ? own.group(1) : null;
        String body = own.find(0) ? code.substring(own.end()) : code;
        Set<String> used = new TreeSet<>();
        for (Matcher m = USE.matcher(body); m.find(); ) if (!m.group(1).equals(self)) used.add(m.group(1));
        return used;
    }

    /** The source with its comments and string, text-block and character literals blanked out (the line breaks kept). */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) end = indexOrEnd(s, "\n", i);
            else if (s.startsWith("/*", i)) end = indexOrEnd(s, "*/", i + 2) + 2;
            else if (s.startsWith("\"\"\"", i)) end = indexOrEnd(s, "\"\"\"", i + 3) + 3;
            else if (s.charAt(i) == '"' || s.charAt(i) == '\'') end = literalEnd(s, i);
            else { out.append(s.charAt(i++)); continue; }
            end = Math.min(end, s.length());
            for (int j = i; j < end; j++) out.append(s.charAt(j) == '\n' ? '\n' : ' ');
            i = end;
        }
        return out.toString();
    }

    private static int indexOrEnd(String s, String what, int from) {
        int k = s.indexOf(what, from);
        return k < 0 ? s.length() : k;
    }

    /** The index after the string or character literal that starts at {@code start}, its escapes skipped. */
    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        int j = start + 1;
        while (j < s.length() && s.charAt(j) != quote && s.charAt(j) != '\n') j += s.charAt(j) == '\\' ? 2 : 1;
        return j + 1;
    }
}
