package oneclass.hcl;

import oneclass.hrn.HrnConfig;
import oneclass.run.ResultStore;
import oneclass.run.Threads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The experiment over stored per-head logits gives what {@link HclHeads} gives in memory, and resumes head by head. */
class HclGridTest {
    @TempDir Path out;

    @BeforeAll
    static void nd4j() { Threads.singleThreadedNd4j(); }

    static final HrnConfig CFG = HclHeadsTest.smallHead().withEpochs(5);

    private static String run(HclData d, List<Long> seeds, TaskSequence order, HrnConfig cfg, Path out, List<HclGrid.Sequence> result) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        result.addAll(HclGrid.run(List.of(d), seeds, x -> seed -> order, x -> cfg, 1,
                new ResultStore<>(out, HclGrid.HeadResult.class), new PrintStream(log, true, StandardCharsets.UTF_8)));
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void storedLogitsGiveTheSameCurveAsHeadsInMemory() {
        HclData d = HclHeadsTest.clusterData(3);
        TaskSequence order = new TaskSequence(new int[] {2, 0, 1});
        List<HclGrid.Sequence> seqs = new java.util.ArrayList<>();
        run(d, List.of(4L), order, CFG, out, seqs);
        HclGrid.Sequence s = seqs.get(0);

        HclHeads heads = new HclHeads(CFG);
        for (int c : order.classes()) heads.learn(c, d.train().apply(c), 4);
        INDArray test = d.test().get();
        assertArrayEquals(HclHeads.accuracyAfterEachTask(heads.scores(test), order.classes(), d.testLabels()), s.accuracy(), 0);
        assertEquals(HclHeads.accuracy(heads.predict(test), d.testLabels()), s.finalAccuracy(), 0);
        assertEquals(3, s.heads().size());
        assertEquals(54, s.heads().get(0).parameters());
        assertTrue(Files.isRegularFile(out.resolve("scores/clusters_s4_c2.npy")));
    }

    @Test
    void anInterruptedExperimentResumesHeadByHead() throws Exception {
        HclData d = HclHeadsTest.clusterData(3);
        TaskSequence order = TaskSequence.natural(3);
        List<HclGrid.Sequence> first = new java.util.ArrayList<>(), second = new java.util.ArrayList<>(), third = new java.util.ArrayList<>();
        assertTrue(run(d, List.of(1L), order, CFG, out, first).contains("3 runs (0 already in"));
        assertTrue(run(d, List.of(1L), order, CFG, out, second).contains("3 runs (3 already in"));
        assertArrayEquals(first.get(0).accuracy(), second.get(0).accuracy(), 0);
        Files.delete(out.resolve("scores/clusters_s1_c1.npy")); // as if killed between the scores and the record
        assertTrue(run(d, List.of(1L), order, CFG, out, third).contains("3 runs (2 already in"));
        assertArrayEquals(first.get(0).accuracy(), third.get(0).accuracy(), 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(d, List.of(1L), order, CFG.withEpochs(6), out, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().contains("made with other settings"), e.getMessage());
    }
}
