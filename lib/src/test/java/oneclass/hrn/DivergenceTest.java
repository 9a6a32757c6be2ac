package oneclass.hrn;

import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.report.Comparison;
import oneclass.report.ExpectedResults;
import oneclass.report.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A configuration whose training diverges (an ablation row can) is a result, not a crash: the run is
 * recorded with NaN AUCs and an infinite loss, and the table marks the cell DIVERGED, which fails --check.
 */
class DivergenceTest {
    @TempDir Path dir;

    static INDArray points(int n, int d, long seed, double scale) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * scale);
        return Nd4j.create(v, new long[] {n, d}, DataType.FLOAT);
    }

    @Test
    void aDivergingRunIsRecordedNotThrown() {
        // λ = 10, n = 12 on inputs of norm ~30 with lr 1: the penalty's gradient overflows within the first epoch
        HrnConfig c = new HrnConfig(Architecture.mlp(20, 8), 0, false, null, new DataTerm.Nll(0),
                new HRegularizer(10, 12, 0), 0, 3, 10, 1.0, 0.9, false);
        INDArray train = points(50, 20, 1, 7), test = points(40, 20, 2, 7);
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) labels[i] = i % 2;
        HrnRun.Result r = HrnRun.run(c, train, test, labels, 1, 1, false, false, null);
        assertTrue(Double.isNaN(r.auc()) && Double.isNaN(r.finalAuc()), "AUC of a diverged run is NaN: " + r);
        assertEquals(Double.POSITIVE_INFINITY, r.finalLoss());
        assertThrows(HrnTrainer.Diverged.class, () -> HrnTrainer.train(c, train, 1, null), "the trainer itself still reports it");
    }

    @Test
    void aDivergedCellIsMarkedAndFailsTheCheck() throws Exception {
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "dataset,class,method,paper_value,paper_std,tolerance,source\nmnist,avg,NLL+Hreg,80.92,,1.0,\"t3\"\n");
        List<Cells.Measurement> ms = List.of(new Cells.Measurement("mnist", "0", "NLL+Hreg", 1, Double.NaN),
                new Cells.Measurement("mnist", "1", "NLL+Hreg", 1, 90.0));
        List<Comparison.Row> rows = Comparison.compare(Cells.aggregate(ms), ExpectedResults.load(csv), c -> null);
        Comparison.Row avg = rows.stream().filter(r -> r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        // the avg over 2 of 10 classes is not comparable, whatever its value
        assertEquals(Verdict.NOT_COMPARABLE, avg.verdict());

        List<Cells.Measurement> all = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) all.add(new Cells.Measurement("mnist", String.valueOf(k), "NLL+Hreg", 1, k == 3 ? Double.NaN : 90.0));
        Comparison.Row full = Comparison.compare(Cells.aggregate(all), ExpectedResults.load(csv), c -> null).stream()
                .filter(r -> r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertEquals(Verdict.DIVERGED, full.verdict());
        assertTrue(full.verdict().fails());
        assertTrue(Comparison.anyFails(List.of(full)));
        byte[] png = Charts.oursVsPaper("t", List.of(full), "mnist", "AUC %");
        assertEquals((byte) 0x89, png[0], "still draws a PNG");
    }
}
