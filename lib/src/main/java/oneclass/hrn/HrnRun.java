package oneclass.hrn;

import oneclass.metric.Auc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One cell-run of HRN Table 1: train on one normal class with one seed, score the whole test set,
 * report the AUC with the normal class as positive (HRN Sec. 4.1: "the rest of the classes except C are
 * anomalies").
 */
public final class HrnRun {
    private HrnRun() {}

    /**
     * What one run measured.
     *
     * @param auc          the AUC this protocol reports: {@code finalAuc} (paper) or {@code bestAuc} (code)
     * @param finalAuc     test AUC of the model after the last epoch
     * @param bestAuc      the maximum test AUC over epochs (NaN when only the last epoch was evaluated)
     * @param gradNorm     E‖∇ₓf(x)‖₂ over the training data at the end (the paper quotes 0.872 for HRN, 9.37 for HRN-L2)
     * @param finalLoss    the last epoch's mean training loss; +∞ when training diverged, and then the AUCs are NaN
     */
    public record Result(double auc, double finalAuc, double bestAuc, int bestEpoch, double finalLoss,
                         double gradNorm, int nTrain, int nTest, double seconds) {}

    /** Per-epoch progress: epoch number, training loss. */
    public interface Progress {
        void epoch(int epoch, double loss);
    }

    /**
     * @param train            the normal class's training data [N, D], normalized
     * @param test             the full test set [M, D], normalized (shared, read-only)
     * @param evalEveryEpoch   evaluate after every epoch (needed for the best-epoch AUC)
     */
    public static Result run(HrnConfig config, INDArray train, INDArray test, int[] testLabels, int normalClass,
                             long seed, boolean reportBestEpoch, boolean evalEveryEpoch, Progress progress) {
        long t0 = System.nanoTime();
        boolean everyEpoch = evalEveryEpoch || reportBestEpoch;
        double[] best = {Double.NaN};
        int[] bestEpoch = {0};
        double[] lastLoss = {Double.NaN};
        Mlp model;
        try {
            model = HrnTrainer.train(config, train, seed, (epoch, m, loss) -> {
                lastLoss[0] = loss;
                if (everyEpoch) {
                    double a = Auc.of(m.score(test), testLabels, normalClass);
                    if (!(a <= best[0])) { best[0] = a; bestEpoch[0] = epoch; }
                }
                if (progress != null) progress.epoch(epoch, loss);
            });
        } catch (HrnTrainer.Diverged d) {
            // recorded, not thrown: a diverging configuration is a finding (e.g. an ablation row); NaN AUC, infinite loss
            return new Result(Double.NaN, Double.NaN, best[0], bestEpoch[0], Double.POSITIVE_INFINITY, Double.NaN,
                    (int) train.rows(), (int) test.rows(), (System.nanoTime() - t0) / 1e9);
        }
        double finalAuc = Auc.of(model.score(test), testLabels, normalClass);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(reportBestEpoch ? best[0] : finalAuc, finalAuc, best[0], bestEpoch[0], lastLoss[0],
                model.meanInputGradientNorm(train), (int) train.rows(), (int) test.rows(), seconds);
    }
}
