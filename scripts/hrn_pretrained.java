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
//FILES expected-results/hrn_table4.csv=../expected-results/hrn_table4.csv
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g

import oneclass.baseline.BaselineOptions;
import oneclass.baseline.OneClassBaseline;
import oneclass.data.Benchmark;
import oneclass.metric.Auc;
import oneclass.data.DataSource;
import oneclass.data.Download;
import oneclass.features.*;
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * HRN Table 4, "Using a Pre-trained Feature Extractor" (HRN, NeurIPS 2020, Sec. 4.4): HRN trained on
 * the features a pretrained network computes for CIFAR-10 images, one normal class at a time; the table
 * prints the average AUC over the ten classes (HRN 96.6 against 71.32 on raw pixels).
 *
 * <p>The paper's extractor cannot be had: "We pre-train a WRN model using ImageNet after manually removing
 * 229 classes that are similar to those classes in CIFAR-10"; neither the weights nor the list of classes
 * is public, and the supplementary material with "more details" is not available to us. So the extractor
 * is pluggable:
 * <ul>
 * <li>{@code --zoo resnet50} (default; also vgg16, vgg19, squeezenet, darknet19, xception, nasnet): the
 *     ImageNet weights of Deeplearning4j's model zoo, downloaded once and checksum-verified
 *     ({@link ZooWeights}). These networks saw all of ImageNet, CIFAR-10's classes included, so their
 *     numbers are labelled "overlapping classes not removed" and are not judged against the paper's.</li>
 * <li>{@code --model FILE}: any Deeplearning4j model file (ComputationGraph or MultiLayerNetwork zip).
 *     If it is pretrained as the paper describes, say so with {@code --pretrained-as-paper}; only then
 *     are the cells judged.</li>
 * </ul>
 * Features are the activations of one layer (default: the input of the output layer, i.e. what the
 * classifier sees), globally average-pooled when convolutional; they are extracted once and cached, keyed by
 * the model file's sha256, the layer, the preprocessing and the image files' checksums ({@link FeatureCache}).
 *
 * <p>What the paper leaves open, decided here: HRN's model on features is Table 2's non-image recipe,
 * [d-100]-[100-1] with the MNIST training settings ({@link Protocol#config}), since the paper gives no
 * architecture for feature input; the features go through HRN's 2-norm instance normalization, as every
 * other input of HRN does (Sec. 3.2), unless {@code --no-instance-norm}.
 */
@Command(name = "hrn_pretrained", mixinStandardHelpOptions = true, sortOptions = false,
        description = "HRN Table 4: HRN on features of a pretrained network, CIFAR-10, per normal class, next to the paper's 96.6.")
class hrn_pretrained implements Callable<Integer> {

    // ---- The extractor ------------------------------------------------------------------------------
    @Option(names = "--zoo", description = "A Deeplearning4j zoo model with ImageNet weights: resnet50, vgg16, vgg19, squeezenet, darknet19, xception, "
            + "nasnet (default: resnet50 unless --model is given). Downloaded once into --model-cache; trained on ALL of ImageNet.")
    String zoo;
    @Option(names = "--model", description = "A Deeplearning4j model file (ModelSerializer zip of a ComputationGraph or MultiLayerNetwork) to use instead of the zoo.")
    Path model;
    @Option(names = "--layer", description = "The layer whose activations are the features (default: the input of the output layer). "
            + "4-d activations are averaged over height and width.")
    String layer;
    @Option(names = "--preprocess", description = "How an image becomes the network's input, e.g. size=224,order=rgb,scale=1,mean=123.68/116.779/103.939,std=1/1/1 "
            + "(default: that at the zoo model's input size, DL4J's VGG16ImagePreProcessor convention; for --model: size=32, values in [0, 1]).")
    String preprocess;
    @Option(names = "--pretrained-as-paper", description = "Declare that --model was pretrained as the paper's (WRN, ImageNet without the 229 CIFAR-like classes): "
            + "only then are the cells judged against Table 4.")
    boolean pretrainedAsPaper;
    @Option(names = "--label", description = "How the report names the extractor (default: says what it is and that overlapping classes were not removed).")
    String label;
    @Option(names = "--write-random-cnn", description = "Write a small CNN with random, untrained weights (seed 1) to this file and exit: "
            + "a model file for the smoke run and a random-features control. Not a pretrained network.")
    Path writeRandomCnn;

    // ---- HRN on the features -----------------------------------------------------------------------
    @Option(names = "--classes", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Normal classes (default: all ten; Table 4 averages over them).")
    List<Integer> classes;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Seeds (default: ${DEFAULT-VALUE}, as Table 1's 5 runs).")
    List<Long> seeds;
    @Option(names = "--protocol", defaultValue = "paper", description = "paper or official-code, Table 2's recipe under either (default: ${DEFAULT-VALUE}).")
    String protocol;
    @Mixin Overrides overrides;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden width of HRN's [d-h]-[h-1] model (default: ${DEFAULT-VALUE}, Table 2's; the paper gives none for features).")
    int hidden;
    @Option(names = "--no-instance-norm", description = "Feed the features as they are (default: HRN's 2-norm instance normalization per vector, Sec. 3.2).")
    boolean noInstanceNorm;
    @Option(names = "--eval-every-epoch", description = "Also record the best test AUC over epochs.") boolean evalEveryEpoch;
    @Option(names = "--baselines", split = ",", defaultValue = "OCSVM,iForest",
            description = "In-harness baselines on the same features, for context (default: ${DEFAULT-VALUE}; 'none' for none).")
    List<String> baselineNames;
    @Mixin BaselineOptions baselineOptions;

    // ---- Where --------------------------------------------------------------------------------------
    @Option(names = "--data-dir", description = "Data folder laid out as in the README (Data) (default: $ONECLASS_DATA, else a download cache).") Path dataDir;
    @Option(names = "--no-download", description = "Never download data or weights; fail if they are not there.") boolean noDownload;
    @Option(names = "--model-cache", description = "Where zoo weights are kept (default: ~/.cache/oneclass-repro/models).") Path modelCache;
    @Option(names = "--feature-cache", description = "Where extracted features are kept (default: ~/.cache/oneclass-repro/features).") Path featureCache;
    @Option(names = "--extract-batch", defaultValue = "32", description = "Images per forward pass of the extractor (default: ${DEFAULT-VALUE}).") int extractBatch;
    @Option(names = "--out", description = "Results folder (default: results/hrn_pretrained/<extractor>, under the current folder). Re-running resumes. summary.*, the charts and run-record.json are rewritten for the runs this command names only; runs of other commands stay in runs/.") Path out;
    @Option(names = "--expected", paramLabel = "CSV", description = "The paper's table (default: expected-results/hrn_table4.csv, built into the script, so it runs from any folder).") Path expectedFile;
    @Option(names = "--threads", description = "Runs trained in parallel (default: the number of cores).") Integer threads;
    @Option(names = "--check", description = "Exit with status 1 when a comparable cell falls outside its tolerance.") boolean check;
    @Mixin Shard.Selector shardOption;

    public static void main(String... args) {
        originalArgs = args;
        System.exit(Cli.command(new hrn_pretrained()).execute(args));
    }

    @Override
    public Integer call() {
        if (writeRandomCnn != null) {
            RandomCnn.write(writeRandomCnn, 1);
            System.out.println("wrote " + writeRandomCnn + ": a small CNN with random weights (seed 1), feature layer '" + RandomCnn.FEATURE_LAYER
                    + "' (" + RandomCnn.FEATURE_DIM + " values), input 32x32; NOT pretrained");
            return 0;
        }
        // ---- 1. Options ---------------------------------------------------------------------------------
        Protocol proto = Protocol.parse(protocol);
        if (zoo != null && model != null) throw new IllegalArgumentException("--zoo and --model exclude each other");
        if (pretrainedAsPaper && model == null) throw new IllegalArgumentException("--pretrained-as-paper needs --model (no zoo model is pretrained as the paper's)");
        ZooWeights weights = model == null ? ZooWeights.imagenet(zoo != null ? zoo : "resnet50") : null;
        Preprocessing prep = preprocess != null ? Preprocessing.parse(preprocess) : weights != null ? weights.preprocessing() : Preprocessing.unitRange(32);
        for (int c : classes) if (c < 0 || c > 9) throw new IllegalArgumentException("--classes: " + c + " is not a class 0-9");
        if (seeds.isEmpty()) throw new IllegalArgumentException("--seeds: at least one seed is needed");
        if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        if (extractBatch < 1) throw new IllegalArgumentException("--extract-batch must be >= 1, got " + extractBatch);
        ExpectedResults expected = ExpectedResults.of(expectedFile, "hrn_table4.csv");
        baselineOptions.epochsFallback(overrides.epochs());   // --epochs shortens the deep baselines too
        List<OneClassBaseline> baselines = baselineNames.stream().filter(b -> !b.equalsIgnoreCase("none"))
                .map(b -> baselineOptions.parse(b).orElseThrow(() -> new IllegalArgumentException("--baselines: unknown baseline '" + b
                        + "'; valid: " + String.join(", ", BaselineOptions.NAMES) + ", none"))).toList();
        configFor(proto, 1); // bad overrides fail here, before any work
        String extractorName = weights != null ? weights.name() : model.getFileName().toString().replaceAll("\\.[^.]*$", "");
        Path outDir = out != null ? out : Path.of("results", "hrn_pretrained", extractorName + "-" + proto.cliName());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
        Shard shard = shardOption.get();
        Path cacheRoot = Path.of(System.getProperty("user.home"), ".cache", "oneclass-repro");
        String what = label != null ? label
                : weights != null ? "ImageNet-pretrained " + weights.name() + " (deeplearning4j-zoo), overlapping classes not removed"
                : pretrainedAsPaper ? "model file " + model.getFileName() + ", declared pretrained as the paper's (WRN, ImageNet without 229 CIFAR-like classes)"
                : "model file " + model.getFileName() + " (pretraining unknown; overlapping classes not known to be removed)";

        // ---- 2. Data ------------------------------------------------------------------------------------
        Path dir = DataSource.resolveDataDir(dataDir);
        DataSource.Split data = DataSource.load(List.of(Benchmark.CIFAR10), dir, !noDownload, System.out).get(Benchmark.CIFAR10);

        // ---- 3. The extractor, and the features (extracted once, then from the cache) ----------------------
        Path modelFile = model != null ? model : noDownload && !Files.isRegularFile(zooFile(weights, cacheRoot))
                ? failNoDownload(weights, cacheRoot) : weights.fetch(modelCache != null ? modelCache : cacheRoot.resolve("models"), Download.DEFAULT_FETCHER);
        FeatureExtractor extractor = FeatureExtractor.load(modelFile, layer, prep);
        System.out.println("extractor: " + what + "\n  " + extractor.describe());
        FeatureCache.Key key = new FeatureCache.Key(extractor.identity(), Benchmark.CIFAR10.cliName(), data.subset(), data.sha256ByFile());
        Path featureDir = featureCache != null ? featureCache : cacheRoot.resolve("features");
        long t0 = System.nanoTime();
        Features.Split features = FeatureCache.getOrCompute(featureDir, key, () -> new Features.Split(
                extract(extractor, data.train(), "train"), extract(extractor, data.test(), "test")), System.out);
        double extractSeconds = (System.nanoTime() - t0) / 1e9;
        int d = features.train().d();
        System.out.printf(Locale.ROOT, "features: d = %d, %d train / %d test vectors (%.1f s)%n", d, features.train().n(), features.test().n(), extractSeconds);

        // ---- 4. HRN on the features, every (class, seed) -------------------------------------------------
        HrnConfig cfg = configFor(proto, d);
        InstanceNorm2 norm = noInstanceNorm ? null : InstanceNorm2.PAPER;
        Threads.singleThreadedNd4j();
        ResultStore<HrnGrid.RunResult> store = new ResultStore<>(outDir, HrnGrid.RunResult.class);
        List<HrnGrid.RunResult> runs = new ArrayList<>(FeatureGrid.run(features, Benchmark.CIFAR10.cliName(), data.subset(), "HRN", proto, cfg,
                norm, classes, seeds, evalEveryEpoch, "features=" + key.id(), nThreads, shard, store, System.out));

        // ---- 5. The in-harness baselines on the same features ----------------------------------------------
        // Same features, same training rows as HRN's paper protocol (the whole class); Table 4 prints no value for them
        // (its baselines are OCGAN, ICS and TQM, not implemented here), so they are context, never judged.
        // A shard's run list goes on after FeatureGrid's (class, seed) runs: the baselines' runs are shared out too.
        double[][] testRows = baselines.isEmpty() ? null : features.test().doubleRows();
        int position = classes.size() * seeds.size();
        for (OneClassBaseline bl : baselines)
            for (int cls : classes)
                for (long seed : seeds) {
                    if (!shard.owns(position++)) continue; // another shard's run
                    String runKey = HrnGrid.RunResult.key(Benchmark.CIFAR10.cliName(), cls, bl.name(), seed);
                    String fp = Integer.toHexString(("features=" + key.id() + "|" + bl.describe()).hashCode());
                    var stored = store.find(runKey, fp);
                    if (stored.isPresent()) { runs.add(stored.get()); continue; }
                    long tb = System.nanoTime();
                    double[][] train = features.train().doubleRows(features.train().indicesOf(cls));
                    double auc = 100 * Auc.of(bl.normality(train, testRows, seed), features.test().labels(), cls);
                    double sec = (System.nanoTime() - tb) / 1e9;
                    HrnGrid.RunResult r = new HrnGrid.RunResult(Benchmark.CIFAR10.cliName(), data.subset(), cls, bl.name(), proto.cliName(), seed, 0,
                            auc, auc, Double.NaN, 0, Double.NaN, Double.NaN, train.length, testRows.length, sec, fp, bl.describe());
                    store.put(r);
                    runs.add(r);
                    System.out.printf(Locale.ROOT, "done %s: AUC %.2f%%, %.1fs%n", runKey, auc, sec);
                }

        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("label", what);
        ex.put("source", weights != null ? "zoo " + weights.name() + " " + weights.url() + " (adler32 " + weights.adler32() + ")" : "file " + model.toAbsolutePath());
        ex.put("model_file", modelFile.toAbsolutePath().toString());
        ex.put("model_sha256", extractor.sha256());
        ex.put("layer", extractor.layer());
        ex.put("preprocessing", prep.describe());
        ex.put("feature_dim", d);
        ex.put("feature_cache", FeatureCache.file(featureDir, key).toAbsolutePath().toString());
        ex.put("feature_seconds", extractSeconds);
        ex.put("pretrained_as_paper", pretrainedAsPaper);
        RunRecord record = new RunRecord("scripts/hrn_pretrained.java", originalArgs).put("protocol", proto.cliName()).put("extractor", ex)
                .put("config", cfg.describe()).put("input", norm != null ? "features, 2-norm instance normalization" : "features as they are")
                .put("classes", classes.toString()).put("seeds", seeds.toString()).put("data_dir", dir.toAbsolutePath().toString())
                .put("data", DataSource.provenance(Map.of(Benchmark.CIFAR10, data)));
        // a shard's record names the extractor too: `make report` judges a cell only when every record declares it pretrained as the paper's
        if (shard.partial()) return shard.finish(record, outDir, System.out);

        // ---- 6. Average over classes, next to the paper's Table 4, report --------------------------------------
        String reason = pretrainedAsPaper ? null : "features of " + what + ", not the paper's extractor";
        List<Comparison.Row> table = Comparison.compare(Cells.aggregate(HrnGrid.aucs(runs)), expected,
                c -> !data.complete() ? "CIFAR-10 subset, not the full data set" + (reason != null ? "; " + reason : "") : reason);
        String title = "HRN Table 4 (pretrained features, CIFAR-10) -- AUC % (protocol: " + proto.cliName() + ")";
        System.out.println();
        System.out.println(Comparison.table(title, table).printAll());
        Map<Verdict, Long> counts = Comparison.counts(table);
        System.out.println("verdicts: " + counts);
        table.stream().filter(r -> r.cls().equals(Cells.AVG) && r.method().equals("HRN")).findFirst().ifPresent(r -> System.out.printf(Locale.ROOT,
                "HRN on %s: %.2f ± %.2f (average AUC over %d classes) vs the paper's %.1f (WRN pretrained on ImageNet without the 229 CIFAR-like classes)%n",
                what, r.ours(), r.oursStd(), classes.size(), r.paper()));
        List<String> warnings = new ArrayList<>();
        warnings.add("Extractor: " + what + ". " + extractor.describe() + ".");
        if (!pretrainedAsPaper) warnings.add("The paper's extractor (a WRN pretrained on ImageNet minus 229 CIFAR-like classes) is not public: "
                + "these cells are not judged against Table 4.");
        warnings.addAll(DataSource.subsetWarnings(Map.of(Benchmark.CIFAR10, data)));
        OutputSet outputs = OutputSet.begin(outDir);
        Report.write(outputs, title, "`" + expected.file() + "` (HRN, NeurIPS 2020, Table 4)", table, HrnGrid.RunResult.class, runs,
                List.of(Benchmark.CIFAR10.cliName()), warnings, "AUC %");
        record.put("expected", expected.file().toString()).put("verdicts", counts.toString()).write(outputs, "run-record.json");
        outputs.commit();
        System.out.println("wrote " + outDir.resolve("summary.md") + ", summary.csv, runs.csv, chart-cifar10.png, run-record.json");
        return check && Comparison.anyFails(table) ? 1 : 0;
    }

    static String[] originalArgs = new String[0];

    /** Table 2's recipe ([d-h]-[h-1], the MNIST training settings) under the protocol, with the user's overrides. */
    HrnConfig configFor(Protocol p, int d) {
        return overrides.apply(p.config(Benchmark.MNIST, Method.HRN).withArchitecture(Architecture.mlp(d, hidden)));
    }

    Path zooFile(ZooWeights w, Path cacheRoot) {
        return (modelCache != null ? modelCache : cacheRoot.resolve("models")).resolve(w.name()).resolve(w.fileName());
    }

    Path failNoDownload(ZooWeights w, Path cacheRoot) {
        throw new IllegalArgumentException("--no-download: the " + w.name() + " weights are not at " + zooFile(w, cacheRoot).toAbsolutePath()
                + "; fetch " + w.url() + " there (adler32 " + w.adler32() + ") or pass --model");
    }

    Features extract(FeatureExtractor e, oneclass.data.Images images, String part) {
        long t0 = System.nanoTime();
        int n = images.size();
        int[] lastPct = {-1};
        Features f = e.extract(images, extractBatch, done -> {
            int pct = (int) (100L * done / n);
            if (pct / 10 != lastPct[0] / 10 || done == n) {
                lastPct[0] = pct;
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "  %s: %d/%d images, %.0f s elapsed, ~%.0f s left%n", part, done, n, s, s / done * (n - done));
            }
        });
        return f;
    }
}
