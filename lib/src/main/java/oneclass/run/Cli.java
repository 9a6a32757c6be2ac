package oneclass.run;

import oneclass.data.DataException;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every script does with its command line: a list option that names a value twice is run once (with a note),
 * a name on it stands for one of a fixed set of values ({@link #byName}), and bad input gets one clear line, not a
 * stack trace.
 */
public final class Cli {
    private Cli() {}

    /**
     * The script's picocli command line: list options deduplicated ({@link #distinctLists}) and the shared options
     * validated ({@link ScriptOptions#validate}) before it runs, errors as
     * {@link #reportError} and bad options as {@link #reportBadOption}.
     */
    public static CommandLine command(Object script) {
        CommandLine cmd = new CommandLine(script).setExecutionExceptionHandler(Cli::reportError)
                .setParameterExceptionHandler(Cli::reportBadOption);
        return cmd.setExecutionStrategy(parsed -> {
            distinctLists(parsed.commandSpec(), cmd.getOut());
            for (CommandLine.Model.CommandSpec mixin : parsed.commandSpec().mixins().values())
                if (mixin.userObject() instanceof ScriptOptions shared) shared.validate(); // before the script does any work
            return new CommandLine.RunLast().execute(parsed);
        });
    }

    /**
     * The value that {@code name} names, ignoring case: one of {@code values}, each named by any of {@code namesOf(value)}.
     * Any other name is an error "unknown {@code kind} 'name'; valid: " that lists each value's first name, then
     * {@code others} (names the caller handles itself, such as the baselines a script also runs).
     */
    public static <E> E byName(String kind, String name, E[] values, Function<E, List<String>> namesOf, List<String> others) {
        for (E v : values) for (String n : namesOf.apply(v)) if (n.equalsIgnoreCase(name)) return v;
        throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; valid: "
                + Stream.concat(Arrays.stream(values).map(v -> namesOf.apply(v).get(0)), others.stream()).collect(Collectors.joining(", ")));
    }

    /**
     * Removes repeated values from every list option, keeping the first of each, and says so: {@code --classes 0,0 --seeds 1,1}
     * would otherwise train the same run (same key, same files) twice, even at the same time on two threads.
     */
    public static void distinctLists(CommandLine.Model.CommandSpec spec, java.io.PrintWriter out) {
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (!(o.getValue() instanceof java.util.List<?> values)) continue;
            java.util.List<Object> distinct = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(values));
            if (distinct.size() == values.size()) continue;
            java.util.List<Object> repeated = new java.util.ArrayList<>(values);
            distinct.forEach(repeated::remove);
            o.setValue(distinct);
            out.println("note: " + o.longestName() + " names " + new java.util.LinkedHashSet<>(repeated).stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + " more than once; each is run once: " + o.longestName() + " "
                    + distinct.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
            out.flush();
        }
    }

    /**
     * A picocli parameter-exception handler: a bad option, whether picocli finds it while parsing or the script while
     * validating ({@code ScriptOptions.require}), prints one line that names it and where the options are described, and
     * exits 2, as {@link #reportError} does; the usage (a hundred lines for some scripts) is not printed after it.
     */
    public static int reportBadOption(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandName() + ": error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
        cmd.getErr().println("(" + cmd.getCommandName() + " --help lists the options and their defaults)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A picocli execution-exception handler: expected errors print their message and exit 2; bugs keep their stack trace. */
    public static int reportError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof DataException
                || e instanceof UncheckedIOException || e instanceof CommandLine.ParameterException) {
            cmd.getErr().println(cmd.getCommandName() + ": error: " + e.getMessage());
            return 2;
        }
        throw e;
    }
}
