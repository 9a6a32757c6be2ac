package oneclass.run;

import oneclass.data.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The options every experiment script shares, as a picocli mixin ({@code @Mixin ScriptOptions where;}): where the
 * data is ({@code --data-dir}, {@code --no-download}), where the results go ({@code --out}), how many runs train at
 * once ({@code --threads}) and which shard of the run list this process trains ({@code --shard}). Each is validated
 * here, once, before the script runs ({@link #validate}, which {@link Cli#command} calls), and a bad value is a
 * {@link ParameterException} that names its option; the script's own options use {@link #parse} and {@link #require}
 * for the same kind of error. The script's name and command line, which the run record needs, come from picocli
 * ({@link #record()}), not from a static copy of {@code main}'s arguments.
 *
 * <p>The default of {@code --threads} is the number of cores; a script whose runs use the cores badly side by side
 * (the ICS conv nets) declares {@code @Mixin ScriptOptions where = ScriptOptions.threadsByDefault(1);}, and its
 * {@code --help} says so.
 */
public final class ScriptOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec script;

    @Mixin Data data;

    @Option(names = "--out", description = "Results folder (default: results/${COMMAND-NAME}/<protocol> under the current folder; "
            + "<protocol>-quick for a --quick run). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command "
            + "names only; runs of other commands stay in runs/.")
    Path out;

    @Option(names = "--threads", description = "Runs trained in parallel (default: ${DEFAULT-VALUE}; the HRN scripts default to the number "
            + "of cores, the ICS scripts to 1, as conv nets use the cores badly side by side).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin Shard.Selector shardOption;

    /** The options with {@code --threads} defaulting to {@code n} instead of the number of cores. */
    public static ScriptOptions threadsByDefault(int n) {
        ScriptOptions o = new ScriptOptions();
        o.threads = n;
        return o;
    }

    /** The script's name as picocli knows it, e.g. {@code hrn_table1}. */
    public String name() { return script.name(); }

    /** The data folder: {@code --data-dir}, else {@code $ONECLASS_DATA}, else the download cache (it must exist when given). */
    public Path dataDir() { return data.dir(); }

    /** Whether missing data may be downloaded (not {@code --no-download}). */
    public boolean download() { return data.download(); }

    /** {@code --out}, else {@code results/<script>/<folders...>} under the current folder, e.g. {@code out(proto.cliName())}. */
    public Path out(String... folders) {
        return out != null ? out : Path.of("results").resolve(Path.of(name(), folders));
    }

    /**
     * Checks {@code --threads} and {@code --shard}; {@link Cli#command} calls it once, after parsing and before the script
     * runs, so a bad value stops the script before any work (a {@link ParameterException} naming the option).
     */
    public void validate() {
        threads();
        shard();
    }

    /** {@code --threads}, at least 1. */
    public int threads() {
        require(threads >= 1, "--threads", "must be >= 1, got " + threads);
        return threads;
    }

    /** {@code --shard K/N}, or the whole experiment. */
    public Shard shard() { return parse("--shard", shardOption::get); }

    /** {@code --classes}: each a class 0-9 of the image data sets. */
    public List<Integer> classes(List<Integer> classes) {
        for (int c : classes) require(c >= 0 && c <= 9, "--classes", c + " is not a class 0-9");
        return classes;
    }

    /**
     * The value of {@code option} as {@code parse} reads it; the {@link IllegalArgumentException} a library parser throws
     * for a bad value (e.g. {@code Protocol.parse}) becomes a {@link ParameterException} that names the option.
     */
    public <T> T parse(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid value" : e.getMessage();
            throw new ParameterException(script.commandLine(), m.startsWith(option) ? m : option + ": " + m, e);
        }
    }

    /** Fails with a {@link ParameterException} "{@code option}: {@code problem}" unless {@code ok}. */
    public void require(boolean ok, String option, String problem) {
        if (!ok) throw new ParameterException(script.commandLine(), option + ": " + problem);
    }

    /** The command line as typed (before {@code @file} expansion), for the run record. */
    public String[] args() {
        CommandLine.ParseResult parsed = script.commandLine().getParseResult();
        return parsed == null ? new String[0] : parsed.originalArgs().toArray(String[]::new);
    }

    /** A run record for this script and command line, with the data folder once it is resolved. */
    public RunRecord record() {
        RunRecord r = new RunRecord("scripts/" + name() + ".java", args());
        if (data.resolved != null) r.put("data_dir", data.resolved.toAbsolutePath().toString());
        return r;
    }

    /** What a partial shard does once its runs are stored ({@link Shard#finish(RunRecord, Path, java.io.PrintStream)}): exit status 0. */
    public int finishShard(Path outDir) {
        return shard().finish(record(), outDir, System.out);
    }

    /**
     * Where the data is, alone ({@code @Mixin ScriptOptions.Data data;}), for a script that stores no results (the
     * benchmarks); {@link ScriptOptions} holds it too.
     */
    public static final class Data {
        @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).")
        Path dataDir;

        @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.")
        boolean noDownload;

        private Path resolved;

        /** {@code --data-dir}, else {@code $ONECLASS_DATA}, else the download cache ({@link DataSource#resolveDataDir}), resolved once. */
        public Path dir() {
            if (resolved == null) resolved = DataSource.resolveDataDir(dataDir);
            return resolved;
        }

        /** Whether missing data may be downloaded (not {@code --no-download}). */
        public boolean download() { return !noDownload; }
    }
}
