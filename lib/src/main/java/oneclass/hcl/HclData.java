package oneclass.hcl;

import oneclass.data.Benchmark;
import oneclass.data.DataSet;
import oneclass.data.DataSource;
import oneclass.data.Emnist;
import oneclass.data.FeatureSet;
import oneclass.data.Features;
import oneclass.data.Images;
import oneclass.data.TabularFile;
import oneclass.hrn.InputNorm;
import oneclass.hrn.Inputs;
import oneclass.hrn.InstanceNorm2;
import oneclass.hrn.TabularInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A data set as HCL sees it: per class, the training inputs of that class alone (a head never sees another
 * class), and the whole test set with its labels. Inputs are the raw pixels (MNIST, EMNIST) or the vectors
 * of a frozen feature extractor (DBPedia), each row put through HRN's 2-norm instance normalization.
 *
 * @param name          the data set's name in the results and expected results, e.g. {@code mnist}
 * @param train         class → its training inputs [N_c, dim], normalized; built on demand
 * @param test          the test inputs [M, dim], normalized; built on demand
 * @param complete      false when the data is not the whole published set (results are then not comparable)
 * @param subset       {@code full}, or what the data is instead
 * @param sha256ByFile  every file read → sha256 of its content, for the run record
 */
public record HclData(String name, int numClasses, int dim, IntFunction<INDArray> train, Supplier<INDArray> test,
                      int[] testLabels, int[] trainCounts, boolean complete, String subset, Map<String, String> sha256ByFile) {
    public HclData {
        Objects.requireNonNull(name, "name");
        if (numClasses < 1) throw new IllegalArgumentException(name + ": numClasses must be >= 1");
        for (int c = 0; c < numClasses; c++)
            if (trainCounts[c] == 0) throw new IllegalArgumentException(name + ": class " + c + " has no training examples");
    }

    /**
     * Loads a data set as HCL's inputs, each row put through HRN's 2-norm instance normalization: the pixels of
     * an image set, or the vectors of a feature set (from {@code featureDir}; null: {@link FeatureSet#dir}).
     *
     * @param trainPerClass at most this many training examples per class, the first ones in file order (0 = all)
     */
    public static HclData load(DataSet set, Path dataDir, Path featureDir, boolean allowDownload, int trainPerClass) {
        String name = set.cliName();
        if (set instanceof Benchmark b) {
            DataSource.Split s = DataSource.load(b, dataDir, allowDownload);
            return ofImages(name, b.numClasses(), s.train(), s.test(), InputNorm.TWO_NORM, trainPerClass, s.complete(), s.subset(), s.sha256ByFile());
        }
        if (set instanceof Emnist e) {
            Emnist.Split s = Emnist.load(dataDir, allowDownload);
            String subset = s.complete() ? DataSource.FULL
                    : "a set of " + s.train().size() + " / " + s.test().size() + " images, not the published 112,800 / 18,800";
            return ofImages(name, e.numClasses(), s.train(), s.test(), InputNorm.TWO_NORM, trainPerClass, s.complete(), subset, s.sha256ByFile());
        }
        if (set instanceof FeatureSet f) {
            Path dir = featureDir != null ? featureDir : f.dir(dataDir);
            Features.Split s = f.read(dir);
            boolean complete = f.complete(s);
            // "full" as for images, so that the report (which reads only the runs) knows the cells are comparable
            String subset = complete ? DataSource.FULL : String.format(Locale.ROOT, "features from %s (%d / %d examples, not %s's %,d / %,d)",
                    dir, s.train().n(), s.test().n(), f.title(), f.trainSize(), f.testSize());
            return ofFeatures(name, f.numClasses(), s.train(), s.test(), InstanceNorm2.PAPER, trainPerClass, complete, subset, s.sha256ByFile());
        }
        throw new IllegalArgumentException(name + ": HCL learns one head per class, and a tabular file has only nominal and novel rows");
    }

    /**
     * Images, pixels /255 then {@code norm} per image (HRN Sec. 3.2).
     *
     * @param trainPerClass at most this many training images per class, the first ones in file order (0 = all)
     */
    public static HclData ofImages(String name, int numClasses, Images train, Images test, InputNorm norm, int trainPerClass,
                                   boolean complete, String subset, Map<String, String> sha256ByFile) {
        int[] counts = new int[numClasses];
        for (int c = 0; c < numClasses; c++) counts[c] = cap(train.indicesOf(c), trainPerClass).length;
        return new HclData(name, numClasses, train.dim(), c -> Inputs.matrix(train, cap(train.indicesOf(c), trainPerClass), norm),
                () -> Inputs.matrix(test, IntStream.range(0, test.size()).toArray(), norm), test.labels(), counts,
                complete && trainPerClass == 0, trainPerClass == 0 ? subset : "first " + trainPerClass
                        + " training images per class of the " + subset + " set", sha256ByFile);
    }

    /**
     * Feature vectors from a feature file, each row through {@code norm} (null: as they are).
     *
     * @param trainPerClass at most this many training vectors per class, the first ones in file order (0 = all)
     */
    public static HclData ofFeatures(String name, int numClasses, Features train, Features test,
                                     InstanceNorm2 norm, int trainPerClass, boolean complete, String subset,
                                     Map<String, String> sha256ByFile) {
        if (train.d() != test.d())
            throw new IllegalArgumentException(name + ": training features have " + train.d() + " dimensions, test features " + test.d());
        int[] counts = new int[numClasses];
        for (int c = 0; c < numClasses; c++) counts[c] = cap(train.indicesOf(c), trainPerClass).length;
        return new HclData(name, numClasses, train.d(),
                c -> TabularInputs.matrix(train.rows(cap(train.indicesOf(c), trainPerClass)), train.d(), norm),
                () -> TabularInputs.matrix(test.x(), test.d(), norm), test.labels(), counts, complete && trainPerClass == 0,
                trainPerClass == 0 ? subset : subset + ", first " + trainPerClass + " training examples per class", sha256ByFile);
    }

    /** Per data set: which part of it was used ({@code subset}) and the sha256 of every file read, for the run record. */
    public static Map<String, Object> provenance(List<HclData> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (HclData d : data) {
            Map<String, Object> p = new LinkedHashMap<>(d.sha256ByFile());
            p.put("subset", d.subset());
            m.put(d.name(), p);
        }
        return m;
    }

    /** The data sets HCL can learn class by class, by name: image sets and feature sets (a tabular file has no classes to learn). */
    public static DataSet parse(String name) {
        DataSet d = DataSet.parse(name, DataSet.class);
        if (d instanceof TabularFile) throw new IllegalArgumentException("'" + name + "' is a tabular file with only nominal and novel rows; HCL learns"
                + " one head per class of an image or feature set: " + String.join(", ", DataSet.all().stream()
                        .filter(x -> !(x instanceof TabularFile)).map(DataSet::cliName).toList()));
        return d;
    }

    static int[] cap(int[] indices, int max) {
        return max > 0 && indices.length > max ? Arrays.copyOf(indices, max) : indices;
    }
}
