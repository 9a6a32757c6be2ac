package oneclass.reproduction;

import oneclass.features.PretrainedResults;
import oneclass.hcl.HclResults;
import oneclass.hrn.HrnResults;
import oneclass.ics.IcsResults;
import oneclass.report.Cells;
import oneclass.report.Charts;
import oneclass.tabular.TabularResults;

import java.util.List;
import java.util.Map;

import static oneclass.reproduction.Section.Layout.CLASSES;
import static oneclass.reproduction.Section.Live.OUT;

/**
 * Every paper section the harness reproduces, in the paper's order: the registry behind {@code make report}
 * and the notebooks. A new script joins them with one entry here; its package reads its results folder back
 * (e.g. {@link HrnResults#read}). Why a data set is not run on this machine is data: {@link MachineNotes}; why a column is
 * left out, and where a quoted column's protocols differ, too: {@link ColumnNotes}.
 */
public final class Sections {
    private Sections() {}

    static final MachineNotes MACHINE = MachineNotes.builtIn();
    static final ColumnNotes COLUMNS = ColumnNotes.builtIn();

    /** A section whose notes are this machine's, and whose quoted columns' notes are those of {@link #COLUMNS}. */
    private static Section.Builder section(String id) {
        return Section.of(id).notes(MACHINE.of(id)).quotedNotes(COLUMNS.quoted().getOrDefault(id, Map.of()));
    }

    private static final String AVG_AUC = "AUC % (average over classes)";

