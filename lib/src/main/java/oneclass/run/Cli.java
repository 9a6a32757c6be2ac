package oneclass.run;

import oneclass.data.DataException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** What every script does with an error: bad input gets one clear line, not a stack trace. */
public final class Cli {
    private Cli() {}

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
