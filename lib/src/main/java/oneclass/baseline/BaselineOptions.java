package oneclass.baseline;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry of in-harness one-class methods ({@link #parse}: name → method), and their settings as command-line
 * options (a picocli mixin shared by the scripts), defaulting to
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

    @Option(names = "--dsvdd-ae-epochs", description = "DSVDD: autoencoder pretraining epochs, 0 for none (default: DSVDD's own epochs when "
            + "--baseline-epochs or --epochs is given, else Ruff et al.'s: 150 on MNIST and Fashion-MNIST, 350 on CIFAR-10); each phase's lr "
            + "drops tenfold at the same fraction of its epochs as in their code (50 of 150, 250 of 350).")
    public Integer dsvddAeEpochs;
    @Option(names = "--dsvdd-weight-decay", description = "DSVDD: weight decay λ of the Deep SVDD phase (default: 0.5e-6, Ruff et al.'s code).")
    public Double dsvddWeightDecay;
    @Option(names = "--dsvdd-ae-weight-decay", description = "DSVDD: weight decay λ of the autoencoder pretraining (default: Ruff et al.'s, "
            + "0.5e-3 on MNIST and Fashion-MNIST, 0.5e-6 on CIFAR-10).")
    public Double dsvddAeWeightDecay;

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

    /**
     * The one-class methods the harness runs beside HRN and ICS, by the column name the tables use: each makes its
     * method from these options' settings, and the method's record checks them (an out-of-range setting is an
     * error naming it). A new method is a class implementing {@link OneClassBaseline} and one line here.
     */
    private static final Map<String, Function<BaselineOptions, OneClassBaseline>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("OCSVM", BaselineOptions::ocsvm);
        METHODS.put("iForest", o -> new IsolationForestBaseline(o.iforestTrees, o.iforestSubsample, 0));
        METHODS.put("HOG", o -> new HogOcsvm(o.hogOrientations, o.hogPixelsPerCell, o.hogCellsPerBlock, o.ocsvm()));
        METHODS.put("DAE", o -> new DenoisingAutoencoder(o.epochs(DenoisingAutoencoder.KERAS_BLOG.epochs()), o.aeBatchSize, o.aeLr, o.daeNoise));
        METHODS.put("VAE", o -> new VariationalAutoencoder(o.epochs(VariationalAutoencoder.DEFAULT.epochs()), o.aeBatchSize, o.aeLr));
        METHODS.put("DAGMM", o -> new Dagmm(o.epochs(), Dagmm.PAPER.lr(), o.dagmmLambda1, o.dagmmLambda2));
        METHODS.put("DSVDD", o -> DeepSvdd.RUFF_2018.with(o.dsvddAeEpochs != null ? o.dsvddAeEpochs : o.epochs(), o.dsvddAeWeightDecay,
                o.epochs(), o.dsvddWeightDecay));
    }

    /** The methods' column names, in the registry's order. */
    public static final List<String> NAMES = List.copyOf(METHODS.keySet());

    /**
     * The method a name stands for (a column name of {@link #NAMES}, any case; "HOG" is HOG + OCSVM), or empty for a name that is
     * none of them (an HRN or ICS column, say).
     *
     * @throws IllegalArgumentException if a setting of that method is out of range
     */
    public Optional<OneClassBaseline> parse(String method) {
        String name = method.trim();
        return METHODS.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst().map(e -> e.getValue().apply(this));
    }

    /**
     * The method a name stands for.
     *
     * @param option the command-line option the name came from, for the message
     * @throws IllegalArgumentException naming the valid methods if it is none of them, or the setting that is out of range
     */
    public OneClassBaseline method(String option, String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException(option + ": unknown method '" + name + "'; valid: " + String.join(", ", NAMES)));
    }

    /** The OCSVM of the options (also the one after HOG). */
    private Ocsvm ocsvm() {
        return new Ocsvm(ocsvmNu, ocsvmGamma == null ? Double.NaN : ocsvmGamma, ocsvmMaxTrain, 1e-3);
    }
}
