package oneclass.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real benchmark files are: ONECLASS_TEST_DATA, else the development machines' data folder beside the checkout. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String fromEnv = System.getenv("ONECLASS_TEST_DATA");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("..", "..", "shared", "data");
    }

    /**
     * The data directory, when it holds the folder {@code relative} (e.g. {@code mnist}); the calling test is skipped,
     * with the reason, when it does not.
     */
    public static Path requireDir(String relative) {
        assumeTrue(Files.isDirectory(dir().resolve(relative)), relative + " is absent (looked in " + dir().toAbsolutePath()
                + "; set ONECLASS_TEST_DATA to a folder laid out like shared/data): real-data test skipped");
        return dir();
    }

    /** The file under the data directory; the calling test is skipped, with the reason, when it is absent. */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), relative + " is absent (looked in " + dir().toAbsolutePath()
                + "; set ONECLASS_TEST_DATA to a folder laid out like shared/data)");
        return file;
    }
}
