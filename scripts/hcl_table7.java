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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * feature file ({@link FeatureFile}). Where the paper is silent (task order, head width, epochs, seeds) the
 * choices are those of HRN's own experiments; see the options and the README.
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
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--no-download", description = "Never download; fail if the data is not in the data directory.") boolean noDownload;
    @Option(names = "--out", description = "Results folder (default: results/hcl_table7, under the current folder). Re-running resumes, head by head. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/hrn_table7.csv, built into the script, so it runs from any folder).") Path expectedFile;
    @Option(names = "--threads", description = "Heads trained in parallel (default: the number of cores).") Integer threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;
    @Mixin Shard.Selector shardOption;

    static final String FINAL = "final", METHOD = "HCL";
    static final Map<String, Integer> CLASSES = Map.of("mnist", 10, "emnist", Emnist.CLASSES, "dbpedia", 14, "dbpedia-pfe", 14);
    /** DBPedia-14 (Zhang, Zhao, LeCun 2015): 40,000 training and 5,000 test texts per class. */
    static final int DBPEDIA_TRAIN = 560_000, DBPEDIA_TEST = 70_000;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new hcl_table7()).execute(args));
    }

    @Override
    public Integer call() {
        // ---- 1. Options ---------------------------------------------------------------------------------
        List<String> names = datasets.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String n : names)
            if (!CLASSES.containsKey(n)) throw new IllegalArgumentException("--datasets: unknown data set '" + n + "'; valid: mnist, emnist, dbpedia-pfe, dbpedia");
        for (String n : features.keySet())
            if (!n.startsWith("dbpedia")) throw new IllegalArgumentException("--features: '" + n + "' is not a feature data set (dbpedia-pfe, dbpedia)");
        if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        if (trainPerClass < 0) throw new IllegalArgumentException("--train-per-class must be >= 0, got " + trainPerClass);
        if (seeds.isEmpty()) throw new IllegalArgumentException("--seeds: at least one seed");
        for (String n : names) order(n, 1); // a bad --task-order fails before any work
        ExpectedResults expected = ExpectedResults.of(expectedFile, "hrn_table7.csv");
        Path outDir = out != null ? out : Path.of("results", "hcl_table7");
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
        Shard shard = shardOption.get();
        // A head is HRN as the paper describes it (Protocol.PAPER: no biases, ReLU, NLL + H-regularizer λ = 0.1,
        // n = 12, SGD lr 0.1 momentum 0.9, batch 100, 100 epochs) on a [d-hidden]-[hidden-1] MLP.
        Function<HclData, HrnConfig> config = d -> overrides.apply(Protocol.PAPER.config(Benchmark.MNIST, Method.HRN)
                .withArchitecture(Architecture.mlp(d.dim(), hidden)));
        Threads.singleThreadedNd4j();

        // ---- 2. Data ------------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        List<HclData> data = new ArrayList<>();
        for (String n : names) data.add(load(n, dir));
        for (HclData d : data) {
            config.apply(d); // bad overrides fail before any work
            System.out.printf("%s: %d classes, %d features, %d training examples, %d test examples (%s)%s%n", d.name(), d.numClasses(), d.dim(),
                    Arrays.stream(d.trainCounts()).sum(), d.testLabels().length, d.variant(),
                    d.complete() ? "" : " -- NOT the full data set: its results are labelled 'not comparable' with the paper");
        }

        // ---- 3. Learn every task sequence, head by head -------------------------------------------------
        // a shard (--shard K/N) trains its heads only; the same command without --shard then computes every sequence
        List<HclGrid.Sequence> runs = HclGrid.run(data, seeds, d -> seed -> order(d.name(), seed), config, nThreads, shard,
                new ResultStore<>(outDir, HclGrid.HeadResult.class), System.out);
        if (shard.partial()) return shard.finish("scripts/hcl_table7.java", originalArgs, outDir, System.out);

        // ---- 4. Accuracy after the last task against Table 7; the curve; what the heads cost --------------
        Map<String, HclData> byName = new LinkedHashMap<>();
        data.forEach(d -> byName.put(d.name(), d));
        List<Cells.Measurement> ms = runs.stream().map(r -> new Cells.Measurement(r.dataset(), FINAL, METHOD, r.seed(), 100 * r.finalAccuracy())).toList();
        List<Cells.Cell> cells = Cells.aggregate(ms).stream().filter(c -> c.cls().equals(FINAL)).toList();
        List<Comparison.Row> table = Comparison.compare(cells, expected, c -> byName.get(c.dataset()).complete() ? null
                : "not the full data set: " + byName.get(c.dataset()).variant());
        String title = "HRN Table 7 (HCL, one class per task) -- accuracy % after the last task";
        System.out.println();
        System.out.println(Comparison.table(title, table).printAll());
        Map<Verdict, Long> counts = Comparison.counts(table);
        System.out.println("verdicts: " + counts);
        List<String> warnings = data.stream().filter(d -> !d.complete())
                .map(d -> d.name() + " ran on " + d.variant() + ": its numbers are not comparable with the paper's.").toList();
        List<HclGrid.HeadResult> heads = runs.stream().flatMap(r -> r.heads().stream()).toList();
        List<RecordCsv.Line> earlier = earlierCurves(outDir); // read while the previous set's manifest can still vouch for them
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (HRN, NeurIPS 2020, Table 7)", table, HclGrid.HeadResult.class, heads,
                names, warnings, "accuracy %");
        String curves = curves(runs, table, byName, earlier, outputs);
        Path summary = outDir.resolve("summary.md");
        try {
            outputs.write("summary.md", (Files.readString(summary, StandardCharsets.UTF_8) + curves).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + summary + ": " + Io.reason(e), e);
        }
        Map<String, Object> configs = new LinkedHashMap<>(), provenance = new LinkedHashMap<>();
        for (HclData d : data) {
            configs.put(d.name(), config.apply(d).describe() + " input-norm=2-norm task-order=" + taskOrder);
            Map<String, Object> p = new LinkedHashMap<>(d.sha256ByFile());
            p.put("variant", d.variant());
            provenance.put(d.name(), p);
        }
        new RunRecord("scripts/hcl_table7.java", originalArgs).put("configs", configs).put("seeds", seeds.toString())
                .put("data_dir", dir.toAbsolutePath().toString()).put("data", provenance)
                .put("expected", expected.file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + summary + ", summary.csv, runs.csv (one row per head), curves.csv, curve-*.png, scores/, run-record.json");
        return check && Comparison.anyFails(table) ? 1 : 0;
    }

    /** The task sequence of a data set for a seed. */
    TaskSequence order(String dataset, long seed) {
        int k = CLASSES.get(dataset);
        String o = taskOrder.trim().toLowerCase(Locale.ROOT);
        if (o.equals("natural")) return TaskSequence.natural(k);
        if (o.equals("shuffled")) return TaskSequence.shuffled(k, seed);
        List<Integer> explicit = new ArrayList<>();
        for (String s : o.split(","))
            try {
                explicit.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--task-order: '" + taskOrder + "' is not natural, shuffled or a list of classes");
            }
        try {
            TaskSequence t = TaskSequence.of(explicit, k);
            // Table 7 learns every class: a shorter sequence would be a different experiment
            if (t.tasks() != k) throw new IllegalArgumentException("it lists " + t.tasks() + " classes; every class 0.." + (k - 1) + " must appear once");
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--task-order for " + dataset + ": " + e.getMessage());
        }
    }

    /** Loads a data set as HCL's inputs: pixels or feature vectors, each row 2-norm instance-normalized. */
    HclData load(String name, Path dir) {
        boolean download = !noDownload;
        switch (name) {
            case "mnist" -> {
                DataSource.Split s = DataSource.load(Benchmark.MNIST, dir, download);
                return HclData.ofImages(name, 10, s.train(), s.test(), InputNorm.TWO_NORM, trainPerClass, s.complete(), s.subset(), s.sha256ByFile());
            }
            case "emnist" -> {
                Emnist.Split s = Emnist.load(dir, download);
                String variant = s.complete() ? DataSource.FULL
                        : "a set of " + s.train().size() + " / " + s.test().size() + " images, not the published 112,800 / 18,800";
                return HclData.ofImages(name, Emnist.CLASSES, s.train(), s.test(), InputNorm.TWO_NORM, trainPerClass, s.complete(), variant, s.sha256ByFile());
            }
            default -> {
                Path fdir = features.getOrDefault(name, dir.resolve("features").resolve(name));
                FeatureFile.Features train = FeatureFile.readPart(fdir, "train", CLASSES.get(name));
                FeatureFile.Features test = FeatureFile.readPart(fdir, "test", CLASSES.get(name));
                Map<String, String> sha = new LinkedHashMap<>(train.sha256ByFile());
                sha.putAll(test.sha256ByFile());
                boolean complete = train.size() == DBPEDIA_TRAIN && test.size() == DBPEDIA_TEST;
                // "full" as for images, so that the report (which reads only the runs) knows the cells are comparable
                String variant = complete ? DataSource.FULL : "features from " + fdir + " (" + train.size() + " / " + test.size()
                        + " examples, not DBPedia-14's 560,000 / 70,000)";
                return HclData.ofFeatures(name, CLASSES.get(name), train, test, InstanceNorm2.PAPER, trainPerClass, complete, variant, sha);
            }
        }
    }

    /**
     * curves.csv, a curve-<dataset>.png per data set, and the Markdown for the curve and the heads' cost. curves.csv keeps
     * the lines of data sets that earlier commands ran into this folder and this one did not (`make report` reads it).
     */
    /** The lines of the folder's curves.csv (header first) when its output set is whole; none, with a warning, when it is damaged. */
    static List<RecordCsv.Line> earlierCurves(Path outDir) {
        Path old = outDir.resolve("curves.csv");
        if (!Files.isRegularFile(old)) return List.of();
        String damaged;
        try {
            if (OutputSet.verified(outDir).containsKey("curves.csv")) return RecordCsv.cells(old);
            damaged = old + " is not in " + outDir.resolve(OutputSet.MANIFEST);
        } catch (IllegalArgumentException e) {
            damaged = e.getMessage();
        }
        System.err.println("warning: " + damaged + "; the curves of data sets this command does not run are dropped from curves.csv");
        return List.of();
    }

    static String curves(List<HclGrid.Sequence> runs, List<Comparison.Row> table, Map<String, HclData> data, List<RecordCsv.Line> earlier,
                         OutputSet outputs) {
        StringBuilder csv = new StringBuilder(HclGrid.CURVES_HEADER + "\n");
        Set<String> now = new HashSet<>();
        runs.forEach(r -> now.add(r.dataset()));
        for (RecordCsv.Line line : earlier.stream().skip(1).toList())
            if (!now.contains(line.cells().get(0))) csv.append(String.join(",", line.cells())).append('\n');
        StringBuilder md = new StringBuilder("\n## Accuracy after each task (mean ± std over seeds, %)\n\n");
        md.append("After task t the test examples of the t classes seen so far are classified by Eq. (7) over the first t heads.\n\n");
        for (String d : data.keySet()) {
            List<HclGrid.Sequence> mine = runs.stream().filter(r -> r.dataset().equals(d)).toList();
            if (mine.isEmpty()) continue;
            int k = mine.get(0).accuracy().length;
            double[] x = new double[k], mean = new double[k], std = new double[k];
            for (HclGrid.Sequence r : mine)
                for (int t = 0; t < k; t++)
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s%n", d, r.seed(), t + 1, r.order().classAt(t), 100 * r.accuracy()[t]));
            md.append("### ").append(d).append("\n\n| after task | class | accuracy % |\n|---:|---:|---:|\n");
            boolean sameOrder = mine.stream().allMatch(r -> r.order().equals(mine.get(0).order()));
            for (int t = 0; t < k; t++) {
                int task = t;
                double[] a = mine.stream().mapToDouble(r -> 100 * r.accuracy()[task]).toArray();
                x[t] = t + 1;
                mean[t] = Arrays.stream(a).average().orElse(Double.NaN);
                std[t] = Math.sqrt(Arrays.stream(a).map(v -> (v - mean[task]) * (v - mean[task])).average().orElse(Double.NaN));
                md.append(String.format(Locale.ROOT, "| %d | %s | %.2f ± %.2f |%n", t + 1,
                        sameOrder ? String.valueOf(mine.get(0).order().classAt(t)) : "(per seed)", mean[t], std[t]));
            }
            double paper = table.stream().filter(r -> r.dataset().equals(d)).mapToDouble(Comparison.Row::paper).findFirst().orElse(Double.NaN);
            String png = "curve-" + d + ".png";
            outputs.write(png, Charts.curveAndPoint("HCL on " + d + ": accuracy after each task",
                    "tasks learned (one class each)", "accuracy %", "ours (mean ± std over " + mine.size() + (mine.size() == 1 ? " seed)" : " seeds)"), x, mean, std,
                    "paper, Table 7 (after the last task)", k, paper));
            md.append("\n![").append(d).append(" curve](").append(png).append(")\n\n");
            List<HclGrid.HeadResult> heads = mine.stream().flatMap(r -> r.heads().stream()).filter(h -> h.parameters() > 0).toList();
            if (!heads.isEmpty()) {
                double sec = heads.stream().mapToDouble(HclGrid.HeadResult::seconds).average().orElse(Double.NaN);
                md.append(String.format(Locale.ROOT, "Cost: %d parameters per head (%d after all %d tasks); training a head (one task) took %.1f s"
                                + " on average (%.3f s per epoch, %d epochs; min %.1f s, max %.1f s; %d heads).%n%n",
                        heads.get(0).parameters(), heads.get(0).parameters() * k, k, sec, sec / heads.get(0).epochs(), heads.get(0).epochs(),
                        heads.stream().mapToDouble(HclGrid.HeadResult::seconds).min().orElse(Double.NaN),
                        heads.stream().mapToDouble(HclGrid.HeadResult::seconds).max().orElse(Double.NaN), heads.size()));
            }
        }
        outputs.write("curves.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return md.toString();
    }

    static String[] originalArgs = new String[0];
}
