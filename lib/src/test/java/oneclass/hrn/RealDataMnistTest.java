package oneclass.hrn;

import oneclass.data.Benchmark;
import oneclass.data.DataSource;
import oneclass.metric.Auc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

public class RealDataMnistTest {
    private static Path data;

    @BeforeEach
    void locateData() {
        String fromEnv = System.getenv("ONECLASS_TEST_DATA");
        data = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("..", "..", "shared", "data");
        assumeTrue(Files.isDirectory(data.resolve("mnist")),
                "../shared/data is absent (looked in " + data.toAbsolutePath() + "; set ONECLASS_TEST_DATA to override): real-data tests skipped");
    }

    @Test
    void explore() {
        long t0 = System.nanoTime();
        DataSource.Split split = DataSource.load(Benchmark.MNIST, data, false);
        System.out.printf("load %.2fs%n", (System.nanoTime() - t0) / 1e9);
        for (Protocol proto : Protocol.values())
            for (int cls : new int[] {0, 1}) {
                t0 = System.nanoTime();
                InstanceNorm2 norm = proto.normalization(Benchmark.MNIST);
                INDArray train = Inputs.matrix(split.train(), proto.trainIndices(split.train(), cls), norm);
                INDArray test = Inputs.matrix(split.test(), norm);
                System.out.printf("inputs %.2fs%n", (System.nanoTime() - t0) / 1e9);
                for (long seed = 1; seed <= 2; seed++) {
                    t0 = System.nanoTime();
                    HrnConfig c = proto.config(Benchmark.MNIST, Method.HRN).withEpochs(5);
                    StringBuilder sb = new StringBuilder();
                    HrnRun.Result r = HrnRun.run(c, train, test, split.test().labels(), cls, seed, proto.reportsBestEpochOnTest(), true,
                            (e, l) -> sb.append(" ").append(e).append(":").append(String.format("%.4f", l)));
                    System.out.printf("%s class %d seed %d: auc %.4f final %.4f best %.4f@%d grad %.3f n %d %.2fs %s%n", proto, cls, seed,
                            r.auc(), r.finalAuc(), r.bestAuc(), r.bestEpoch(), r.gradNorm(), r.nTrain(), (System.nanoTime() - t0) / 1e9, sb);
                }
            }
    }
}
