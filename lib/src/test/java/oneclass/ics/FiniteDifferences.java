package oneclass.ics;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gradient check the ICS tests share: SameDiff's gradients of the loss "loss" against central differences. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Every value of every parameter: |∂loss/∂p − (loss(p + ε) − loss(p − ε)) / 2ε| ≤ abs + 1e-5·|fd|, ε = 1e-6
     * (double graphs). Returns the number of values checked.
     */
    static int check(SameDiff sd, List<String> params, double abs) {
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), params);
        double eps = 1e-6;
        int checked = 0;
        for (String n : params) {
            INDArray p = sd.getArrForVarName(n);
            for (int k = 0; k < p.length(); k++) {
                double orig = p.getDouble(k);
                p.putScalar(k, orig + eps);
                double up = sd.output(Map.of(), "loss").get("loss").getDouble(0);
                p.putScalar(k, orig - eps);
                double down = sd.output(Map.of(), "loss").get("loss").getDouble(0);
                p.putScalar(k, orig);
                double fd = (up - down) / (2 * eps), an = grads.get(n).getDouble(k);
                assertEquals(fd, an, abs + 1e-5 * Math.abs(fd), n + "[" + k + "]");
                checked++;
            }
        }
        return checked;
    }
}
