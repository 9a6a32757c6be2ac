package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Durations as the progress lines print them, and the lines themselves. */
class ProgressTest {

    /** Seconds are rounded to whole seconds first: 59.5 s is 60 s, printed as 1m00s. */
    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource({"0, 0s", "0.4, 0s", "1, 1s", "59.4, 59s", "59.5, 1m00s", "61, 1m01s", "600, 10m00s", "3599, 59m59s",
            "3600, 1h00m", "3661, 1h01m", "7199.6, 2h00m", "90061, 25h01m"})
    void formatsDurations(double seconds, String expected) {
        assertEquals(expected, Progress.format(seconds));
    }

    static List<String> lines(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsFinishedRunsAndTheRunsInFlight() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // interval −1 s: a status line after every epoch, so the output does not depend on timing
        Progress p = new Progress(4, 1, 10, -1, new PrintStream(buf, true, StandardCharsets.UTF_8));
        p.finished("mnist_c0", "AUC 99.50%");
        p.epoch("mnist_c2", 1);
        p.epoch("mnist_c1", 3);
        p.finished("mnist_c1", "AUC 99.90%");
        List<String> l = lines(buf);
        assertEquals(4, l.size(), String.join("\n", l));
        assertTrue(l.get(0).matches("\\[\\d+s elapsed, ~\\? left] 2/4 runs \\| done mnist_c0: AUC 99\\.50%"),
                "no epoch trained yet, so no estimate: " + l.get(0));
        assertTrue(l.get(1).matches("\\[\\d+s elapsed, ~\\d+s left] 2/4 runs \\| mnist_c2 epoch 1"), l.get(1));
        assertTrue(l.get(2).endsWith("2/4 runs | mnist_c1 epoch 3 | mnist_c2 epoch 1"), "runs in flight, sorted: " + l.get(2));
        assertTrue(l.get(3).endsWith("3/4 runs | done mnist_c1: AUC 99.90%"), l.get(3));
    }

    @Test
    void statusLinesAreThrottled() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(1, 0, 100, 3600, new PrintStream(buf, true, StandardCharsets.UTF_8));
        for (int e = 1; e <= 50; e++) p.epoch("r", e);
        assertEquals(List.of(), lines(buf), "no status line within the hour");
        p.finished("r", "ok");
        assertEquals(1, lines(buf).size());
    }
}
