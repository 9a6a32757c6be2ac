package oneclass.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A data set of the papers' experiments, by the name that command lines, result tables and
 * {@code expected-results/*.csv} use. Four kinds, each reading its own files:
 * <ul>
 *   <li>{@link Benchmark}: MNIST, Fashion-MNIST, CIFAR-10 images ({@link DataSource});</li>
 *   <li>{@link Emnist}: EMNIST-47 images (HRN Table 7);</li>
 *   <li>{@link TabularFile}: the non-image files of HRN Table 2, KDDCUP99, Thyroid, Arrhythmia
 *       ({@link Kdd99}, {@link Odds} → {@link TabularData});</li>
 *   <li>{@link FeatureSet}: feature vectors computed by any tool, e.g. BERT vectors of DBPedia
 *       ({@link FeatureFile} → {@link Features}).</li>
 * </ul>
 * What they share is the name, the number of classes, and {@link #parse}; a script asks for the kind it
 * can run ({@code DataSet.parse("thyroid", TabularFile.class)}).
 */
public sealed interface DataSet permits Benchmark, Emnist, TabularFile, FeatureSet {

    /** The name used on command lines, in result tables and in the expected results, e.g. {@code mnist}, {@code thyroid}. */
    String cliName();

    /** Classes of the labels; 2 (nominal, novel) for the tabular files. */
    int numClasses();

    /** Every data set the harness knows, kind by kind. */
    static List<DataSet> all() {
        List<DataSet> all = new ArrayList<>(Arrays.asList(Benchmark.values()));
        all.addAll(Arrays.asList(Emnist.values()));
        all.addAll(Arrays.asList(TabularFile.values()));
        all.addAll(FeatureSet.ALL);
        return all;
    }

    /**
     * The data set of this kind named {@code name} (case-insensitive; a {@link Benchmark} also answers to its
     * folder name, e.g. {@code fashion-mnist}).
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones of this kind
     */
    static <D extends DataSet> D parse(String name, Class<D> kind) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<DataSet> ofKind = all().stream().filter(kind::isInstance).toList();
        for (DataSet d : ofKind) {
            boolean alias = d instanceof Benchmark b && (key.equals(b.dirName()) || key.equals(b.name().toLowerCase(Locale.ROOT)));
            if (key.equals(d.cliName()) || alias) return kind.cast(d);
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; valid: "
                + ofKind.stream().map(DataSet::cliName).collect(Collectors.joining(", ")));
    }
}
