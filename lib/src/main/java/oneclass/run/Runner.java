package oneclass.run;

import java.io.PrintStream;
import java.util.*;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one experiment loop behind every table: a table is a list of {@link Cell}s, each one result row. The runner
 * <ol>
 *   <li>keeps the cells of this process's {@link Shard} (by the position of their group in the list),</li>
 *   <li>skips those the {@link ResultStore} already holds with the same {@link Fingerprint} (resume),</li>
 *   <li>trains the rest on {@code threads} threads ({@link Parallel}), storing each row as soon as it exists and
 *       reporting {@link Progress},</li>
 *   <li>and returns every row of the table that the store holds, other shards' included, in file-name order.</li>
 * </ol>
 * A stored row made with other settings is an error ({@link ResultStore#find}), not a silent retrain.
 */
public final class Runner<R extends Record & RunRow> {
    /**
     * One cell of a table.
     *
     * @param key    the row's {@link RunRow#key()}, unique in the table (it names the run file)
     * @param group  cells of one group are one unit of work: one shard owns them, one thread trains them one after
     *               another in list order, and they can share a value that is costly to make ({@link Run#shared}, e.g.
     *               ICS's split of a class). A cell alone is its own group ({@link #Cell(String, Object, long, Function)}).
     * @param config every setting that changes the cell's numbers, the data's provenance (subset, file checksums)
     *               included: records, enums, strings, numbers, lists and maps, fingerprinted by {@link Fingerprint#of}
     * @param work   the cell's cost for the time estimate, in the units its {@link Run#epoch} counts (epochs; 0: quick)
     * @param train  trains the cell and returns its row, which carries {@link Run#fingerprint()}
     */
    public record Cell<R>(String key, String group, Object config, long work, Function<Run, R> train) {
        public Cell {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(train, "train");
            if (work < 0) throw new IllegalArgumentException(key + ": work must be >= 0, got " + work);
        }

        /** A cell that is its own group. */
        public Cell(String key, Object config, long work, Function<Run, R> train) { this(key, key, config, work, train); }
    }

    /** What a cell's training sees of the runner. */
    public interface Run {
        /** The cell's key. */
        String key();

        /** The cell's {@link Fingerprint}, for its row. */
        String fingerprint();

        /** Reports an epoch (a unit of {@link Cell#work()}) done, for the progress line. */
        void epoch(int epoch);

        /**
         * The value {@code name} shared by the cells of this cell's group: made by the first cell that asks and
         * dropped when the group is done.
         */
        <T> T shared(String name, Supplier<T> make);
    }

    private final ResultStore<R> store;
    private final Shard shard;
    private final int threads;
    private final PrintStream out;

    public Runner(ResultStore<R> store, Shard shard, int threads, PrintStream out) {
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        this.store = Objects.requireNonNull(store, "store");
        this.shard = Objects.requireNonNull(shard, "shard");
        this.threads = threads;
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Trains this shard's cells that the store lacks and returns the table's stored rows.
     *
     * @throws IllegalArgumentException if two cells have one key
     */
    public List<R> run(List<Cell<R>> cells) {
        Map<String, List<Cell<R>>> groups = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (Cell<R> c : cells) {
            if (!keys.add(c.key())) throw new IllegalArgumentException("two cells of the table have the key " + c.key());
            groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
        }
        List<Runnable> todo = new ArrayList<>();
        Progress[] progress = new Progress[1]; // made once the work to do is known, before any task starts
        int position = 0, mine = 0, resumed = 0, toTrain = 0;
        long work = 0;
        for (List<Cell<R>> group : groups.values()) {
            if (!shard.owns(position++)) continue; // another shard's group
            List<Map.Entry<Cell<R>, String>> missing = new ArrayList<>();
            for (Cell<R> c : group) {
                mine++;
                String fingerprint = Fingerprint.of(c.config());
                if (store.find(c.key(), fingerprint).isPresent()) resumed++;
                else {
                    missing.add(Map.entry(c, fingerprint));
                    work += c.work();
                }
            }
            if (missing.isEmpty()) continue;
            toTrain += missing.size();
            todo.add(() -> {
                Map<String, Object> shared = new HashMap<>(); // the group's, on this thread only
                for (var m : missing) {
                    Cell<R> c = m.getKey();
                    R row = c.train().apply(new Run() {
                        @Override public String key() { return c.key(); }
                        @Override public String fingerprint() { return m.getValue(); }
                        @Override public void epoch(int epoch) { progress[0].epoch(c.key(), epoch); }
                        @SuppressWarnings("unchecked")
                        @Override public <T> T shared(String name, Supplier<T> make) {
                            if (!shared.containsKey(name)) shared.put(name, make.get()); // not computeIfAbsent: make may ask for another
                            return (T) shared.get(name);
                        }
                    });
                    if (!row.key().equals(c.key()) || !row.fingerprint().equals(m.getValue()))
                        throw new IllegalStateException("cell " + c.key() + " returned the row of " + row.key() + " with fingerprint "
                                + row.fingerprint() + "; expected its own key and fingerprint " + m.getValue());
                    store.put(row);
                    progress[0].finished(c.key(), row.summary());
                }
            });
        }
        out.printf("%d runs%s (%d already in %s, %d to train on %d threads)%n", mine,
                shard.partial() ? " in shard " + shard + " of " + cells.size() : "", resumed, store.dir(), toTrain, threads);
        progress[0] = new Progress(mine, resumed, work, 10, out);
        Parallel.run(todo, threads);
        return store.all().stream().filter(r -> keys.contains(r.key())).toList();
    }
}
