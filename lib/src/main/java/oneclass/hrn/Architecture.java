package oneclass.hrn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The MLP's shape: input width, how many independent blocks the first layer has, the hidden widths;
 * the output is always one unit (the logit f(x)). HRN Sec. 4.2: "[784-100]-[100-1]" for MNIST and
 * Fashion-MNIST, "3*[1024-300]-[900-300]-[300-1]" for CIFAR-10.
 */
public record Architecture(int inputDim, int inputGroups, int[] hidden) {
    public Architecture {
        if (inputDim <= 0) throw new IllegalArgumentException("inputDim must be > 0, got " + inputDim);
        if (hidden.length == 0) throw new IllegalArgumentException("hidden: at least one hidden layer is needed");
        if (inputGroups < 1 || inputDim % inputGroups != 0 || hidden[0] % inputGroups != 0)
            throw new IllegalArgumentException("inputGroups=" + inputGroups + " must divide inputDim=" + inputDim
                    + " and the first hidden width " + hidden[0]);
        hidden = hidden.clone();
    }

    public static Architecture mlp(int inputDim, int... hidden) { return new Architecture(inputDim, 1, hidden); }

    /** HRN's MNIST / Fashion-MNIST model, 784-100-1. */
    public static final Architecture MNIST = mlp(784, 100);
    /** HRN's CIFAR-10 model: one 1024-300 block per colour plane, concatenated to 900, then 300, then 1. */
    public static final Architecture CIFAR10 = new Architecture(3072, 3, new int[] {900, 300});

    @Override public String toString() {
        String first = inputGroups == 1 ? "[" + inputDim + "-" + hidden[0] + "]"
                : inputGroups + "*[" + inputDim / inputGroups + "-" + hidden[0] / inputGroups + "]";
        StringBuilder s = new StringBuilder(first);
        for (int i = 1; i < hidden.length; i++) s.append("-[").append(hidden[i - 1]).append('-').append(hidden[i]).append(']');
        return s.append("-[").append(hidden[hidden.length - 1]).append("-1]").toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof Architecture a && a.inputDim == inputDim && a.inputGroups == inputGroups
                && Arrays.equals(a.hidden, hidden);
    }

    @Override public int hashCode() { return 31 * (31 * inputDim + inputGroups) + Arrays.hashCode(hidden); }

    String hiddenList() { return Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")); }
}
