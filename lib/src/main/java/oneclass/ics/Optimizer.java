package oneclass.ics;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies ND4J's own Adam or RMSprop update rules to a SameDiff graph's parameters in place, one
 * updater (with its own state) per parameter. The loss is chosen per step by the caller, which is why
 * the graph's built-in {@code fit} (one fixed loss) is not used.
 *
 * <p>The L2 term λ·Σ‖W‖² (Keras' l2(λ), added to the loss) enters here as its gradient 2λ·W on the
 * decayed weights, before the update rule, as Keras' would: the same step as with the term in the graph
 * (OptimizerTest), without the four graph ops and their backward ops per kernel on every step.
 */
public final class Optimizer {
    /** An update rule and its settings. */
    public record Rule(String name, double lr, double beta1) {
        public Rule {
            if (!name.equals("adam") && !name.equals("rmsprop")) throw new IllegalArgumentException("optimizer must be adam or rmsprop, got " + name);
            if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }

        public static Rule adam(double lr, double beta1) { return new Rule("adam", lr, beta1); }

        public static Rule rmsprop(double lr) { return new Rule("rmsprop", lr, 0); }

        IUpdater config() {
            // Keras' defaults for what the rule leaves open: Adam β2 = 0.999, ε = 1e-7; RMSprop ρ = 0.9, ε = 1e-7
            return name.equals("adam") ? new Adam(lr, beta1, 0.999, 1e-7) : new RmsProp(lr, 0.9, 1e-7);
        }

        @Override public String toString() { return name + "(lr=" + lr + (name.equals("adam") ? ", beta1=" + beta1 : "") + ")"; }
    }

    private final SameDiff sd;
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private final Set<String> decayed;
    private final double l2;
    private int iteration;

    /** @param decayed the parameters with the L2 term λ·‖W‖² ({@code l2} = λ), e.g. the convolution kernels */
    public Optimizer(SameDiff sd, List<String> params, Rule rule, double l2, Collection<String> decayed) {
        this(sd, params, rule.config(), l2, decayed);
    }

    /** As above with any ND4J update rule, e.g. Adam with a learning-rate schedule over the iterations (Deep SVDD's milestone). */
    public Optimizer(SameDiff sd, List<String> params, IUpdater cfg, double l2, Collection<String> decayed) {
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        if (!params.containsAll(decayed)) throw new IllegalArgumentException("decayed weights " + decayed + " are not all parameters " + params);
        this.sd = sd;
        this.l2 = l2;
        this.decayed = Set.copyOf(decayed);
        for (String p : params) {
            INDArray w = sd.getArrForVarName(p);
            long n = cfg.stateSize(w.length());
            INDArray state = Nd4j.zeros(DataType.FLOAT, 1, n);
            updaters.put(p, cfg.instantiate(state, true));
        }
    }

    /** The number of trainable values. */
    public long parameterCount() {
        return updaters.keySet().stream().mapToLong(p -> sd.getArrForVarName(p).length()).sum();
    }

    /** One step: θ ← θ − update(∇θ + 2λθ [decayed]) for every parameter; {@code grads} is overwritten. */
    public void step(Map<String, INDArray> grads) {
        for (var e : updaters.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null) throw new IllegalStateException("no gradient for " + e.getKey());
            INDArray w = sd.getArrForVarName(e.getKey());
            if (l2 > 0 && decayed.contains(e.getKey())) g.addi(w.mul(2 * l2)); // ∂(λ‖W‖²)/∂W = 2λW
            e.getValue().applyUpdater(g, iteration, 0);
            w.subi(g);
        }
        iteration++;
    }
}
