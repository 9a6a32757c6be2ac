package oneclass.run;

import picocli.CommandLine.Option;

/**
 * One of N parts of an experiment's run list, so that N processes (a Slurm array job, or N shells on one
 * machine) share an experiment: shard K of N trains the runs at positions K-1, K-1+N, K-1+2N, … of the
 * list, which every shard builds the same way from the same options. Round-robin by position rather than
 * blocks keeps the shards equally long when the list is ordered by data set (one data set's runs may cost
 * ten times another's). All shards write to one results folder: each run is its own file, written
 * atomically ({@link ResultStore}), so nothing is clobbered, and a later run of the same command without
 * {@code --shard} (or {@code make report}) reads them all back and builds the table.
 *
 * @param index K, from 1
 * @param count N, at least 1
 */
public record Shard(int index, int count) {
    /** The whole experiment, in one process. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1) throw new IllegalArgumentException("--shard: the number of shards must be >= 1, got " + count);
        if (index < 1 || index > count)
            throw new IllegalArgumentException("--shard: K must be in 1.." + count + " in K/N, got " + index + "/" + count);
    }

    /** Parses {@code K/N}, e.g. {@code 3/8}; Slurm's {@code $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT} fits. */
    public static Shard parse(String s) {
        String[] p = s.trim().split("/", -1);
        if (p.length != 2) throw new IllegalArgumentException("--shard: expected K/N (e.g. 2/8), got '" + s + "'");
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard: expected K/N with whole numbers (e.g. 2/8), got '" + s + "'");
        }
    }

    /** Whether the run at {@code position} (0-based) of the run list is this shard's. */
    public boolean owns(int position) {
        if (position < 0) throw new IllegalArgumentException("position must be >= 0, got " + position);
        return position % count == index - 1;
    }

    /** True unless this is the whole experiment: a partial shard writes its runs but no table. */
    public boolean partial() { return count > 1; }

    /** The run record's file name: shards of one experiment share a folder, so each keeps its own record. */
    public String recordFile() {
        return partial() ? "run-record-shard-" + index + "-of-" + count + ".json" : "run-record.json";
    }

    /**
     * What a partial shard does once its runs are stored: records its provenance in {@link #recordFile()},
     * says how to build the table, and returns the exit status 0. The table itself is left to the whole
     * command (or {@code make report}), which sees every shard's runs.
     */
    public int finish(String script, String[] args, java.nio.file.Path outDir, java.io.PrintStream out) {
        return finish(new RunRecord(script, args), outDir, out);
    }

    /** As above, with the script's own run record (e.g. which extractor made the features), to which the shard is added. */
    public int finish(RunRecord record, java.nio.file.Path outDir, java.io.PrintStream out) {
        record.put("shard", toString()).write(outDir.resolve(recordFile()));
        out.println("shard " + this + " done; its runs are in " + outDir.resolve("runs") + ". When every shard is done, the same command "
                + "without --shard builds the table from all of them (nothing is retrained), as does `make report`.");
        return 0;
    }

    @Override
    public String toString() { return index + "/" + count; }

    /**
     * The {@code --shard K/N} option as a picocli mixin ({@code @Mixin Shard.Selector shard;}), shared by every
     * script. Absent: the whole experiment.
     */
    public static final class Selector {
        @Option(names = "--shard", paramLabel = "K/N",
                description = "Train only shard K of N of the run list (e.g. a Slurm array task: "
                        + "--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT). Shards share --out; the same command "
                        + "without --shard, or `make report`, then builds the table from all of them.")
        String shard;

        public Shard get() { return shard == null ? ALL : parse(shard); }
    }
}
