package oneclass.hrn;

import java.util.Arrays;
import java.util.stream.Collectors;

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
        for (Method m : values()) if (m.column.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("unknown method '" + s + "'; valid: "
                + Arrays.stream(values()).map(Method::column).collect(Collectors.joining(", ")));
    }
}
