package oneclass.baseline;

import oneclass.hrn.Method;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Optional;

/**
 * The baselines' settings as command-line options (a picocli mixin shared by the scripts), defaulting to
 * {@link Ocsvm#ICS_PAPER} and {@link IsolationForestBaseline#LIU_2008}.
 */
public class BaselineOptions {
    @Option(names = "--ocsvm-nu", defaultValue = "0.15", description = "OCSVM ν (default: ${DEFAULT-VALUE}, the ICS paper's; HRN states none).")
    public double ocsvmNu;
    @Option(names = "--ocsvm-gamma", description = "OCSVM RBF γ in exp(−γ‖x−y‖²) (default: 1/#features, the ICS paper's).")
    public Double ocsvmGamma;
    @Option(names = "--ocsvm-max-train", defaultValue = "10000", description = "OCSVM trains on at most this many rows, a random subset drawn "
            + "from the seed; its kernel matrix is O(N²) (default: ${DEFAULT-VALUE}; 0: all).")
    public int ocsvmMaxTrain;
    @Option(names = "--iforest-trees", defaultValue = "100", description = "Isolation Forest: number of trees (default: ${DEFAULT-VALUE}, Liu et al. 2008).")
    public int iforestTrees;
    @Option(names = "--iforest-subsample", defaultValue = "256", description = "Isolation Forest: rows per tree ψ (default: ${DEFAULT-VALUE}, Liu et al. 2008).")
    public int iforestSubsample;

    /** An HRN method (HRN, HRN-L2); an unknown name is an error that lists the baselines too. */
    public static Method hrnMethod(String name) {
        try {
            return Method.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", OCSVM, iForest");
        }
    }

    /** The baseline a method name stands for ("OCSVM", "iForest", any case), or empty for a non-baseline method. */
    public Optional<OneClassBaseline> parse(String method) {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "ocsvm" -> Optional.of(new Ocsvm(ocsvmNu, ocsvmGamma == null ? Double.NaN : ocsvmGamma, ocsvmMaxTrain, 1e-3));
            case "iforest" -> Optional.of(new IsolationForestBaseline(iforestTrees, iforestSubsample, 0));
            default -> Optional.empty();
        };
    }
}
