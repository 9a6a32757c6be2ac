package oneclass.ics;

import oneclass.data.Images;
import oneclass.ics.ConvStack.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The networks on tiny synthetic images: shapes, determinism per seed, and that each step lowers its own loss. */
class IcsNetworkTest {
    /** 16 images 12×12: label 0 a vertical bar at a random column, label 1 a horizontal bar. */
    static Images bars() {
        int n = 16, s = 12;
        byte[] px = new byte[n * s * s];
        int[] labels = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int k = 2 + r.nextInt(8);
            for (int t = 0; t < s; t++) px[i * s * s + (labels[i] == 0 ? t * s + k : k * s + t)] = (byte) 255;
        }
        return new Images("bars", s, s, 1, px, labels);
    }

    static final ConvStack FEATURES = new ConvStack(List.of(new Conv(4, 3), new Pool(true), new Dense(8), new Dense(4)), 0);

    static ImageBatches data() {
        return new ImageBatches(bars(), IntStream.range(0, 16).toArray(), 12);
    }

    @Test
    void sameSeedSameNumbers() {
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        double[] a = run(x, order, 7), b = run(x, order, 7), c = run(x, order, 8);
        assertArrayEquals(a, b, 0.0);
        assertNotEquals(a[0], c[0]);
    }

    private static double[] run(ImageBatches x, int[] order, long seed) {
        IcsNetwork net = new IcsNetwork(FEATURES, 1, 12, 1e-6, Optimizer.Rule.adam(1e-2, 0.5), seed);
        net.step(IcsNetwork.Step.CLOSENESS, x.batch(order, 0, 8), null);
        return net.logits(x, 5);
    }

    /** A layer keeps its buffer for the same shape and releases it at once for another shape (not at the next GC). */
    @Test
    void aReplacedBufferIsReleased() {
        INDArray a = Layers.like(null, DataType.FLOAT, 4, 3);
        assertSame(a, Layers.like(a, DataType.FLOAT, 4, 3));
        INDArray b = Layers.like(a, DataType.FLOAT, 8, 3);
        assertTrue(a.wasClosed());
        assertFalse(b.wasClosed());
        assertArrayEquals(new long[] {8, 3}, b.shape());
        assertNotSame(b, Layers.like(b, DataType.DOUBLE, 8, 3));
        assertTrue(b.wasClosed());
    }

    /** The code's schedule alternates batch shapes (pairs, then 4 batches), so every step replaces the buffers; same numbers per seed. */
    @Test
    void alternatingBatchShapesGiveTheSameNumbers() {
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        float[] y = new float[16];
        double[] a = alternating(x, order, y), b = alternating(x, order, y);
        assertArrayEquals(a, b, 0.0);
        for (double v : a) assertTrue(Double.isFinite(v), "loss " + v);
    }

    private static double[] alternating(ImageBatches x, int[] order, float[] y) {
        IcsNetwork net = new IcsNetwork(FEATURES, 1, 12, 1e-6, Optimizer.Rule.adam(1e-2, 0.5), 4);
        double[] losses = new double[13];
        for (int i = 0; i < 4; i++) {
            losses[3 * i] = net.step(IcsNetwork.Step.CLOSENESS, x.batch(order, 0, 4), null);
            losses[3 * i + 1] = net.step(IcsNetwork.Step.DISPERSION, x.batch(order, 4, 8), null);
            losses[3 * i + 2] = net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(order, 0, 16), y);
        }
        losses[12] = net.logits(x, 5)[15];
        return losses;
    }

    /**
     * The code's pair step on [typical, typical', atypical, atypical'] (k = 2): its loss is Eq. 2's mean over the pairs
     * (0, 2), (1, 3) plus Eq. 4's mean over (4, 6), (5, 7), computed by hand from the distance logits a = w·(z_i − z_j) + b.
     */
    @Test
    void codePairStepIsClosenessPlusDispersionOfItsQuarters() {
        INDArray z = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 0}, {2, 1}, {0, 3}, {5, 5}, {1, 1}, {4, 0}, {2, 2}, {0, 7}});
        assertArrayEquals(new float[] {1, -3, -3, -4, -1, -1, 4, -7}, IcsNetwork.quartered(8).mmul(z).data().asFloat());
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        IcsNetwork net = new IcsNetwork(FEATURES, 1, 12, 0, Optimizer.Rule.adam(1e-2, 0.5), 2, true);
        INDArray batch = x.batch(order, 0, 8);
        double[] a = distanceLogits(net, batch);
        double expected = IcsLosses.closeness(new double[] {a[0], a[1]}) + IcsLosses.dispersion(new double[] {a[2], a[3]});
        assertEquals(expected, net.loss(IcsNetwork.Step.PAIRS, batch, null, false), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> net.loss(IcsNetwork.Step.PAIRS, x.batch(order, 0, 6), null, false));
    }

    /** a for the pairs (0, 2), (1, 3), (4, 6), (5, 7) of an 8-image batch, from z and the distance head's values in θ. */
    private static double[] distanceLogits(IcsNetwork net, INDArray batch) {
        INDArray theta = net.params().theta();
        long n = theta.length(), d = 4;                                   // FEATURES: z has 4 values; θ ends w_o, b_o, w_d, b_d
        double[] wd = theta.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - d - 1, n - 1)).toDoubleVector();
        double bd = theta.getDouble(n - 1);
        double[][] zs = net.features(batch);
        int[][] pairs = {{0, 2}, {1, 3}, {4, 6}, {5, 7}};
        double[] a = new double[4];
        for (int p = 0; p < 4; p++) {
            a[p] = bd;
            for (int j = 0; j < d; j++) a[p] += wd[j] * (zs[pairs[p][0]][j] - zs[pairs[p][1]][j]);
        }
        return a;
    }

    /**
     * With two optimizer states (the code's two compiled models), pair steps leave the classification head where the
     * classifier's steps put it; with one shared Adam state, its momentum keeps moving the head during the pair steps.
     */
    @Test
    void pairStepsMoveTheClassifierHeadOnlyWithASharedState() {
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        float[] y = new float[16];
        for (int i = 0; i < 16; i++) y[i] = i % 2;
        for (boolean two : new boolean[] {true, false}) {
            IcsNetwork net = new IcsNetwork(FEATURES, 1, 12, 0, Optimizer.Rule.adam(1e-2, 0.5), 4, two);
            net.step(IcsNetwork.Step.INTRA_CLASS, x.batch(order, 0, 16), y);
            INDArray head = classifierHead(net).dup();
            for (int i = 0; i < 3; i++) net.step(IcsNetwork.Step.PAIRS, x.batch(order, 0, 16), null);
            double moved = classifierHead(net).sub(head).amaxNumber().doubleValue();
            if (two) assertEquals(0.0, moved, 0.0);
            else assertTrue(moved > 1e-4, "shared state: the head moved by " + moved);
        }
    }

    /** w_o and b_o: the 5 values of θ before w_d, b_d (FEATURES: z has 4 values). */
    private static INDArray classifierHead(IcsNetwork net) {
        long n = net.params().theta().length();
        return net.params().theta().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - 10, n - 5));
    }

    /** Repeated steps of one kind on one batch lower that step's loss (Eq. 2, 3 and 4 each). */
    @Test
    void eachStepLowersItsLoss() {
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        float[] y = new float[16];
        for (int i = 0; i < 16; i++) y[i] = i % 2;
        for (IcsNetwork.Step step : IcsNetwork.Step.values()) {
            IcsNetwork net = new IcsNetwork(FEATURES, 1, 12, 1e-6, Optimizer.Rule.adam(1e-2, 0.5), 3);
            double first = net.step(step, x.batch(order, 0, 16), y), last = first;
            for (int i = 0; i < 60; i++) last = net.step(step, x.batch(order, 0, 16), y);
            assertTrue(last < 0.7 * first, step + ": loss " + first + " -> " + last);
        }
        assertEquals(16, new IcsNetwork(FEATURES, 1, 12, 0, Optimizer.Rule.adam(1e-3, 0.9), 1).logits(x, 5).length);
    }

    @Test
    void autoencoderLearnsAndChecksItsShape() {
        ImageBatches x = data();
        int[] order = IntStream.range(0, 16).toArray();
        ConvStack enc = new ConvStack(List.of(new Conv(4, 3), new Pool(true), new Conv(2, 1)), 0);
        ConvStack dec = new ConvStack(List.of(new Deconv(4, 2, 2), new Deconv(1, 3, 1)), 0);
        Autoencoder ae = new Autoencoder(enc, dec, 1, 12, 1e-6, Optimizer.Rule.rmsprop(1e-2), 1);
        double first = ae.step(x.batch(order, 0, 16)), last = first;
        for (int i = 0; i < 40; i++) last = ae.step(x.batch(order, 0, 16));
        assertTrue(last < 0.5 * first, "MSE " + first + " -> " + last);
        assertArrayEquals(new long[] {16, 1, 12, 12}, ae.reconstruct(x.batch(order, 0, 16)).shape());
        double[] ssim = ae.ssim(x, 5, 0);
        assertEquals(16, ssim.length);
        for (double s : ssim) assertTrue(s > -1 && s <= 1, "SSIM " + s);
        ConvStack wrong = new ConvStack(List.of(new Deconv(1, 3, 1)), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Autoencoder(enc, wrong, 1, 12, 0, Optimizer.Rule.rmsprop(1e-3), 1));
        assertTrue(e.getMessage().contains("decoder must end at [1, 12, 12]"), e.getMessage());
    }

    @Test
    void paddingCentresTheImage() {
        ImageBatches p = new ImageBatches(bars(), new int[] {1}, 16);
        float[] v = p.values();
        // image 1 is a horizontal bar at some row k of the 12×12 image: it lands at row k+2, columns 2..13 of 16×16
        int row = -1;
        for (int r = 0; r < 16; r++) if (v[r * 16 + 5] == 1f) row = r;
        assertTrue(row >= 2 && row < 14);
        assertEquals(0f, v[row * 16 + 1]);
        assertEquals(1f, v[row * 16 + 2]);
        assertEquals(1f, v[row * 16 + 13]);
        assertEquals(0f, v[row * 16 + 14]);
    }
}
