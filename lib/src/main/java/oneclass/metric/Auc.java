package oneclass.metric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve, computed exactly as the Mann-Whitney U statistic.
 *
 * <p>AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋), where R₊ is the sum of the ranks of the positive scores
 * among all scores and tied scores share their average (mid-)rank. This equals the probability that a
 * random positive scores above a random negative, counting ties as one half — the same number as
 * scikit-learn's {@code roc_auc_score}, which the authors of both papers used.
 *
 * <p>Reference: Hanley &amp; McNeil (1982), "The meaning and use of the area under a ROC curve".
 */
public final class Auc {
    private Auc() {}

    /** AUC of {@code scores} for the labels {@code positive} (higher score = more likely positive). */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length)
            throw new IllegalArgumentException(
                    "scores and labels differ in length: " + scores.length + " vs " + positive.length);
        for (int i = 0; i < scores.length; i++)
            if (Double.isNaN(scores[i]))
                throw new IllegalArgumentException("score " + i + " is NaN: the model diverged");
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));

        long nPos = 0;
        double rankSumPos = 0; // R₊, ranks 1-based; a run of ties shares its mid-rank
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) end++;
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                if (positive[order[k]]) { nPos++; rankSumPos += midRank; }
            start = end + 1;
        }
        long nNeg = scores.length - nPos;
        if (nPos == 0 || nNeg == 0)
            throw new IllegalArgumentException(
                    "AUC needs both classes; got " + nPos + " positives and " + nNeg + " negatives");
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /** AUC where the positives are the items whose label equals {@code positiveLabel}. */
    public static double of(double[] scores, int[] labels, int positiveLabel) {
        boolean[] pos = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) pos[i] = labels[i] == positiveLabel;
        return of(scores, pos);
    }
}
