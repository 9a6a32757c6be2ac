package oneclass.hrn;

import oneclass.data.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

/** Images as the network sees them: pixels /255, flattened in the file's layout, instance-normalized. */
public final class Inputs {
    private Inputs() {}

    /** Rows {@code indices} of {@code images} as a float matrix [N, D], each row normalized by {@code norm}. */
    public static INDArray matrix(Images images, int[] indices, InstanceNorm2 norm) {
        return matrix(images, indices, InputNorm.twoNorm(norm));
    }

    /**
     * As above with any {@link InputNorm} (none, HRN's 2-norm, Ulyanov's z-score: the normalizations of
     * Table 3); for the z-score pass {@code InputNorm.zScore(images.channels())}.
     */
    public static INDArray matrix(Images images, int[] indices, InputNorm norm) {
        int d = images.dim();
        float[] x = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            images.copyImage(indices[i], x, i * d);
            norm.apply(x, i * d, d);
        }
        return Nd4j.create(x, new long[] {indices.length, d}, DataType.FLOAT);
    }

    /** All images. */
    public static INDArray matrix(Images images, InstanceNorm2 norm) {
        return matrix(images, IntStream.range(0, images.size()).toArray(), norm);
    }
}
