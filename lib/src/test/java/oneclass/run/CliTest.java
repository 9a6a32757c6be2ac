package oneclass.run;

import oneclass.data.DataException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/** Expected errors become one line and exit status 2; anything else (a bug) keeps its stack trace. */
class CliTest {

    @Command(name = "hrn_table1")
    static class Script implements Runnable {
        public void run() {}
    }

    static CommandLine cmd(StringWriter err) {
        CommandLine c = new CommandLine(new Script());
        c.setErr(new PrintWriter(err, true));
        return c;
    }

    @Test
    void expectedErrorsPrintOneLineAndReturnTwo() throws Exception {
        for (Exception e : new Exception[] {new IllegalArgumentException("unknown protocol 'papers'"),
                new IllegalStateException("unknown protocol 'papers'"), new DataException("unknown protocol 'papers'")}) {
            StringWriter err = new StringWriter();
            assertEquals(2, Cli.reportError(e, cmd(err), null), e.getClass().getSimpleName());
            assertEquals("hrn_table1: error: unknown protocol 'papers'", err.toString().strip());
        }
    }

    @Test
    void bugsAreRethrown() {
        StringWriter err = new StringWriter();
        NullPointerException npe = new NullPointerException("a bug");
        assertSame(npe, assertThrows(NullPointerException.class, () -> Cli.reportError(npe, cmd(err), null)));
        assertEquals("", err.toString());
    }

    /** Wired as picocli's handler, a bad value ends the script with status 2 and the message, no stack trace. */
    @Test
    void asExecutionExceptionHandler() {
        @Command(name = "fails")
        class Fails implements Runnable {
            public void run() { throw new IllegalArgumentException("--classes: 12 is not a class 0-9"); }
        }
        StringWriter err = new StringWriter();
        CommandLine c = new CommandLine(new Fails()).setExecutionExceptionHandler(Cli::reportError);
        c.setErr(new PrintWriter(err, true));
        assertEquals(2, c.execute());
        assertEquals("fails: error: --classes: 12 is not a class 0-9", err.toString().strip());
    }

    @Command(name = "grid")
    static class Grid implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Option(names = "--classes", split = ",", defaultValue = "0,1") java.util.List<Integer> classes;
        @picocli.CommandLine.Option(names = "--seeds", split = ",", defaultValue = "1") java.util.List<Long> seeds;
        java.util.List<String> keys = new java.util.ArrayList<>();

        public Integer call() {
            for (int c : classes) for (long s : seeds) keys.add("mnist_c" + c + "_HRN_s" + s);
            return 0;
        }
    }

    /** {@code --classes 0,0 --seeds 1,1} trains the 2 distinct runs once each (not 8 runs on the same files), and says so. */
    @Test
    void repeatedValuesOfAListOptionAreRunOnce() {
        Grid g = new Grid();
        StringWriter out = new StringWriter();
        CommandLine c = Cli.command(g);
        c.setOut(new PrintWriter(out, true));
        assertEquals(0, c.execute("--classes", "0,0,1", "--seeds", "1,1"));
        assertEquals(java.util.List.of("mnist_c0_HRN_s1", "mnist_c1_HRN_s1"), g.keys);
        assertTrue(out.toString().contains("note: --classes names 0 more than once; each is run once: --classes 0,1"), out.toString());
        assertTrue(out.toString().contains("note: --seeds names 1 more than once; each is run once: --seeds 1"), out.toString());
        Grid plain = new Grid();
        StringWriter quiet = new StringWriter();
        CommandLine q = Cli.command(plain);
        q.setOut(new PrintWriter(quiet, true));
        assertEquals(0, q.execute());
        assertEquals("", quiet.toString(), "nothing to say when nothing repeats");
    }

    enum Size { SMALL, EXTRA_LARGE }

    /** A value is found by any of its names, in any case; an unknown name's error lists each value's first name, then the others. */
    @Test
    void byNameFindsAnyOfAValuesNamesAndListsTheFirstOnes() {
        java.util.function.Function<Size, java.util.List<String>> names = v -> java.util.List.of(v.name().toLowerCase().replace('_', '-'), v.name());
        assertEquals(Size.EXTRA_LARGE, Cli.byName("size", "Extra-Large", Size.values(), names, java.util.List.of()));
        assertEquals(Size.EXTRA_LARGE, Cli.byName("size", "extra_large", Size.values(), names, java.util.List.of()));
        assertEquals(Size.SMALL, Cli.byName("size", "SMALL", Size.values(), names, java.util.List.of("XS")));
        var e = assertThrows(IllegalArgumentException.class, () -> Cli.byName("size", "XS", Size.values(), names, java.util.List.of("XS", "XXS")));
        assertEquals("unknown size 'XS'; valid: small, extra-large, XS, XXS", e.getMessage(), "the others are listed but not accepted: the caller handles them");
        var first = assertThrows(IllegalArgumentException.class, () -> Cli.byName("size", "large", Size.values(), v -> java.util.List.of(v.name()), java.util.List.of()));
        assertEquals("unknown size 'large'; valid: SMALL, EXTRA_LARGE", first.getMessage());
    }
}
