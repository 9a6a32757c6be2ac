package oneclass.tabular;

import java.util.Arrays;

/**
 * TQM's threshold protocol for the non-image data sets (HRN Table 2): with k the number of anomalies in
 * the test set, the k test instances with the highest anomaly scores are flagged as anomalies; then
 * precision = TP / flagged, recall = TP / k and F1 = 2PR / (P + R). Exactly k are flagged, so
 * precision = recall = F1 = TP / k, which is why the TQM and HRN rows of Table 2 repeat one number
 * three times. (Equivalently: the threshold is the score percentile at 100 % minus the anomaly ratio.)
 *
 * <p><b>Score direction.</b> Scores here are ANOMALY scores: higher = more anomalous. HRN's score is
 * sigmoid(f(x)) with higher = more normal, so callers pass −f(x) (or −sigmoid(f(x))). Prefer −f: the
 * order is the same and float32 sigmoid saturates to exactly 1 for f above about 17, which turns
 * distinct normal scores into ties.
 *
 * <p><b>Ties.</b> Let t be the k-th highest score. All scores above t are flagged; if the m scores
 * equal to t compete for the remaining r slots (1 ≤ r ≤ m), each of them counts as r/m flagged. So
 * TP = (anomalies above t) + r · (anomalies at t) / m: the expected TP over a uniformly random choice
 * of r of the m tied instances, the way AUC's mid-rank counts a tie as one half. It is deterministic
 * and does not depend on the order of the test set, and exactly k are still flagged (precision = recall).
 * Without ties at t (m = 1) it is the plain count of anomalies among the k highest scores.
 *
 * <p>Metrics are fractions in [0, 1]; Table 2 prints percentages (× 100).
 *
 * <p>Reference: Wang et al., "Multivariate Triangular Quantile Maps for Novelty Detection", NeurIPS
 * 2019 (TQM), as followed by HRN (Hu et al., NeurIPS 2020), Sec. 4.3 "Non-Image Datasets".
 */
public final class TopKThreshold {

    /**
     * The outcome: {@code k} anomalies in the test set, the k-th highest score {@code threshold},
     * {@code tiedAtThreshold} scores equal to it (1 without ties), and the (possibly fractional) true
     * positives among the k flagged.
     */
    public record Result(int k, double threshold, int tiedAtThreshold, double truePositives,
                         double precision, double recall, double f1) {
    }

    private TopKThreshold() {
    }

    /** Flags the k highest {@code anomalyScores}, k = number of true {@code anomalous}; see the class comment. */
    public static Result of(double[] anomalyScores, boolean[] anomalous) {
        if (anomalyScores.length != anomalous.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + anomalyScores.length + " vs "
                    + anomalous.length);
        }
        int k = 0;
        for (int i = 0; i < anomalyScores.length; i++) {
            if (Double.isNaN(anomalyScores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN: the model diverged");
            }
            if (anomalous[i]) {
                k++;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("the test set has no anomalies, so k = 0 and nothing can be flagged");
        }
        double[] descending = anomalyScores.clone();
        Arrays.sort(descending); // ascending: the k-th highest is at n − k
        double t = descending[descending.length - k];

        int above = 0;          // scores > t: all flagged
        int tied = 0;           // m: scores == t
        int anomaliesAbove = 0;
        int anomaliesTied = 0;
        for (int i = 0; i < anomalyScores.length; i++) {
            if (anomalyScores[i] > t) {
                above++;
                if (anomalous[i]) {
                    anomaliesAbove++;
                }
            } else if (anomalyScores[i] == t) {
                tied++;
                if (anomalous[i]) {
                    anomaliesTied++;
                }
            }
        }
        int slots = k - above;  // r, 1 ≤ r ≤ m
        double tp = anomaliesAbove + (double) slots * anomaliesTied / tied;
        double flagged = above + slots; // = k
        double precision = tp / flagged;
        double recall = tp / k;
        double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(k, t, tied, tp, precision, recall, f1);
    }
}
