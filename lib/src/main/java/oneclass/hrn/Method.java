package oneclass.hrn;

import oneclass.run.Cli;

import java.util.List;

/** The HRN variants of HRN Table 1, named as the table's columns name them. */
public enum Method {
    /** NLL + H-regularization + 2-norm instance normalization (HRN Eq. 3, Sec. 3.2). */
    HRN("HRN"),
    /** HRN with the H-regularizer replaced by L2 regularization of the weights (baseline (11), Sec. 4.1). */
    HRN_L2("HRN-L2");

    private final String column;

    Method(String column) { this.column = column; }

    /** The column name in the paper's table and in our result files. */
    public String column() { return column; }

    public static Method parse(String s) {
        return parse(s, List.of());
    }

    /** As {@link #parse(String)}; an unknown name's error lists {@code others} as valid too (the baselines a script also runs). */
    public static Method parse(String s, List<String> others) {
        return Cli.byName("method", s, values(), m -> List.of(m.column, m.name()), others);
    }
}
