package oneclass.run;

import oneclass.data.Benchmark;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** The (data set, class, seed) grid: its defaults, a section's own defaults in --help, and its checks. */
class GridOptionsTest {
    @Command(name = "hrn_sensitivity")
    static class Script implements Callable<Integer> {
        @Mixin GridOptions grid = new GridOptions().withDefaults("mnist", 1L);
        @Mixin ScriptOptions where;
        List<Benchmark> benchmarks;

        public Integer call() {
            grid.check(where);
            benchmarks = grid.benchmarks(where);
            return 0;
        }
    }

    @Test
    void aSectionsOwnDefaultsAreUsedAndShown() {
        Script s = new Script();
        assertEquals(0, Cli.command(s).execute());
        assertEquals(List.of(Benchmark.MNIST), s.benchmarks);
        assertEquals(List.of(1L), s.grid.seeds());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), s.grid.classes());
        String help = new CommandLine(new Script()).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains("Data sets: mnist, fmnist, cifar10 (default: [mnist])"), help);
        assertTrue(help.contains("elsewhere (default: [1])"), help);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), new GridOptions().seeds(), "both papers' Table 1: 5 runs");
    }

    /** A given value replaces the default (it is not added to it); a value named twice runs once. */
    @Test
    void givenValuesReplaceTheDefaults() {
        Script s = new Script();
        assertEquals(0, Cli.command(s).execute("--datasets", "fmnist,cifar10", "--seeds", "3,3,4", "--classes", "7"));
        assertEquals(List.of(Benchmark.FASHION_MNIST, Benchmark.CIFAR10), s.benchmarks);
        assertEquals(List.of(3L, 4L), s.grid.seeds());
        assertEquals(List.of(7), s.grid.classes());
    }

    @Test
    void badDataSetsAndClassesNameTheirOption() {
        for (String[] bad : new String[][] {{"--datasets", "mnist,svhn"}, {"--classes", "10"}}) {
            StringWriter err = new StringWriter();
            CommandLine c = Cli.command(new Script());
            c.setErr(new PrintWriter(err, true));
            assertEquals(2, c.execute(bad));
            assertTrue(err.toString().startsWith("hrn_sensitivity: error: " + bad[0] + ": "), err.toString());
        }
    }
}
