package oneclass.reproduction;

import oneclass.hcl.HclGrid;
import oneclass.hrn.HrnGrid;
import oneclass.report.Cells;
import oneclass.report.Comparison;
import oneclass.report.Verdict;
import oneclass.run.OutputSet;
import oneclass.run.ResultStore;
import oneclass.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The readers of HRN Table 4 and Table 7: their stored runs back into the report's cells, counted as the report counts them. */
class SectionsTest {
    @TempDir Path results;
    static final Path EXPECTED = Path.of("..", "expected-results");

    /** The note of this machine (machine-notes.json) on why {@code dataset} is not run in {@code section}. */
    static String note(String section, String dataset) {
        String note = Sections.get(section).notes().get(dataset);
        assertNotNull(note, section + " has no note for " + dataset + " in " + MachineNotes.FILE);
        return note;
    }

    static HclGrid.HeadResult head(String dataset, String variant, long seed, int cls) {
        return new HclGrid.HeadResult(dataset, variant, seed, cls, 1000, 78500, 2, 1.5, 0.4, "f00d", "cfg");
    }

    /** MNIST, 2 seeds of 10 tasks: the accuracy after task t is 100 - t/2 (seed 1) and 100 - t/2 + 0.2 (seed 2); after the last, 95.1 ± 0.1. */
    void storeMnist(String variant) throws Exception {
        Path dir = results.resolve("hcl_table7");
        ResultStore<HclGrid.HeadResult> store = new ResultStore<>(dir, HclGrid.HeadResult.class);
        StringBuilder csv = new StringBuilder(HclGrid.CURVES_HEADER + "\n");
        for (long seed : List.of(1L, 2L))
            for (int t = 1; t <= 10; t++) {
                store.put(head("mnist", variant, seed, t - 1));
                csv.append("mnist,").append(seed).append(',').append(t).append(',').append(t - 1).append(',').append(100 - t / 2.0 + (seed - 1) * 0.2).append('\n');
            }
        OutputSet set = OutputSet.begin(dir);
        set.write("curves.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        set.commit();
    }

    @Test
    void hclFinalAccuracyIsJudgedAndTheCurveDrawnFromCurvesCsv() throws Exception {
        storeMnist("full");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hcl_table7"), results, EXPECTED);
        assertEquals("", e.protocol());
        assertEquals(20, e.main().runs());
        Comparison.Row fin = e.rows().stream().filter(r -> r.cls().equals("final")).findFirst().orElseThrow();
        assertEquals(95.1, fin.ours(), 1e-9);
        assertEquals(0.1, fin.oursStd(), 1e-9);
        assertEquals(97.0, fin.paper(), 0);
        assertEquals(Verdict.BELOW, fin.verdict()); // 1.9 below, margin 1.0 + 2 × 0.1
        // Table 7's HCL column: mnist judged, the other three rows not run for want of data; its six other methods are baselines
        assertEquals(new ReproductionReport.Tally(0, 1, 0, 3, 0, 24), e.tally());
        assertTrue(e.notRun().stream().anyMatch(n -> n.dataset().equals("emnist") && n.why().contains(note("hcl_table7", "emnist"))), e.notRun().toString());
        assertTrue(e.notRun().stream().anyMatch(n -> n.dataset().equals("dbpedia-pfe") && n.why().contains(note("hcl_table7", "dbpedia-pfe"))));
        // the per-task cells feed the curve, not the table
        assertEquals(11, e.rows().size());
        String md = Notebook.markdown(e);
        assertTrue(md.contains("| HCL final | 95.10 ± 0.10 | 97.00 | ▼ |"), md);
        assertFalse(md.contains("HCL 3 "), md);
        assertTrue(md.contains("Judged: `" + results.resolve("hcl_table7") + "` (20 runs)"), md);
        var charts = Notebook.charts(e);
        assertEquals(List.of("mnist"), List.copyOf(charts.keySet()));
        assertEquals(900, charts.get("mnist").getWidth());
        Comparison.Row t3 = e.rows().stream().filter(r -> r.cls().equals("3")).findFirst().orElseThrow();
        assertEquals(98.6, t3.ours(), 1e-9);
        assertEquals(Verdict.NO_PAPER_VALUE, t3.verdict());
    }

    @Test
    void hclOnPartOfTheDataIsNotComparable() throws Exception {
        storeMnist("first 1000 training images per class of the full set");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hcl_table7"), results, EXPECTED);
        assertEquals(new ReproductionReport.Tally(0, 0, 1, 3, 0, 24), e.tally());
        assertTrue(e.rows().stream().filter(r -> r.cls().equals("final")).findFirst().orElseThrow().note().contains("first 1000"));
    }

    @Test
    void hclHeadsWithoutCurvesAreUnmergedShards() throws Exception {
        storeMnist("full");
        Files.delete(results.resolve("hcl_table7/curves.csv"));
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hcl_table7"), results, EXPECTED);
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 4, 0, 24), e.tally());
        assertTrue(e.notRun().get(0).why().contains("shards not merged"), e.notRun().toString());
    }

    void storePretrained(String folder, boolean asPaper, String variant) {
        ResultStore<HrnGrid.RunResult> store = new ResultStore<>(results.resolve("hrn_pretrained").resolve(folder), HrnGrid.RunResult.class);
        for (int c = 0; c < 10; c++)
            for (String m : List.of("HRN", "OCSVM"))
                store.put(new HrnGrid.RunResult("cifar10", variant, c, m, "paper", 1, m.equals("HRN") ? 100 : 0, 96.0, 96.0, Double.NaN, 0,
                        0.4, 0.8, 5000, 10000, 1.0, "f00d", "cfg", null));
        new RunRecord("scripts/hrn_pretrained.java", new String[0])
                .put("extractor", Map.of("label", "ImageNet-pretrained resnet50 (zoo)", "pretrained_as_paper", asPaper))
                .write(results.resolve("hrn_pretrained").resolve(folder).resolve(asPaper ? "run-record.json" : "run-record-shard-1-of-2.json"));
    }

    @Test
    void pretrainedFeaturesAreJudgedOnlyWhenPretrainedAsThePaper() {
        storePretrained("resnet50-paper", false, "full");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hrn_pretrained"), results, EXPECTED);
        assertEquals("resnet50-paper", e.protocol());
        assertEquals(new ReproductionReport.Tally(0, 0, 1, 0, 1, 2), e.tally()); // the paper's baselines: ICS not run yet, OCGAN and TQM out of scope
        Comparison.Row hrn = e.rows().stream().filter(r -> r.method().equals("HRN") && r.cls().equals(Cells.AVG)).findFirst().orElseThrow();
        assertTrue(hrn.note().contains("features of ImageNet-pretrained resnet50 (zoo), not the paper's extractor"), hrn.note());
        assertTrue(e.rows().stream().anyMatch(r -> r.method().equals("OCSVM") && r.verdict() == Verdict.NO_PAPER_VALUE), "the in-harness baselines are shown, not judged");

        storePretrained("resnet50-paper", true, "full"); // a run record declaring it, beside the shard's that does not
        assertEquals(1, ReproductionReport.evaluate(Sections.get("hrn_pretrained"), results, EXPECTED).tally().notComparable());
    }

    @Test
    void pretrainedAsThePaperOnTheFullDataIsJudged() {
        storePretrained("wrn-paper", true, "full");
        assertNull(ReproductionReport.evaluate(Sections.get("hrn_pretrained"), results, EXPECTED).main(), "another extractor's folder is not read");
        storePretrained("resnet50-paper", true, "full");
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hrn_pretrained"), results, EXPECTED);
        assertEquals(new ReproductionReport.Tally(1, 0, 0, 0, 1, 2), e.tally()); // 96.0 within 2.0 of 96.6
    }

    @Test
    void nothingRunSaysWhy() {
        ReproductionReport.Evaluated e = ReproductionReport.evaluate(Sections.get("hrn_pretrained"), results, EXPECTED);
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 1, 1, 2), e.tally());
        assertTrue(e.notRun().get(0).why().contains("no internet"), e.notRun().toString());
        assertTrue(e.notRun().get(0).why().contains("hrn_pretrained/{resnet50-paper,resnet50-official-code,random-cnn-paper}"), e.notRun().toString());
        ReproductionReport.Evaluated h = ReproductionReport.evaluate(Sections.get("hcl_table7"), results, EXPECTED);
        assertEquals(new ReproductionReport.Tally(0, 0, 0, 4, 0, 24), h.tally());
        assertTrue(h.notRun().get(0).why().startsWith("no runs in " + results.resolve("hcl_table7") + ";"), h.notRun().toString());
        String md = Notebook.markdown(h);
        assertTrue(md.contains("**Not run**: no runs in `") && md.contains("hcl_table7`; `make hcl-table7` runs it."), md); // (under the notebooks' results root)
        assertTrue(md.contains("- emnist: " + note("hcl_table7", "emnist")), md);
        assertFalse(md.contains("- mnist:"), "MNIST is here: `make hcl-table7` runs it");
    }

    @Test
    void onlyTheAuthorsCodesCounterpartIsComparedAsSuch() {
        assertEquals("official-code", ReproductionReport.codeCounterpart("paper"));
        assertEquals("resnet50-official-code", ReproductionReport.codeCounterpart("resnet50-paper"));
        assertFalse(Sections.get("hrn_sensitivity").protocols().contains(ReproductionReport.codeCounterpart("paper-quick")));
        assertNull(ReproductionReport.codeCounterpart(""));
    }

    @Test
    void liveExperimentsNameTheirFolder() {
        Section.Live live = Sections.get("hrn_pretrained").live();
        List<List<String>> c = live.resolved(Path.of("/r/x"));
        assertEquals(List.of("--write-random-cnn", "/r/x/random-cnn.zip"), c.get(0));
        assertTrue(c.get(1).containsAll(List.of("--model", "/r/x/random-cnn.zip")));
        assertEquals("random-cnn-paper", live.protocol());
        assertTrue(Sections.get("hrn_pretrained").protocols().contains(live.protocol()), "the report reads what the live run writes");
        for (Section s : Sections.ALL) assertTrue(s.protocols().contains(s.live().protocol()), s.id());
    }
}
