package oneclass.hrn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

public class DeterminismTest {
    static final int D = 20;

    static float[] point(SplittableRandom r, double[] centre, double noise) {
        float[] x = new float[D];
        for (int i = 0; i < D; i++) x[i] = (float) (centre[i] + noise * r.nextGaussian());
        return x;
    }

    static double[] gaussian(SplittableRandom r) {
        double[] c = new double[D];
        for (int i = 0; i < D; i++) c[i] = r.nextGaussian();
        return c;
    }

    @Test
    void explore() {
        for (long dataSeed : new long[] {1, 2, 3})
            for (double noise : new double[] {1.5, 2.5}) {
                SplittableRandom r = new SplittableRandom(dataSeed);
                double[] mu = gaussian(r);
                int nTrain = 300, nTest = 400;
                float[] tr = new float[nTrain * D], te = new float[nTest * D];
                int[] labels = new int[nTest];
                for (int i = 0; i < nTrain; i++) {
                    float[] p = point(r, mu, noise);
                    InstanceNorm2.PAPER.apply(p, 0, D);
                    System.arraycopy(p, 0, tr, i * D, D);
                }
                for (int i = 0; i < nTest; i++) {
                    boolean normal = i % 2 == 0;
                    float[] p = point(r, normal ? mu : gaussian(r), noise);
                    InstanceNorm2.PAPER.apply(p, 0, D);
                    System.arraycopy(p, 0, te, i * D, D);
                    labels[i] = normal ? 0 : 1;
                }
                INDArray train = Nd4j.create(tr, new long[] {nTrain, D}, DataType.FLOAT);
                INDArray test = Nd4j.create(te, new long[] {nTest, D}, DataType.FLOAT);
                for (long seed = 1; seed <= 5; seed++) {
                    HrnConfig c = new HrnConfig(Architecture.mlp(D, 8), 0, true, null, new DataTerm.Nll(0), HRegularizer.paper(), 0,
                            20, 32, 0.1, 0.9, false);
                    long t0 = System.nanoTime();
                    HrnRun.Result res = HrnRun.run(c, train, test, labels, 0, seed, false, true, null);
                    Mlp m0 = new Mlp(c.architecture(), 0, true, null, new SplittableRandom(seed).nextLong());
                    StringBuilder sb = new StringBuilder(String.format("untrained %.3f:", oneclass.metric.Auc.of(m0.score(test), labels, 0)));
                    HrnTrainer.train(c, train, seed, (e, m, l) -> { if (e <= 3 || e % 5 == 0) sb.append(String.format(" %d:%.3f", e, oneclass.metric.Auc.of(m.score(test), labels, 0))); });
                    System.out.println(sb);
                    System.out.printf("data %d noise %.1f seed %d: final %.4f best %.4f @%d loss %.4f grad %.3f  %.2fs%n", dataSeed, noise, seed,
                            res.finalAuc(), res.bestAuc(), res.bestEpoch(), res.finalLoss(), res.gradNorm(), (System.nanoTime() - t0) / 1e9);
                }
            }
    }
}
