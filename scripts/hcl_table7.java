///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-onednn
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS info.picocli:picocli:4.7.7
//DEPS us.hebi.matlab.mat:mfl-core:0.5.15
//DEPS com.github.haifengl:smile-core:3.1.1
//DEPS org.boofcv:boofcv-feature:1.2.2
//DEPS org.ejml:ejml-core:0.44.0
//DEPS org.slf4j:slf4j-api:2.0.12
//DEPS org.slf4j:slf4j-nop:2.0.12
//DEPS org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1
//DEPS org.deeplearning4j:deeplearning4j-zoo:1.0.0-M2.1
//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.20.1
//SOURCES ../lib/src/main/java/oneclass/**.java
//FILES expected-results/hrn_table7.csv=../expected-results/hrn_table7.csv
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g


import oneclass.data.*;
import oneclass.hcl.*;
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * HRN Table 7, continual learning with one class per task (HRN, NeurIPS 2020, Sec. 4.5): HCL learns the
 * classes one after another, one independent one-class head per class (an HRN model trained on that class
 * alone, nothing learned before is touched), and predicts by Eq. (7), the argmax over the heads' outputs.
 * Reported: the accuracy after the last task (Table 7) and after every task (the continual-learning curve),
 * the parameters per head and the training time per task.
 *
 * <p>Data: MNIST (10 classes) and EMNIST-47 (balanced, 47 classes) as raw pixels; DBPedia-14 as feature
 * vectors of a frozen pre-trained extractor (the paper uses BERT), computed by any tool and read from a
 * feature file ({@code FeatureFile}). Where the paper is silent (task order, head width, epochs, seeds) the
 * choices are those of HRN's own experiments; see the options and the README. The experiment, head by head, is
 * {@code hcl.HclGrid}; the curve after each task, {@code hcl.HclCurves}.
 */
