package oneclass.reproduction;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the notebooks in {@code notebooks/} call, so that they hold no logic of their own: a section's
 * results read back (or, when there are none, made by a small live run of its script), as Markdown and
 * as images. A notebook runs with {@code notebooks/} as its working directory.
 */
public final class Notebook {
    private Notebook() {}

    /** The repository root, seen from {@code notebooks/}. */
    static final Path REPO = Path.of("..");

    /** Where results are read: {@code $ONECLASS_RESULTS} if set, else the repository's {@code results/}. */
    public static Path resultsRoot() {
        String env = System.getenv("ONECLASS_RESULTS");
        return env != null && !env.isBlank() ? Path.of(env) : REPO.resolve("results");
    }

    /**
     * The section's stored results, judged against the paper; when none exist, first a small live experiment
     * ({@link Section#live()}) into {@code results/notebook-live/<section>/<protocol>/}, whose numbers are then what is shown.
     */
    public static ReproductionReport.Evaluated evaluate(String sectionId) {
        Section s = Sections.get(sectionId);
        Path expected = REPO.resolve("expected-results");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(s, resultsRoot(), expected);
        if (e.main() != null) return e;
        Path live = REPO.resolve("results").resolve("notebook-live");
        Path out = live.resolve(s.id()).resolve(s.live().protocol()).toAbsolutePath().normalize();
        List<List<String>> commands = s.live().resolved(out);
        System.out.println("No results for " + s.id() + " in " + resultsRoot() + ": running a small live experiment instead ("
                + commands.stream().map(c -> "`scripts/jbang " + s.id() + " " + String.join(" ", c) + "`").collect(java.util.stream.Collectors.joining(", then "))
                + "). Its numbers are far from the full experiment's.");
        for (List<String> c : commands) runLive(s.id(), c, out);
        return ReproductionReport.evaluate(s, live, expected);
    }

    /** Runs the section's script with these options and {@code --out}, printing its output; the data directory comes from $ONECLASS_DATA. */
    static void runLive(String script, List<String> options, Path out) {
        Path repo = REPO.toAbsolutePath().normalize(); // the script runs in the repository root, as `make` runs it
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("scripts").resolve("jbang").toString(), script));
        cmd.addAll(options);
        cmd.addAll(List.of("--out", out.toString()));
        try {
            Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) if (!line.startsWith("[jbang]")) System.out.println(line);
            }
            int status = p.waitFor();
            if (status != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed with exit status " + status);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    /** The section as the report shows it (tables, verdicts, what was not run and why), without its charts. */
    public static String markdown(ReproductionReport.Evaluated e) {
        StringBuilder md = new StringBuilder();
        ReproductionReport.section(md, e, resultsRoot(), null);
        return md.toString();
    }

    /** The section's charts (ours vs the paper, curves) and the pictures its script drew (e.g. ICS's image grids), by name. */
    public static Map<String, BufferedImage> charts(ReproductionReport.Evaluated e) {
        Map<String, BufferedImage> m = new LinkedHashMap<>();
        e.section().charts().apply(e.rows()).forEach((name, png) -> m.put(name, image(png)));
        if (e.main() != null) e.main().pictures().forEach((name, file) -> {
            try {
                m.put(name, image(java.nio.file.Files.readAllBytes(file)));
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read " + file, x);
            }
        });
        return m;
    }

    /** Paper vs authors' code for this section, when both protocols were run. */
    public static String protocolEffects(ReproductionReport.Evaluated e) {
        StringBuilder md = new StringBuilder();
        ReproductionReport.protocolEffects(md, List.of(e));
        return md.toString();
    }

    static BufferedImage image(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
