package oneclass.hcl;

import com.fasterxml.jackson.annotation.JsonAlias;
import oneclass.data.FeatureFile;
import oneclass.hrn.HrnConfig;
import oneclass.hrn.HrnTrainer;
import oneclass.run.Io;
import oneclass.run.ResultStore;
import oneclass.run.Runner;
import oneclass.run.RunRow;
import oneclass.run.Shard;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The experiment behind HRN Table 7: for every (data set, seed), the task sequence learned head by head by
 * {@link HclHeads}, then the accuracy after each task by Eq. (7).
 *
 * <p>The unit of work is one head: (data set, seed, class). Its test-set logits are saved as
 * {@code <out>/scores/<key>.npy} (float32 [M], readable with numpy) and its cost as a row of the
 * {@link ResultStore}, in that order, so an interrupted experiment resumes head by head. That the heads of
 * one sequence can be trained in any order, or side by side, is HCL's own property (a head depends on its
 * class's data and its seed only), not a shortcut: {@link HclHeads#learn} does the same training, and the
 * accuracies are computed from the stored logits by the same Eq. (7) ({@link HclHeads#accuracyAfterEachTask}).
 */
public final class HclGrid {
    private HclGrid() {}

    /**
     * One head's record: where it sits in the sequence, how much data it saw, what it costs.
     *
     * @param subset     which part of the data set the head saw ({@code full}, or what it is instead); files written
     *                   before it was renamed call it {@code variant}, and still read
     * @param parameters weights of the head (the model grows by this much per class)
     * @param seconds    wall time of its training
     * @param finalLoss  last epoch's mean training loss; +∞ when training diverged (its scores are NaN)
     */
    public record HeadResult(String dataset, @JsonAlias("variant") String subset, long seed, int cls, int nTrain, long parameters,
                             int epochs, double seconds, double finalLoss, String fingerprint, String config) implements RunRow {
        public String key() { return key(dataset, seed, cls); }

        public static String key(String dataset, long seed, int cls) { return dataset + "_s" + seed + "_c" + cls; }

        @Override
        public String summary() {
            return Double.isInfinite(finalLoss) ? "DIVERGED (non-finite loss): its scores are NaN"
                    : String.format(Locale.ROOT, "%d examples, %.1fs (%.3fs/epoch)", nTrain, seconds, seconds / epochs);
        }
    }

    /** One task sequence's outcome: the accuracy after each task (fractions), and its heads. */
    public record Sequence(String dataset, long seed, TaskSequence order, double[] accuracy, List<HeadResult> heads) {
        /** The accuracy after the last task: HRN Table 7's number. */
        public double finalAccuracy() { return accuracy[accuracy.length - 1]; }
    }

    /** The header of {@code curves.csv}, the accuracy after each task per (data set, seed), in %: what the report reads. */
    public static final String CURVES_HEADER = "dataset,seed,task,class,accuracy";

    /** Everything that changes a head's logits, for its fingerprint: the data (subset, file checksums, the class's training size), the recipe, the head's seed. */
    record HeadCell(String dataset, String subset, List<String> sha256, int nTrain, HrnConfig config, long headSeed) {}

    /** Every head in this process: {@link #run(List, List, Function, Function, int, Shard, ResultStore, PrintStream)} with {@link Shard#ALL}. */
    public static List<Sequence> run(List<HclData> datasets, List<Long> seeds, Function<HclData, Function<Long, TaskSequence>> order,
                                     Function<HclData, HrnConfig> config, int threads, ResultStore<HeadResult> store, PrintStream out) {
        return run(datasets, seeds, order, config, threads, Shard.ALL, store, out);
    }

    /**
     * Trains every head of {@code shard} that {@code store} does not hold yet, on the {@link Runner}, and returns every
     * sequence; a partial shard returns none (the other shards' heads may still be training): the whole command, run once
     * every shard is done, trains nothing and computes them all. The unit of a shard is one head, at its position in the
     * list of (data set, seed, task).
     *
     * @param order  the task sequence of a data set for a seed
     * @param config the heads' recipe for a data set
     */
    public static List<Sequence> run(List<HclData> datasets, List<Long> seeds, Function<HclData, Function<Long, TaskSequence>> order,
                                     Function<HclData, HrnConfig> config, int threads, Shard shard, ResultStore<HeadResult> store, PrintStream out) {
        Path scoresDir = store.dir().resolve("scores");
        Map<String, INDArray> testSets = new ConcurrentHashMap<>();
        Map<String, INDArray> trainSets = new ConcurrentHashMap<>();
        List<Runner.Cell<HeadResult>> cells = new ArrayList<>();
        for (HclData d : datasets) {
            HrnConfig cfg = config.apply(d);
            for (long seed : seeds) {
                TaskSequence seq = order.apply(d).apply(seed);
                for (int t = 0; t < seq.tasks(); t++) {
                    int cls = seq.classAt(t);
                    String key = HeadResult.key(d.name(), seed, cls);
                    Path npy = scoresDir.resolve(key + ".npy");
                    // a head is whole with both files: a stored row whose scores are gone or damaged is trained again
                    if (shard.owns(cells.size()) && !wholeScores(npy, out)) store.remove(key, "its head's scores are missing or damaged");
                    HeadCell fingerprinted = new HeadCell(d.name(), d.subset(), List.copyOf(new TreeSet<>(d.sha256ByFile().values())),
                            d.trainCounts()[cls], cfg, HclHeads.headSeed(seed, cls));
                    cells.add(new Runner.Cell<>(key, fingerprinted, cfg.epochs(), run -> {
                        INDArray test = testSets.computeIfAbsent(d.name(), k -> d.test().get());
                        INDArray train = trainSets.computeIfAbsent(d.name() + "_c" + cls, k -> d.train().apply(cls));
                        double[] scores;
                        double seconds, loss;
                        long params;
                        long t0 = System.nanoTime();
                        try {
                            HclHeads.Head h = new HclHeads(cfg).learn(cls, train, seed, (epoch, l) -> run.epoch(epoch));
                            scores = h.model().score(test);
                            seconds = h.seconds();
                            loss = h.finalLoss();
                            params = h.parameterCount();
                        } catch (HrnTrainer.Diverged e) {
                            scores = new double[(int) test.rows()];
                            Arrays.fill(scores, Double.NaN);
                            seconds = (System.nanoTime() - t0) / 1e9;
                            loss = Double.POSITIVE_INFINITY;
                            params = -1;
                        }
                        float[] f = new float[scores.length];
                        for (int i = 0; i < f.length; i++) f[i] = (float) scores[i];
                        ResultStore.writeAtomically(npy, FeatureFile.npyFloat32(f, f.length)); // the scores first: the row vouches for them
                        return new HeadResult(d.name(), d.subset(), seed, cls, (int) train.rows(), params, cfg.epochs(), seconds, loss,
                                run.fingerprint(), cfg.describe());
                    }));
                }
            }
        }
        Map<String, HeadResult> stored = new HashMap<>();
        new Runner<>(store, shard, threads, out).run(cells).forEach(h -> stored.put(h.key(), h));
        if (shard.partial()) return List.of();

        List<Sequence> sequences = new ArrayList<>();
        for (HclData d : datasets)
            for (long seed : seeds) {
                TaskSequence seq = order.apply(d).apply(seed);
                double[][] scores = new double[seq.tasks()][];
                List<HeadResult> heads = new ArrayList<>();
                for (int t = 0; t < seq.tasks(); t++) {
                    String key = HeadResult.key(d.name(), seed, seq.classAt(t));
                    heads.add(Objects.requireNonNull(stored.get(key), key));
                    scores[t] = FeatureFile.readNpy(scoresDir.resolve(key + ".npy")).values();
                }
                sequences.add(new Sequence(d.name(), seed, seq,
                        HclHeads.accuracyAfterEachTask(scores, seq.classes(), d.testLabels()), heads));
            }
        return sequences;
    }

    /**
     * Whether a head's stored test scores can be read back whole. A missing file is simply not there; a damaged one
     * (cut short: its .npy header's shape needs more bytes than it has) is named and its head trained again.
     */
    static boolean wholeScores(Path npy, PrintStream log) {
        if (!Files.isRegularFile(npy)) return false;
        try {
            FeatureFile.readNpy(npy);
            return true;
        } catch (RuntimeException e) {
            log.println("warning: " + npy + " is damaged (" + e.getMessage() + "); training that head again");
            return false;
        }
    }
}
