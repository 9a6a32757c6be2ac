package oneclass.baseline;

import oneclass.hrn.Method;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The baselines' settings as command-line options (a picocli mixin shared by the scripts), defaulting to
 * {@link Ocsvm#ICS_PAPER}, {@link IsolationForestBaseline#LIU_2008}, {@link HogOcsvm#ICS_PAPER},
 * {@link DenoisingAutoencoder#KERAS_BLOG}, {@link VariationalAutoencoder#DEFAULT} and {@link Dagmm#PAPER}
 * (a fresh object holds the same defaults as the parsed options).
 */
public class BaselineOptions {
    @Option(names = "--ocsvm-nu", defaultValue = "0.15", description = "OCSVM ν (default: ${DEFAULT-VALUE}, the ICS paper's; HRN states none).")
    public double ocsvmNu = 0.15;
    @Option(names = "--ocsvm-gamma", description = "OCSVM RBF γ in exp(−γ‖x−y‖²) (default: 1/#features, the ICS paper's).")
    public Double ocsvmGamma;
    @Option(names = "--ocsvm-max-train", defaultValue = "10000", description = "OCSVM trains on at most this many rows, a random subset drawn "
            + "from the seed; its kernel matrix is O(N²) (default: ${DEFAULT-VALUE}; 0: all).")
    public int ocsvmMaxTrain = 10_000;
    @Option(names = "--iforest-trees", defaultValue = "100", description = "Isolation Forest: number of trees (default: ${DEFAULT-VALUE}, Liu et al. 2008).")
    public int iforestTrees = 100;
    @Option(names = "--iforest-subsample", defaultValue = "256", description = "Isolation Forest: rows per tree ψ (default: ${DEFAULT-VALUE}, Liu et al. 2008).")
    public int iforestSubsample = 256;
    @Option(names = "--baseline-epochs", description = "DAE, VAE, DAGMM: training epochs (default: --epochs when given, else the method's: "
            + "DAE, VAE 100, the Keras-blog autoencoder's; DAGMM the paper's per data set, 200 KDDCUP99, 20,000 Thyroid, 10,000 Arrhythmia).")
    public Integer baselineEpochs;
    @Option(names = "--ae-batch-size", defaultValue = "256", description = "DAE, VAE: rows per Adam step (default: ${DEFAULT-VALUE}).")
    public int aeBatchSize = 256;
    @Option(names = "--ae-lr", defaultValue = "1e-3", description = "DAE, VAE: Adam's learning rate (default: ${DEFAULT-VALUE}, Keras').")
    public double aeLr = 1e-3;
    @Option(names = "--dae-noise", defaultValue = "0.5", description = "DAE: σ of the Gaussian corruption, clipped to [0, 1] (default: ${DEFAULT-VALUE}).")
    public double daeNoise = 0.5;
    @Option(names = "--dagmm-lambda1", defaultValue = "0.1", description = "DAGMM: weight λ₁ of the mean energy (default: ${DEFAULT-VALUE}, Zong et al.).")
    public double dagmmLambda1 = 0.1;
    @Option(names = "--dagmm-lambda2", defaultValue = "0.005", description = "DAGMM: weight λ₂ of the covariance penalty Σ 1/Σ̂ₖⱼⱼ (default: ${DEFAULT-VALUE}, Zong et al.).")
    public double dagmmLambda2 = 0.005;

    @Option(names = "--hog-orientations", defaultValue = "9", description = "HOG + OCSVM: orientation bins (default: ${DEFAULT-VALUE}, the ICS paper's).")
    public int hogOrientations = 9;
    @Option(names = "--hog-pixels-per-cell", defaultValue = "8", description = "HOG + OCSVM: a cell's side in pixels (default: ${DEFAULT-VALUE}, the ICS paper's).")
    public int hogPixelsPerCell = 8;
    @Option(names = "--hog-cells-per-block", defaultValue = "3", description = "HOG + OCSVM: a block's side in cells (default: ${DEFAULT-VALUE}, the ICS paper's).")
    public int hogCellsPerBlock = 3;

    @Option(names = "--dsvdd-ae-epochs", description = "DSVDD: autoencoder pretraining epochs, 0 for none (default: DSVDD's own epochs, which are "
            + "--baseline-epochs, else --epochs, else 150, Ruff et al.'s MNIST code); each phase's lr drops tenfold after a third of its epochs (50 of 150).")
    public Integer dsvddAeEpochs;
    @Option(names = "--dsvdd-weight-decay", defaultValue = "0.5e-6", description = "DSVDD: weight decay λ of the Deep SVDD phase (default: ${DEFAULT-VALUE}, Ruff et al.'s code).")
    public double dsvddWeightDecay = 0.5e-6;
    @Option(names = "--dsvdd-ae-weight-decay", defaultValue = "0.5e-3", description = "DSVDD: weight decay λ of the autoencoder pretraining (default: ${DEFAULT-VALUE}, Ruff et al.'s code).")
    public double dsvddAeWeightDecay = 0.5e-3;

    /** The epochs of the deep baselines when --baseline-epochs is not given: the script's --epochs (null: each method's default). */
    private Integer epochsFallback;

    /** The script's --epochs (or its quick mode's), used by the deep baselines unless --baseline-epochs is given. */
    public BaselineOptions epochsFallback(Integer epochs) {
        this.epochsFallback = epochs;
        return this;
    }

    /** The deep baselines' epochs as given (--baseline-epochs, else the script's --epochs), null when neither is. */
    private Integer epochs() {
        return baselineEpochs != null ? baselineEpochs : epochsFallback;
    }

    private int epochs(int methodDefault) {
        return epochs() != null ? epochs() : methodDefault;
    }

    /** The baselines' column names, as {@link #parse} knows them. */
    public static final List<String> NAMES = List.of("OCSVM", "iForest", "HOG", "DAE", "VAE", "DAGMM", "DSVDD");

    /** An HRN method (HRN, HRN-L2); an unknown name is an error that lists the baselines too. */
    public static Method hrnMethod(String name) {
        try {
            return Method.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", " + String.join(", ", NAMES));
        }
    }

    /**
     * The baseline a method name stands for ("OCSVM", "iForest", "HOG" (HOG + OCSVM), "DAE", "VAE", "DAGMM", any case), or empty for a
     * non-baseline method; a setting out of range is an error naming it. "DSVDD": Deep SVDD.
     */
    public Optional<OneClassBaseline> parse(String method) {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "ocsvm" -> Optional.of(ocsvm());
            case "hog" -> Optional.of(new HogOcsvm(hogOrientations, hogPixelsPerCell, hogCellsPerBlock, ocsvm()));
            case "iforest" -> Optional.of(new IsolationForestBaseline(iforestTrees, iforestSubsample, 0));
            case "dae" -> Optional.of(new DenoisingAutoencoder(epochs(DenoisingAutoencoder.KERAS_BLOG.epochs()), aeBatchSize, aeLr, daeNoise));
            case "vae" -> Optional.of(new VariationalAutoencoder(epochs(VariationalAutoencoder.DEFAULT.epochs()), aeBatchSize, aeLr));
            case "dagmm" -> Optional.of(new Dagmm(epochs(), Dagmm.PAPER.lr(), dagmmLambda1, dagmmLambda2));
            case "dsvdd" -> Optional.of(dsvdd(epochs(DeepSvdd.RUFF_2018.epochs())));
            default -> Optional.empty();
        };
    }

    /** Deep SVDD with Ruff et al.'s settings but the epochs and weight decays of the options. */
    private DeepSvdd dsvdd(int epochs) {
        DeepSvdd r = DeepSvdd.RUFF_2018;
        int ae = dsvddAeEpochs != null ? dsvddAeEpochs : epochs;
        return new DeepSvdd(ae, DeepSvdd.defaultMilestone(ae), dsvddAeWeightDecay, epochs, DeepSvdd.defaultMilestone(epochs),
                dsvddWeightDecay, r.lr(), r.batchSize(), r.eps());
    }

    /** The OCSVM of the options (also the one after HOG). */
    private Ocsvm ocsvm() {
        return new Ocsvm(ocsvmNu, ocsvmGamma == null ? Double.NaN : ocsvmGamma, ocsvmMaxTrain, 1e-3);
    }
}
