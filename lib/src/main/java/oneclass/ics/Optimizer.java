package oneclass.ics;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
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
 * Applies ND4J's own Adam or RMSprop update rules to parameters in place: to a SameDiff graph's, one
 * updater (with its own state) per parameter, or to the one vector θ of a {@link Params}
 * network, one updater for all of it (ICS, Deep SVDD). The loss is chosen per step by the caller, which is why
 * SameDiff's built-in {@code fit} (one fixed loss) is not used.
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

    private final Map<String, INDArray> values = new LinkedHashMap<>();   // name → the parameter, updated in place
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private final Set<String> decayed;
    private final double l2;
    private final Params flat;        // the flat form: θ and g of a network, one updater for all of θ
    private final INDArray decay, scratch; // the flat form: 2λ on the decayed values of θ, 0 elsewhere; a buffer for 2λθ
    private final OpProfile profile;
    private int iteration;

    /** @param decayed the parameters with the L2 term λ·‖W‖² ({@code l2} = λ), e.g. the convolution kernels */
    public Optimizer(SameDiff sd, List<String> params, Rule rule, double l2, Collection<String> decayed) {
        this(sd, params, rule.config(), l2, decayed);
    }

    private Optimizer(SameDiff sd, List<String> params, IUpdater cfg, double l2, Collection<String> decayed) {
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        if (!params.containsAll(decayed)) throw new IllegalArgumentException("decayed weights " + decayed + " are not all parameters " + params);
        this.l2 = l2;
        this.decayed = Set.copyOf(decayed);
        this.flat = null;
        this.decay = this.scratch = null;
        this.profile = new OpProfile();
        for (String p : params) add(p, sd.getArrForVarName(p), cfg);
    }

    /**
     * The flat form for a network of {@link Layers}: one updater on all of θ (the rules are elementwise, so this is
     * the per-parameter update), the L2 gradient on the parameters {@link Params} marks decayed.
     */
    Optimizer(Params params, Rule rule, double l2, OpProfile profile) {
        this(params, rule.config(), l2, profile);
    }

    /** As above with any ND4J update rule (Deep SVDD: Adam with its learning-rate milestone). */
    Optimizer(Params params, IUpdater cfg, double l2, OpProfile profile) {
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        this.l2 = l2;
        this.decayed = Set.of();
        this.flat = params;
        this.decay = params.decayedMask().muli(2 * l2);
        this.scratch = params.theta().ulike();
        this.profile = profile;
        add("θ", params.theta(), cfg);
    }

    private void add(String name, INDArray w, IUpdater cfg) {
        values.put(name, w);
        updaters.put(name, cfg.instantiate(Nd4j.zeros(w.dataType(), 1, cfg.stateSize(w.length())), true));
    }

    /** The number of trainable values. */
    public long parameterCount() {
        return values.values().stream().mapToLong(INDArray::length).sum();
    }

    /** One step: θ ← θ − update(∇θ + 2λθ [decayed]) for every parameter; {@code grads} is overwritten. */
    public void step(Map<String, INDArray> grads) {
        for (var e : updaters.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null) throw new IllegalStateException("no gradient for " + e.getKey());
            INDArray w = values.get(e.getKey());
            if (l2 > 0 && decayed.contains(e.getKey())) g.addi(w.mul(2 * l2)); // ∂(λ‖W‖²)/∂W = 2λW
            update(e.getValue(), w, g);
        }
        iteration++;
    }

    /** The flat form's step on g of the last backward pass (overwritten): g += 2λW on the decayed kernels, then θ ← θ − update(g). */
    void step() {
        if (l2 > 0) profile.time("l2", () -> {
            Nd4j.exec(new MulOp(flat.theta(), decay, scratch)); // ∂(λ‖W‖²)/∂W = 2λW, 0 for the others
            flat.grad().addi(scratch);
        });
        update(updaters.get("θ"), flat.theta(), flat.grad());
        iteration++;
    }

    private void update(GradientUpdater<?> u, INDArray w, INDArray g) {
        profile.time("updater", () -> {
            u.applyUpdater(g, iteration, 0);
            w.subi(g);
        });
    }
}
