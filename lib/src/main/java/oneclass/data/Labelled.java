package oneclass.data;

/** Labelled examples, images ({@link Images}) or feature vectors ({@link Features}): which rows hold a class. */
public interface Labelled {
    /** Indices of the rows with this label, in order. */
    int[] indicesOf(int label);
}
