package oneclass.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The image benchmarks of the one-class experiments (HRN, Hu et al., NeurIPS 2020, Sec. 4): each
 * class in turn is the "normal" class, the other nine are anomalies.
 *
 * <ul>
 *   <li>MNIST — LeCun, Bottou, Bengio, Haffner, "Gradient-based learning applied to document
 *       recognition", Proc. IEEE 1998; http://yann.lecun.com/exdb/mnist/</li>
 *   <li>Fashion-MNIST — Xiao, Rasul, Vollgraf, arXiv:1708.07747 (2017)</li>
 *   <li>CIFAR-10 — Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009</li>
 * </ul>
 */
public enum Benchmark implements DataSet {
    MNIST("mnist", "mnist", 28, 28, 1),
    FASHION_MNIST("fmnist", "fashion-mnist", 28, 28, 1),
    CIFAR10("cifar10", "cifar10", 32, 32, 3);

    private final String cliName;
    private final String dirName;
    private final int rows;
    private final int cols;
    private final int channels;

    Benchmark(String cliName, String dirName, int rows, int cols, int channels) {
        this.cliName = cliName;
        this.dirName = dirName;
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
    }

    /** The name used on command lines and in result tables: {@code mnist}, {@code fmnist}, {@code cifar10}. */
    @Override
    public String cliName() {
        return cliName;
    }

    /** The folder under the data directory that holds this benchmark's files. */
    public String dirName() {
        return dirName;
    }

    @Override
    public int numClasses() {
        return 10;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int channels() {
        return channels;
    }

    /**
     * Parses a CLI name, case-insensitively; also accepts {@code fashion-mnist} and the enum constant
     * names.
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones
     */
    public static Benchmark parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Benchmark b : values()) {
            if (key.equals(b.cliName) || key.equals(b.dirName) || key.equals(b.name().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        String valid = Arrays.stream(values()).map(Benchmark::cliName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "unknown benchmark '" + name + "'; valid: " + valid + " (fmnist may also be written fashion-mnist)");
    }
}