    public static final List<Section> ALL = List.of(
            section("hrn_table1").title("HRN Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10")
                    .expected("hrn_table1.csv").methods("HRN", "HRN-L2").protocols("paper", "official-code")
                    .reader(HrnResults::read).layout(CLASSES).charts(Charts.perClass("AUC %"))
                    // HRN copied its ICS and DSVDD columns from ICS Table 1's Ours and DSVDD columns: judged from our runs of them
                    .quotes("ICS", "ics_table1", IcsResults.column("Ours", "ICS"))
                    .quotes("DSVDD", "ics_table1", IcsResults.column("DSVDD", "DSVDD"))
                    .live("paper", "--datasets", "mnist", "--classes", "0,1", "--seeds", "1", "--epochs", "3").build(),
            section("hrn_table2").title("HRN Table 2: precision, recall, F1 on KDDCUP99, Thyroid, Arrhythmia")
                    .expected("hrn_table2.csv").methods("HRN").protocols("paper", "official-code")
                    .reader(TabularResults::read).charts(Charts.byDataset("f1", "F1 %"))
                    .live("paper", "--datasets", "thyroid,arrhythmia", "--seeds", "1", "--epochs", "3").build(),
            section("hrn_ablation").title("HRN Table 3: ablation of loss, H-regularization, instance normalization")
                    .expected("hrn_table3.csv").protocols("paper", "official-code")
                    .reader(HrnResults::read).charts(Charts.byDataset(Cells.AVG, AVG_AUC))
                    .live("paper", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2").build(),
            section("hrn_noise").title("HRN Table 5: HRN trained with 0/1/10/20 % other-class images")
                    .expected("hrn_table5.csv").protocols("paper", "official-code")
                    .reader(HrnResults::read).charts(HrnResults::noiseCurves)
                    .live("paper", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--epochs", "2").build(),
            section("hrn_sensitivity").title("HRN Sec. 4.2: sensitivity of the average AUC to λ and n (MNIST)")
                    .protocols("paper", "paper-quick")
                    .reader(HrnResults::read).charts(HrnResults::sensitivityCurves)
                    .live("paper", "--classes", "0", "--lambdas", "0,0.1", "--ns", "12", "--epochs", "2").build(),
            // the folder is named after the extractor: the zoo's ResNet50 (the default), else the smoke/live run's random CNN
            section("hrn_pretrained").title("HRN Table 4: HRN on features of a pretrained network (CIFAR-10)")
                    .expected("hrn_table4.csv").methods("HRN").protocols("resnet50-paper", "resnet50-official-code", "random-cnn-paper")
                    .reader(PretrainedResults::read).charts(Charts.byDataset(Cells.AVG, AVG_AUC))
                    .live(new Section.Live("random-cnn-paper", List.of(List.of("--write-random-cnn", OUT + "/random-cnn.zip"),
                            List.of("--model", OUT + "/random-cnn.zip", "--label", "random-weights CNN (NOT pretrained; a notebook's live run)",
                                    "--classes", "0,1", "--seeds", "1", "--epochs", "3", "--feature-cache", OUT + "/features")))).build(),
            section("hcl_table7").title("HRN Table 7: HCL continual learning, one class per task")
                    .expected("hrn_table7.csv").methods(HclResults.HCL).protocols("")
                    .reader(HclResults::read).charts(HclResults::taskCurves)
                    .live("", "--datasets", "mnist", "--seeds", "1", "--epochs", "2", "--train-per-class", "1000").build(),
            section("ics_split").title("ICS Sec. 2.1 and Fig. 1: the intra-class split into typical and atypical images")
                    .protocols("paper", "from-table1", "official-code", "paper-quick")
                    .reader(IcsResults::split).layout(CLASSES)
                    .live("paper-quick", "--datasets", "mnist", "--classes", "0", "--quick").build(),
            section("ics_table1").title("ICS Table 1: one-class AUC per class on MNIST, Fashion-MNIST, CIFAR-10")
                    .expected("ics_table1.csv").methods("Ours", "NNwDS", "NaiveNN", "SSIM")
                    .protocols("paper", "official-code", "paper-quick", "official-code-quick")
                    .reader(IcsResults::table1).layout(CLASSES).charts(Charts.perClass("AUC %"))
                    .live("paper-quick", "--datasets", "mnist", "--classes", "0", "--seeds", "1", "--quick").build(),
            section("ics_rho").title("ICS Fig. 4: class-averaged AUC against the ratio ρ (the paper prints no points: std over ρ < 1, Sec. 3.2)")
                    .protocols("paper", "official-code", "paper-quick")
                    .reader(IcsResults::rho).charts(IcsResults::rhoCurves)
                    .live("paper-quick", "--datasets", "mnist", "--classes", "0", "--rhos", "5,10,50", "--quick").build(),
            section("ics_width").title("ICS: Ours' AUC and run time against the width of the AlexNet-like networks (the paper gives no width)")
                    .protocols("paper", "paper-quick")
                    .reader(IcsResults::width).charts(IcsResults::widthCurves)
                    .live("paper-quick", "--datasets", "mnist", "--classes", "0", "--widths", "4,8", "--quick").build());

    static {
        for (String id : MACHINE.sections().keySet())
            if (ALL.stream().noneMatch(s -> s.id().equals(id)))
                throw new IllegalStateException(MachineNotes.FILE + ": notes for an unknown section '" + id + "'; known: " + ids());
        COLUMNS.quoted().forEach((id, notes) -> notes.keySet().forEach(m -> {
            if (ALL.stream().noneMatch(s -> s.id().equals(id) && s.quoted().stream().anyMatch(q -> q.method().equals(m))))
                throw new IllegalStateException(ColumnNotes.FILE + ": a note for column " + m + " of " + id + ", which no section quotes");
        }));
        for (Section s : ALL) for (Section.Quoted q : s.quoted()) get(q.section()); // the quoted section exists
        for (String id : COLUMNS.checked().keySet())
            if (ALL.stream().noneMatch(s -> s.id().equals(id)))
                throw new IllegalStateException(ColumnNotes.FILE + ": 'checked' notes for an unknown section '" + id + "'; known: " + ids());
    }

    /** The section called {@code id}. */
    public static Section get(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown section '" + id + "'; known: " + ids()));
    }

    static List<String> ids() { return ALL.stream().map(Section::id).toList(); }
}
