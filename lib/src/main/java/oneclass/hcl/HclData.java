package oneclass.hcl;

import oneclass.data.FeatureFile;
import oneclass.data.Images;
import oneclass.hrn.InputNorm;
import oneclass.hrn.Inputs;
import oneclass.hrn.InstanceNorm2;
import oneclass.hrn.TabularInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
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
 * @param variant       {@code full}, or what the data is instead
 * @param sha256ByFile  every file read → sha256 of its content, for the run record
 */
public record HclData(String name, int numClasses, int dim, IntFunction<INDArray> train, Supplier<INDArray> test,
                      int[] testLabels, int[] trainCounts, boolean complete, String variant, Map<String, String> sha256ByFile) {
    public HclData {
        Objects.requireNonNull(name, "name");
        if (numClasses < 1) throw new IllegalArgumentException(name + ": numClasses must be >= 1");
        for (int c = 0; c < numClasses; c++)
            if (trainCounts[c] == 0) throw new IllegalArgumentException(name + ": class " + c + " has no training examples");
    }

    /**
     * Images, pixels /255 then {@code norm} per image (HRN Sec. 3.2).
     *
     * @param trainPerClass at most this many training images per class, the first ones in file order (0 = all)
     */
    public static HclData ofImages(String name, int numClasses, Images train, Images test, InputNorm norm, int trainPerClass,
                                   boolean complete, String variant, Map<String, String> sha256ByFile) {
        int[] counts = new int[numClasses];
        for (int c = 0; c < numClasses; c++) counts[c] = cap(train.indicesOf(c), trainPerClass).length;
        return new HclData(name, numClasses, train.dim(), c -> Inputs.matrix(train, cap(train.indicesOf(c), trainPerClass), norm),
                () -> Inputs.matrix(test, IntStream.range(0, test.size()).toArray(), norm), test.labels(), counts,
                complete && trainPerClass == 0, trainPerClass == 0 ? variant : "first " + trainPerClass
                        + " training images per class of the " + variant + " set", sha256ByFile);
    }

    /**
     * Feature vectors from a feature file, each row through {@code norm} (null: as they are).
     *
     * @param trainPerClass at most this many training vectors per class, the first ones in file order (0 = all)
     */
    public static HclData ofFeatures(String name, int numClasses, FeatureFile.Features train, FeatureFile.Features test,
                                     InstanceNorm2 norm, int trainPerClass, boolean complete, String variant,
                                     Map<String, String> sha256ByFile) {
        if (train.dim() != test.dim())
            throw new IllegalArgumentException(name + ": training features have " + train.dim() + " dimensions, test features " + test.dim());
        int[] counts = new int[numClasses];
        for (int c = 0; c < numClasses; c++) counts[c] = cap(train.indicesOf(c), trainPerClass).length;
        return new HclData(name, numClasses, train.dim(),
                c -> TabularInputs.matrix(train.rows(cap(train.indicesOf(c), trainPerClass)), train.dim(), norm),
                () -> TabularInputs.matrix(test.x(), test.dim(), norm), test.labels(), counts, complete && trainPerClass == 0,
                trainPerClass == 0 ? variant : variant + ", first " + trainPerClass + " training examples per class", sha256ByFile);
    }

    static int[] cap(int[] indices, int max) {
        return max > 0 && indices.length > max ? Arrays.copyOf(indices, max) : indices;
    }
}
