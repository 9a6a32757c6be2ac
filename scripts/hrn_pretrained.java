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
import oneclass.data.DataSource;
import oneclass.data.Features;
import oneclass.features.*;
import oneclass.hrn.*;
import oneclass.report.*;
import oneclass.run.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
 * other input of HRN does (Sec. 3.2), unless {@code --no-instance-norm}. The experiment, HRN and the baselines per
 * (class, seed) on the vectors, is {@code features.FeatureGrid}.
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

    // ---- Where: --data-dir, --no-download (data and weights), --out, --threads, --shard; the paper's table: --expected, --check
    @Mixin ScriptOptions where;
    @Mixin PaperTable paper = new PaperTable("hrn_table4.csv", "HRN, NeurIPS 2020, Table 4");
    @Option(names = "--model-cache", description = "Where zoo weights are kept (default: ~/.cache/oneclass-repro/models).") Path modelCache;
    @Option(names = "--feature-cache", description = "Where extracted features are kept (default: ~/.cache/oneclass-repro/features).") Path featureCache;
    @Option(names = "--extract-batch", defaultValue = "32", description = "Images per forward pass of the extractor (default: ${DEFAULT-VALUE}).") int extractBatch;

    public static void main(String... args) {
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
        Protocol proto = where.parse("--protocol", () -> Protocol.parse(protocol));
        ExtractorSource source = where.parse("--zoo", () -> ExtractorSource.of(zoo, model, pretrainedAsPaper, label));
        Preprocessing prep = preprocess != null ? where.parse("--preprocess", () -> Preprocessing.parse(preprocess)) : source.defaultPreprocessing();
        where.classes(classes);
        where.require(!seeds.isEmpty(), "--seeds", "at least one seed is needed");
        where.require(hidden >= 1, "--hidden", "must be >= 1, got " + hidden);
        where.require(extractBatch >= 1, "--extract-batch", "must be >= 1, got " + extractBatch);
        ExpectedResults expected = paper.expected();
        baselineOptions.epochsFallback(overrides.epochs());   // --epochs shortens the deep baselines too
        List<OneClassBaseline> baselines = baselineNames.stream().filter(b -> !b.equalsIgnoreCase("none")) // 'none': no baselines
                .map(b -> where.parse("--baselines", () -> baselineOptions.method("--baselines", b))).toList();
        configFor(proto, 1); // bad overrides fail here, before any work
        Path outDir = where.out(source.name() + "-" + proto.cliName());
        int threads = where.threads();
        Shard shard = where.shard();
        Path cacheRoot = Path.of(System.getProperty("user.home"), ".cache", "oneclass-repro");
        String what = source.describe();

        // ---- 2. Data ------------------------------------------------------------------------------------
        DataSource.Split data = DataSource.load(List.of(Benchmark.CIFAR10), where.dataDir(), where.download(), System.out).get(Benchmark.CIFAR10);

        // ---- 3. The extractor, and the features (extracted once, then from the cache) ----------------------
        Path modelFile = source.file(modelCache != null ? modelCache : cacheRoot.resolve("models"), where.download());
        FeatureExtractor extractor = FeatureExtractor.load(modelFile, layer, prep);
        System.out.println("extractor: " + what + "\n  " + extractor.describe());
        FeatureCache.Key key = new FeatureCache.Key(extractor.identity(), Benchmark.CIFAR10.cliName(), data.subset(), data.sha256ByFile());
        Path featureDir = featureCache != null ? featureCache : cacheRoot.resolve("features");
        long t0 = System.nanoTime();
        Features.Split features = FeatureCache.getOrCompute(featureDir, key, () -> new Features.Split(
                extractor.extract(data.train(), extractBatch, "train", System.out), extractor.extract(data.test(), extractBatch, "test", System.out)), System.out);
        double extractSeconds = (System.nanoTime() - t0) / 1e9;
        int d = features.train().d();
        System.out.printf(Locale.ROOT, "features: d = %d, %d train / %d test vectors (%.1f s)%n", d, features.train().n(), features.test().n(), extractSeconds);

        // ---- 4. HRN, then the in-harness baselines for context, on the features: every (class, seed) -------------
        HrnConfig cfg = configFor(proto, d);
        InstanceNorm2 norm = noInstanceNorm ? null : InstanceNorm2.PAPER;
        Threads.singleThreadedNd4j();
        List<HrnGrid.RunResult> runs = FeatureGrid.run(new FeatureGrid.Table(features, Benchmark.CIFAR10.cliName(), data.subset(), "features=" + key.id()),
                proto, cfg, norm, baselines, classes, seeds, evalEveryEpoch, threads, shard, new ResultStore<>(outDir, HrnGrid.RunResult.class), System.out);

        RunRecord record = where.record().put("protocol", proto.cliName())
                .put("extractor", source.provenance(extractor, d, FeatureCache.file(featureDir, key), extractSeconds))
                .put("config", cfg.describe()).put("input", norm != null ? "features, 2-norm instance normalization" : "features as they are")
                .put("classes", classes.toString()).put("seeds", seeds.toString())
                .put("data", DataSource.provenance(Map.of(Benchmark.CIFAR10, data)));
        // a shard's record names the extractor too: `make report` judges a cell only when every record declares it pretrained as the paper's
        if (shard.partial()) return shard.finish(record, outDir, System.out);

        // ---- 5. Average over classes, next to the paper's Table 4, report --------------------------------------
        String reason = pretrainedAsPaper ? null : "features of " + what + ", not the paper's extractor";
        List<Comparison.Row> table = Comparison.compare(Cells.aggregate(HrnGrid.aucs(runs)), expected,
                c -> !data.complete() ? "CIFAR-10 subset, not the full data set" + (reason != null ? "; " + reason : "") : reason);
        table.stream().filter(r -> r.cls().equals(Cells.AVG) && r.method().equals(FeatureGrid.METHOD)).findFirst().ifPresent(r -> System.out.printf(Locale.ROOT,
                "HRN on %s: %.2f ± %.2f (average AUC over %d classes) vs the paper's %.1f (WRN pretrained on ImageNet without the 229 CIFAR-like classes)%n",
                what, r.ours(), r.oursStd(), classes.size(), r.paper()));
        List<String> warnings = new ArrayList<>(List.of("Extractor: " + what + ". " + extractor.describe() + "."));
        if (!pretrainedAsPaper) warnings.add("The paper's extractor (a WRN pretrained on ImageNet minus 229 CIFAR-like classes) is not public: "
                + "these cells are not judged against Table 4.");
        warnings.addAll(DataSource.subsetWarnings(Map.of(Benchmark.CIFAR10, data)));
        return paper.report(outDir, "HRN Table 4 (pretrained features, CIFAR-10) -- AUC % (protocol: " + proto.cliName() + ")", table,
                HrnGrid.RunResult.class, runs, List.of(Benchmark.CIFAR10.cliName()), warnings, record);
    }

    /** Table 2's recipe ([d-h]-[h-1], the MNIST training settings) under the protocol, with the user's overrides. */
    HrnConfig configFor(Protocol p, int d) {
        return overrides.apply(p.config(Benchmark.MNIST, Method.HRN).withArchitecture(Architecture.mlp(d, hidden)));
    }
}
