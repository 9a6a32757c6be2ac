package oneclass.reproduction;

import oneclass.hrn.HrnGrid;
import oneclass.run.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The notebooks are thin and complete: one per registered section, each loading the library jar and calling
 * only {@link Notebook} (no logic of its own), and what they call draws the section from its stored runs.
 */
class NotebookTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    static List<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            return s.filter(p -> p.toString().endsWith(".ipynb") && !p.getFileName().toString().equals("template.ipynb")).sorted().toList();
        }
    }

    /** The code cells' source lines, from the notebook's JSON (a string or a list of strings per cell). */
    static List<String> codeLines(Path nb) throws Exception {
        String json = Files.readString(nb);
        List<String> lines = new java.util.ArrayList<>();
        Matcher cell = Pattern.compile("\"cell_type\": \"code\".*?\"source\": (\\[.*?\\]|\".*?(?<!\\\\)\")", Pattern.DOTALL).matcher(json);
        while (cell.find()) {
            Matcher str = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(cell.group(1));
            StringBuilder src = new StringBuilder();
            while (str.find()) src.append(str.group(1).replace("\\n", "\n").replace("\\\"", "\""));
            for (String l : src.toString().split("\n")) if (!l.isBlank()) lines.add(l.trim());
        }
        return lines;
    }

    @Test
    void everySectionHasANotebookAndEveryNotebookASection() throws Exception {
        Set<String> files = new TreeSet<>();
        for (Path nb : notebooks()) files.add(nb.getFileName().toString().replace(".ipynb", ""));
        Set<String> sections = new TreeSet<>();
        Sections.ALL.forEach(s -> sections.add(s.id()));
        assertEquals(sections, files, "notebooks/<section>.ipynb for each entry of Sections.ALL (notebooks/new.sh makes one)");
    }

    @Test
    void notebooksLoadTheLibraryAndHoldNoLogic() throws Exception {
        for (Path nb : notebooks()) {
            String id = nb.getFileName().toString().replace(".ipynb", "");
            List<String> code = codeLines(nb);
            assertEquals("%jar ../lib/target/oneclass-lib.jar", code.get(0), nb + ": the first code cell loads the library jar");
            assertTrue(code.contains("var e = Notebook.evaluate(\"" + id + "\");"), nb + " reads its own section: " + code);
            for (String line : code.subList(1, code.size()))
                assertTrue(line.startsWith("import oneclass.") || line.startsWith("var e = Notebook.evaluate(")
                        || line.matches("(for \\(var \\w+ : )?(Notebook\\.\\w+\\(e\\)[^;]*\\) )?display\\(.*\\);"), nb + ": a line with logic of its own: " + line);
        }
    }

    @Test
    void whatTheNotebooksCallDrawsTheSectionFromItsRuns(@TempDir Path results) throws Exception {
        ResultStore<HrnGrid.RunResult> store = new ResultStore<>(results.resolve("hrn_noise/paper"), HrnGrid.RunResult.class);
        for (int c = 0; c < 10; c++) for (String m : List.of("noise-0%", "noise-20%"))
            store.put(ReportTest.run("mnist", c, m, "paper", m.equals("noise-0%") ? 97.5 : 90.0, Double.NaN));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hrn_noise"), results, Path.of("..", "expected-results"));
        String md = Notebook.markdown(e);
        assertTrue(md.startsWith("## HRN Table 5"), md);
        assertTrue(md.contains("| noise-0% | 97.50 ± 0.00 | 97.59 | ✓ |"), md);
        assertTrue(md.contains("| noise-20% | 90.00 ± 0.00 | 92.70 | ▼ |"), md);
        assertFalse(md.contains("!["), "a notebook draws the charts itself: " + md);
        var charts = Notebook.charts(e);
        assertEquals(Set.of("mnist"), charts.keySet());
        assertEquals(900, charts.get("mnist").getWidth());
        assertTrue(Notebook.protocolEffects(e).contains("No runs under both"), Notebook.protocolEffects(e));
    }
}
