package oneclass.ics;

import oneclass.run.Cli;

import java.util.List;

/** The columns of ICS Table 1 that the ICS split serves (OCSVM, IF and HOG + OCSVM run as {@link IcsGrid.Baseline}s; DSVDD is the paper's only). */
public enum IcsMethod {
    /** "Ours": split, distance subnetwork, the closeness, intra-class and dispersion losses (Eqs. 2-4). */
    ICS("Ours"),
    /** "Neural network with data splitting but without one-class constraints": Eq. 3 only, on the split's labels. */
    NNWDS("NNwDS"),
    /** "Naive neural network without data splitting": the same classifier, every training image labelled alike, Eq. 3 only. */
    NAIVE("NaiveNN"),
    /** "Error based classifier (SSIM) which directly took the SSIM between the reconstructions and the original data as the classification score". */
    SSIM("SSIM");

    private final String column;

    IcsMethod(String column) { this.column = column; }

    /** The column header in the paper's Table 1 (and in expected-results/ics_table1.csv). */
    public String column() { return column; }

    public static IcsMethod parse(String s) {
        return Cli.byName("method", s, values(), m -> List.of(m.column, m.name()), List.of());
    }
}
