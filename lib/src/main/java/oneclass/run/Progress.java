package oneclass.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of a long experiment: which runs are in flight and at which epoch, how many are done, elapsed
 * and remaining time. Prints a line when a run finishes and a status line at most every
 * {@code intervalSeconds} otherwise. Remaining time is estimated from the epochs trained so far in this
 * invocation (runs resumed from disk cost nothing and are not counted).
 */
public final class Progress {
    private final PrintStream out;
    private final long start = System.nanoTime(), intervalNanos;
    private final long totalEpochs;
    private final int totalRuns;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private long epochsDone, epochsToDo, lastPrint = System.nanoTime();
    private int runsDone;

    public Progress(int totalRuns, int alreadyDone, long epochsToDo, double intervalSeconds, PrintStream out) {
        this.totalRuns = totalRuns;
        this.runsDone = alreadyDone;
        this.totalEpochs = epochsToDo;
        this.epochsToDo = epochsToDo;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.out = out;
    }

    public synchronized void epoch(String run, int epoch) {
        running.put(run, epoch);
        epochsDone++;
        if (System.nanoTime() - lastPrint > intervalNanos) print(null);
    }

    public synchronized void finished(String run, String summary) {
        running.remove(run);
        runsDone++;
        print(run + ": " + summary);
    }

    private void print(String event) {
        lastPrint = System.nanoTime();
        double elapsed = (lastPrint - start) / 1e9;
        String eta = epochsDone == 0 ? "?" : format(elapsed / epochsDone * Math.max(0, totalEpochs - epochsDone)); // an estimate may fall short
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "[%s elapsed, ~%s left] %d/%d runs", format(elapsed), eta, runsDone, totalRuns));
        if (event != null) s.append(" | done ").append(event);
        else new TreeMap<>(running).forEach((run, ep) -> s.append(" | ").append(run).append(" epoch ").append(ep));
        out.println(s);
        out.flush();
    }

    static String format(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : d.toSeconds() + "s";
    }
}