@Command(name = "hcl_table7", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduces HRN Table 7 (HCL: continual learning with one one-class head per class) and compares it with the paper.")
class hcl_table7 implements Callable<Integer> {

    @Option(names = "--datasets", split = ",", defaultValue = "mnist,emnist,dbpedia-pfe",
            description = "mnist, emnist (EMNIST-47), dbpedia-pfe (Table 7's 'DBPedia (14 tasks)' row, with a pre-trained feature extractor),"
                    + " dbpedia (the 'DBPedia (14 classes)' row, without one) (default: ${DEFAULT-VALUE}).")
    List<String> datasets;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5",
            description = "Seeds, one task sequence each (default: ${DEFAULT-VALUE}; the paper does not say how many runs Table 7 averages).")
    List<Long> seeds;
    @Option(names = "--task-order", defaultValue = "natural",
            description = "natural (classes 0, 1, 2, ...), shuffled (a random order per seed) or an explicit list such as 3,1,2"
                    + " (default: ${DEFAULT-VALUE}; the paper does not give its order; the final accuracy does not depend on it).")
    String taskOrder;
    @Option(names = "--hidden", defaultValue = "100",
            description = "Hidden units of each head, a 2-layer MLP [d-hidden]-[hidden-1] (default: ${DEFAULT-VALUE}, HRN's MNIST model, Sec. 4.2).")
    int hidden;
    @Mixin Overrides overrides;
    @Option(names = "--train-per-class", defaultValue = "0",
            description = "Train each head on at most this many examples of its class, the first in file order (default: 0 = all;"
                    + " anything else is marked not comparable). For very large feature files.")
    int trainPerClass;
    @Option(names = "--features", split = ",",
            description = "Where the feature files of a feature data set are, NAME=DIR, e.g. dbpedia-pfe=/data/dbpedia-bert"
                    + " (default: <data-dir>/features/NAME). DIR holds train and test in one of FeatureFile's formats.")
    Map<String, Path> features = new LinkedHashMap<>();
    // ---- Where: --data-dir, --no-download, --out, --threads (heads in parallel), --shard; the paper's table: --expected, --check
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table7.csv", "HRN, NeurIPS 2020, Table 7").values("accuracy %");

    static final String FINAL = "final", METHOD = "HCL";

    public static void main(String... args) {
        System.exit(Cli.command(new hcl_table7()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options ---------------------------------------------------------------------------------
        List<DataSet> sets = where.parse("--datasets", () -> datasets.stream().map(HclData::parse).distinct().toList());
        Map<DataSet, Path> featureDirs = new HashMap<>();
        features.forEach((n, dir) -> featureDirs.put(where.parse("--features", () -> DataSet.parse(n, FeatureSet.class)), dir));
        where.require(hidden >= 1, "--hidden", "must be >= 1, got " + hidden);
        where.require(trainPerClass >= 0, "--train-per-class", "must be >= 0, got " + trainPerClass);
        where.require(!seeds.isEmpty(), "--seeds", "at least one seed");
        for (DataSet d : sets) order(d.cliName(), d.numClasses(), 1); // a bad --task-order fails before any work
        Path outDir = where.out();
        Shard shard = where.shard();
        int threads = where.threads();
        ExpectedResults expected = paper.expected();
        // A head is HRN as the paper describes it (Protocol.PAPER: no biases, ReLU, NLL + H-regularizer λ = 0.1,
        // n = 12, SGD lr 0.1 momentum 0.9, batch 100, 100 epochs) on a [d-hidden]-[hidden-1] MLP.
        Function<HclData, HrnConfig> config = d -> overrides.apply(Protocol.PAPER.config(Benchmark.MNIST, Method.HRN)
                .withArchitecture(Architecture.mlp(d.dim(), hidden)));
        Threads.singleThreadedNd4j();

        // ---- 2. Data: pixels or feature vectors, each row 2-norm instance-normalized ------------------------
        List<HclData> data = new ArrayList<>();
        for (DataSet set : sets) {
            HclData d = HclData.load(set, where.dataDir(), featureDirs.get(set), where.download(), trainPerClass);
            data.add(d);
            config.apply(d); // bad overrides fail before any work
            System.out.printf("%s: %d classes, %d features, %d training examples, %d test examples (%s)%s%n", d.name(), d.numClasses(), d.dim(),
                    Arrays.stream(d.trainCounts()).sum(), d.testLabels().length, d.subset(),
                    d.complete() ? "" : " -- NOT the full data set: its results are labelled 'not comparable' with the paper");
        }

        // ---- 3. Learn every task sequence, head by head -------------------------------------------------
        // a shard (--shard K/N) trains its heads only; the same command without --shard then computes every sequence
        List<HclGrid.Sequence> runs = HclGrid.run(data, seeds, d -> seed -> order(d.name(), d.numClasses(), seed), config, threads, shard,
                new ResultStore<>(outDir, HclGrid.HeadResult.class), System.out);
        if (shard.partial()) return where.finishShard(outDir);

        // ---- 4. Accuracy after the last task against Table 7; the curve; what the heads cost --------------
        Map<String, HclData> byName = new LinkedHashMap<>();
        data.forEach(d -> byName.put(d.name(), d));
        List<Cells.Measurement> ms = runs.stream().map(r -> new Cells.Measurement(r.dataset(), FINAL, METHOD, r.seed(), 100 * r.finalAccuracy())).toList();
        List<Cells.Cell> cells = Cells.aggregate(ms).stream().filter(c -> c.cls().equals(FINAL)).toList();
        List<Comparison.Row> table = Comparison.compare(cells, expected, c -> byName.get(c.dataset()).complete() ? null
                : "not the full data set: " + byName.get(c.dataset()).subset());
        List<String> warnings = data.stream().filter(d -> !d.complete())
                .map(d -> d.name() + " ran on " + d.subset() + ": its numbers are not comparable with the paper's.").toList();
        List<HclGrid.HeadResult> heads = runs.stream().flatMap(r -> r.heads().stream()).toList();
        List<String> names = sets.stream().map(DataSet::cliName).toList();
        List<RecordCsv.Line> earlier = HclCurves.earlier(outDir); // read while the previous set's manifest can still vouch for them
        Map<String, Object> configs = new LinkedHashMap<>();
        for (HclData d : data) configs.put(d.name(), config.apply(d).describe() + " input-norm=2-norm task-order=" + taskOrder);
        return paper.report(outDir, "HRN Table 7 (HCL, one class per task) -- accuracy % after the last task", table, HclGrid.HeadResult.class,
                heads, names, warnings, where.record().put("configs", configs).put("seeds", seeds.toString()).put("data", HclData.provenance(data)),
                outputs -> HclCurves.write(outputs, runs, table, names, earlier));
    }

    /** The task sequence of a data set for a seed, as --task-order says. */
    TaskSequence order(String dataset, int numClasses, long seed) {
        return where.parse("--task-order", () -> {
            try {
                return TaskSequence.parse(taskOrder, numClasses, seed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--task-order for " + dataset + ": " + e.getMessage(), e);
            }
        });
    }
}
