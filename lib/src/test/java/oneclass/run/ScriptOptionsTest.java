package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** The shared options: defaults, one kind of error naming the option, and the command line for the run record. */
class ScriptOptionsTest {
    @TempDir Path tmp;

    @Command(name = "hrn_table1")
    static class Script implements Callable<Integer> {
        @Option(names = "--protocol", defaultValue = "paper") String protocol;
        @Option(names = "--classes", split = ",", defaultValue = "0,1") List<Integer> classes;
        @Mixin ScriptOptions where;
        Consumer<Script> body = s -> {};

        public Integer call() {
            body.accept(this);
            return 0;
        }
    }

    /** Runs the script through {@link Cli#command} as a script's main does; returns stderr, the exit status first. */
    static String run(Script s, String... args) {
        StringWriter err = new StringWriter();
        CommandLine c = Cli.command(s);
        c.setErr(new PrintWriter(err, true));
        return c.execute(args) + " " + err.toString().strip().replace("\n(hrn_table1 --help lists the options and their defaults)", "");
    }

    @Test
    void defaultsFollowTheScriptsName() {
        Script s = new Script();
        s.body = x -> {
            assertEquals(Path.of("results", "hrn_table1", "paper"), x.where.out("paper"));
            assertEquals(Path.of("results", "hrn_table1", "paper-quick"), x.where.out("paper-quick"));
            assertEquals(Runtime.getRuntime().availableProcessors(), x.where.threads());
            assertEquals(oneclass.run.Shard.ALL, x.where.shard());
            assertTrue(x.where.download());
        };
        assertEquals("0 ", run(s));
        Script given = new Script();
        given.body = x -> {
            assertEquals(Path.of("elsewhere"), x.where.out("paper"));
            assertEquals(3, x.where.threads());
            assertEquals(new Shard(2, 4), x.where.shard());
            assertFalse(x.where.download());
        };
        assertEquals("0 ", run(given, "--out", "elsewhere", "--threads", "3", "--shard", "2/4", "--no-download"));
    }

    @Test
    void aScriptMayDefaultToOneThreadAndItsHelpSaysSo() {
        Script s = new Script();
        s.where = ScriptOptions.threadsByDefault(1);
        s.body = x -> assertEquals(1, x.where.threads());
        assertEquals("0 ", run(s));
        String help = new CommandLine(s).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains("Runs trained in parallel (default: 1;"), help);
        assertTrue(help.contains("(default: results/hrn_table1/<protocol> under the current folder"), help);
    }

    /** Every bad value, the mixin's own or the script's, ends the same way: "script: error: --option: problem", status 2. */
    @Test
    void badValuesAreOneKindOfErrorNamingTheOption() {
        Script threads = new Script();
        threads.body = x -> x.where.threads();
        assertEquals("2 hrn_table1: error: --threads: must be >= 1, got 0", run(threads, "--threads", "0"));

        Script shard = new Script();
        shard.body = x -> x.where.shard();
        assertEquals("2 hrn_table1: error: --shard: K must be in 1..2 in K/N, got 3/2", run(shard, "--shard", "3/2"));

        Script classes = new Script();
        classes.body = x -> x.where.classes(x.classes);
        assertEquals("2 hrn_table1: error: --classes: 12 is not a class 0-9", run(classes, "--classes", "3,12"));

        Script protocol = new Script();
        protocol.body = x -> x.where.parse("--protocol", () -> oneclass.hrn.Protocol.parse(x.protocol));
        assertEquals("2 hrn_table1: error: --protocol: unknown protocol 'papers'; valid: paper, official-code",
                run(protocol, "--protocol", "papers"));

        assertEquals("2 hrn_table1: error: Unknown options: '--thread', '2'\nPossible solutions: --threads", run(new Script(), "--thread", "2"));

        Script own = new Script();
        own.body = x -> x.where.require(false, "--rows", "unknown row 'NLL+'");
        assertEquals("2 hrn_table1: error: --rows: unknown row 'NLL+'", run(own));
        assertThrows(CommandLine.ParameterException.class, () -> {
            Script direct = new Script();
            new CommandLine(direct).parseArgs("--threads", "0");
            direct.where.threads();
        });
    }

    /** The run record names the script and the command line as typed, from picocli (no static copy of main's arguments). */
    @Test
    void theRunRecordHasTheCommandLineAsTyped() {
        Script s = new Script();
        Path file = tmp.resolve("run-record.json");
        s.body = x -> x.where.record().put("protocol", x.protocol).write(file);
        assertEquals("0 ", run(s, "--protocol", "official-code", "--classes", "0,3", "--threads", "1"));
        assertEquals("scripts/hrn_table1.java", RunRecord.value(file, "script").orElseThrow());
        assertEquals("--protocol official-code --classes 0,3 --threads 1", RunRecord.value(file, "args").orElseThrow());
        assertEquals("official-code", RunRecord.value(file, "protocol").orElseThrow());
        assertTrue(RunRecord.value(file, "data_dir").isEmpty(), "no data folder before it is resolved");
    }
}
