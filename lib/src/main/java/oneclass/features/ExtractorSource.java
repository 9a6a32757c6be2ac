package oneclass.features;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where HRN Table 4's feature extractor comes from (the paper's cannot be had: {@link ZooWeights}): the ImageNet
 * weights of a Deeplearning4j zoo model, or any model file, which only its user can declare pretrained as the
 * paper's (a WRN on ImageNet without the 229 CIFAR-like classes); only then are the cells judged.
 *
 * @param zoo               the zoo model, or null for {@code model}
 * @param model             a Deeplearning4j model file, or null for {@code zoo}
 * @param pretrainedAsPaper the user's declaration about {@code model}
 * @param label             how the report names the extractor; null: say what it is and that overlapping classes were not removed
 */
public record ExtractorSource(ZooWeights zoo, Path model, boolean pretrainedAsPaper, String label) {
    public ExtractorSource {
        if ((zoo == null) == (model == null)) throw new IllegalArgumentException("--zoo and --model exclude each other, and one is needed");
        if (pretrainedAsPaper && model == null)
            throw new IllegalArgumentException("--pretrained-as-paper needs --model (no zoo model is pretrained as the paper's)");
    }

    /** From the options: {@code --zoo NAME} (default resnet50 unless {@code --model} is given) or {@code --model FILE}. */
    public static ExtractorSource of(String zoo, Path model, boolean pretrainedAsPaper, String label) {
        if (zoo != null && model != null) throw new IllegalArgumentException("--zoo and --model exclude each other");
        return new ExtractorSource(model == null ? ZooWeights.imagenet(zoo != null ? zoo : "resnet50") : null, model, pretrainedAsPaper, label);
    }

    /** A short name for the results folder: the zoo model's, or the model file's without its extension. */
    public String name() {
        return zoo != null ? zoo.name() : model.getFileName().toString().replaceAll("\\.[^.]*$", "");
    }

    /** What the report calls it. */
    public String describe() {
        return label != null ? label
                : zoo != null ? "ImageNet-pretrained " + zoo.name() + " (deeplearning4j-zoo), overlapping classes not removed"
                : pretrainedAsPaper ? "model file " + model.getFileName() + ", declared pretrained as the paper's (WRN, ImageNet without 229 CIFAR-like classes)"
                : "model file " + model.getFileName() + " (pretraining unknown; overlapping classes not known to be removed)";
    }

    /** The zoo model's input convention at its size; for a model file: 32x32, values in [0, 1]. */
    public Preprocessing defaultPreprocessing() {
        return zoo != null ? zoo.preprocessing() : Preprocessing.unitRange(32);
    }

    /** The model file: {@code model}, or the zoo weights in {@code cacheDir} (downloaded first when missing and allowed). */
    public Path file(Path cacheDir, boolean allowDownload) {
        return model != null ? model : zoo.ensure(cacheDir, allowDownload);
    }

    /** For the run record: where the network came from, what it is, and the features it made. */
    public Map<String, Object> provenance(FeatureExtractor e, int featureDim, Path featureFile, double featureSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", describe());
        m.put("source", zoo != null ? "zoo " + zoo.name() + " " + zoo.url() + " (adler32 " + zoo.adler32() + ")" : "file " + model.toAbsolutePath());
        m.put("model_file", e.file().toAbsolutePath().toString());
        m.put("model_sha256", e.sha256());
        m.put("layer", e.layer());
        m.put("preprocessing", e.preprocessing().describe());
        m.put("feature_dim", featureDim);
        m.put("feature_cache", featureFile.toAbsolutePath().toString());
        m.put("feature_seconds", featureSeconds);
        m.put("pretrained_as_paper", pretrainedAsPaper);
        return m;
    }
}
