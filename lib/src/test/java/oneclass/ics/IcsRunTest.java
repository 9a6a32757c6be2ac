package oneclass.ics;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The evaluation split of the code's protocol, the normality score, and the optimizer's first steps, by hand. */
class IcsRunTest {
    /** 10 test images, labels 0,1,0,1,...: normals at 0,2,4,6,8. With 40 %, the first 2 normals (0, 2) and anomalies (1, 3) validate. */
    @Test
    void validationIsTheFirstFractionOfEachLabelInFileOrder() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        Images test = new Images("t", 1, 1, 1, new byte[10], labels);
        IcsRun.Evaluation e = IcsRun.Evaluation.of(test, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0.4);
        assertArrayEquals(new boolean[] {true, true, true, true, false, false, false, false, false, false}, e.validation());
        // scores that rank the held-out part perfectly and the validation part backwards
        double[] s = {0, 1, 0, 1, 1, 0, 1, 0, 1, 0};
        assertEquals(1.0, e.auc(s));
        assertEquals(0.0, e.validationAuc(s));
        IcsRun.Evaluation all = IcsRun.Evaluation.of(test, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0);
        assertEquals(0.6, all.auc(s), 1e-12); // normals 0,0,1,1,1 vs anomalies 1,1,0,0,0: 9 pairs right, 4 wrong, 12 ties as halves: 15/25
    }

    @Test
    void normalityIsMinusTheLogit() {
        assertArrayEquals(new double[] {-2, 0.5}, IcsRun.normality(new double[] {2, -0.5}));
    }

    /**
     * Adam's first step is lr·m̂/(√v̂ + ε) with m̂ = g, v̂ = g²: about lr·sign(g). RMSprop's is
     * lr·g/(√((1−ρ)g²) + ε) = lr·sign(g)/√0.1.
     */
    @Test
    void firstOptimizerStepsByHand() {
        for (String rule : List.of("adam", "rmsprop")) {
            SameDiff sd = SameDiff.create();
            sd.var("w", Nd4j.createFromArray(1f, 1f));
            Optimizer o = new Optimizer(sd, List.of("w"), rule.equals("adam") ? Optimizer.Rule.adam(0.1, 0.5) : Optimizer.Rule.rmsprop(0.1), 0, List.of());
            o.step(new java.util.HashMap<>(Map.of("w", Nd4j.createFromArray(2f, -0.5f))));
            float[] w = sd.getArrForVarName("w").toFloatVector();
            double step = rule.equals("adam") ? 0.1 : 0.1 / Math.sqrt(0.1);
            assertEquals(1 - step, w[0], 1e-4, rule);
            assertEquals(1 + step, w[1], 1e-4, rule);
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizer.Rule.adam(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Optimizer.Rule("sgd", 0.1, 0));
    }

    /**
     * The L2 term as the optimizer adds it (2λW on the decayed weights) steps exactly as the term λ·Σ‖W‖² in
     * the graph's loss did: three Adam steps on loss = Σ(w ⊙ c) + [λ·Σw²] from the same start, w decayed, b not.
     */
    @Test
    void l2InTheOptimizerEqualsL2InTheLoss() {
        double lambda = 0.2; // w₃ = 2, c₃ = −0.5: g₃ = c₃ + 2λw₃ = 0.3 > 0, where λw₃ (a wrong factor) would give −0.1
        INDArray[] ends = new INDArray[2];
        for (int inGraph = 0; inGraph < 2; inGraph++) {
            SameDiff sd = SameDiff.create();
            SDVariable w = sd.var("w", Nd4j.createFromArray(0.5f, -1f, 2f)), b = sd.var("b", Nd4j.createFromArray(1.5f));
            SDVariable loss = w.mul(sd.constant(Nd4j.createFromArray(1f, 2f, -0.5f))).sum().add(b.mul(b).sum());
            if (inGraph == 1) loss = loss.add(w.mul(w).sum().mul(lambda));
            loss.rename("loss");
            sd.setLossVariables("loss");
            Optimizer o = new Optimizer(sd, List.of("w", "b"), Optimizer.Rule.adam(0.1, 0.5), inGraph == 1 ? 0 : lambda, List.of("w"));
            for (int i = 0; i < 3; i++) o.step(sd.calculateGradients(Map.of(), "w", "b"));
            ends[inGraph] = sd.getArrForVarName("w").add(0);
            assertEquals(1.5 - 0.3, sd.getArrForVarName("b").getDouble(0), 0.01, "b is not decayed: Adam's ~lr per step");
        }
        assertTrue(ends[1].equalsWithEps(ends[0], 1e-6), ends[1] + " vs " + ends[0]);
        assertTrue(ends[0].sub(Nd4j.createFromArray(0.5f, -1f, 2f)).amaxNumber().doubleValue() > 0.1, "w moved");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Optimizer(SameDiff.create(), List.of("w"), Optimizer.Rule.adam(0.1, 0.5), 1e-3, List.of("v")));
        assertTrue(e.getMessage().contains("[v]"), e.getMessage());
    }

    /**
     * The flat form (one updater on all of θ, the L2 gradient on the views marked decayed) steps exactly as one
     * updater per parameter with the L2 term on the same ones: three Adam steps from the same start and gradients.
     */
    @Test
    void flatOptimizerEqualsOnePerParameter() {
        Params p = new Params(DataType.FLOAT);
        Params.Param w = p.add(Nd4j.createFromArray(0.5f, -1f, 2f), true), b = p.add(Nd4j.createFromArray(1.5f), false);
        p.seal();
        Optimizer flat = new Optimizer(p, Optimizer.Rule.adam(0.1, 0.5), 0.2, new OpProfile());
        SameDiff sd = SameDiff.create();
        sd.var("w", Nd4j.createFromArray(0.5f, -1f, 2f));
        sd.var("b", Nd4j.createFromArray(1.5f));
        Optimizer each = new Optimizer(sd, List.of("w", "b"), Optimizer.Rule.adam(0.1, 0.5), 0.2, List.of("w"));
        float[][] grads = {{1, 2, -0.5f, 3}, {-1, 0.5f, 0.25f, -2}, {0.1f, -0.2f, 0.3f, 1}};
        for (float[] g : grads) {
            p.grad().assign(Nd4j.createFromArray(g));
            flat.step();
            each.step(new java.util.HashMap<>(Map.of("w", Nd4j.createFromArray(g[0], g[1], g[2]), "b", Nd4j.createFromArray(g[3]))));
        }
        assertArrayEquals(sd.getArrForVarName("w").toFloatVector(), w.value.toFloatVector(), 1e-7f);
        assertArrayEquals(sd.getArrForVarName("b").toFloatVector(), b.value.toFloatVector(), 1e-7f);
        assertEquals(4, flat.parameterCount());
    }

    /**
     * With the rule "1 epoch without a 99 % improvement", both networks stop after epoch 2 (epoch 1 sets the
     * best, epoch 2 cannot fall by 99 %) of a cap of 6, and the 4 skipped epochs still count as progress.
     */
    @Test
    void aConvergedNetworkStopsEarlyAndCountsTheSkippedEpochs() {
        Images train = oneclass.data.ToyDigits.of("t", 20, 1), test = oneclass.data.ToyDigits.of("u", 10, 2);
        IcsConfig cfg = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 4).withEpochs(6, 6).withStop(new Plateau(1, 0.99));
        List<Integer> stopped = new java.util.ArrayList<>();
        int[] units = {0};
        IcsRun.Listener listener = new IcsRun.Listener() {
            @Override public void unit() { units[0]++; }
            @Override public void converged(int epoch) { stopped.add(epoch); }
        };
        IntraClassSplit split = IcsRun.split(cfg, train, 0, test, 1, listener);
        assertEquals(List.of(2), stopped);
        assertEquals(6, units[0]);
        IcsRun.classifierAuc(IcsMethod.ICS, cfg, train, split, 10, new ImageBatches(test, split.testIndices(), 28),
                IcsRun.Evaluation.of(test, split.testIndices(), 0, 0), 1, listener);
        assertEquals(List.of(2, 2), stopped);
        assertEquals(12, units[0]);
        IcsRun.split(cfg.withStop(Plateau.OFF), train, 0, test, 1, listener);
        assertEquals(List.of(2, 2), stopped, "fixed epochs: no early stop");
    }

    /**
     * The code's schedule (iterations instead of epochs, checkpoints picked on a validation part) runs each classifier
     * column, its pair steps included, and gives the same AUC again from the same seed.
     */
    @Test
    void theCodesScheduleRunsEveryClassifierAndRepeatsPerSeed() {
        Images train = oneclass.data.ToyDigits.of("t", 40, 1), test = oneclass.data.ToyDigits.of("u", 20, 2);
        IcsConfig p = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 4).withEpochs(2, 1);
        IcsConfig cfg = new IcsConfig(p.arch(), 2, 1, 3, 8, p.aeRule(), p.netRule(), 1e-3, 0.3, 2, 0, 0, Plateau.OFF);
        IcsRun.Listener quiet = () -> {};
        IntraClassSplit split = IcsRun.split(cfg, train, 0, test, 1, quiet);
        IcsRun.Evaluation eval = IcsRun.Evaluation.of(test, split.testIndices(), 0, 0.3);
        for (IcsMethod m : List.of(IcsMethod.ICS, IcsMethod.NNWDS, IcsMethod.NAIVE)) {
            double a = IcsRun.classifierAuc(m, cfg, train, split, 25, new ImageBatches(test, split.testIndices(), 28), eval, 3, quiet);
            double b = IcsRun.classifierAuc(m, cfg, train, split, 25, new ImageBatches(test, split.testIndices(), 28), eval, 3, quiet);
            assertTrue(a >= 0 && a <= 1, m + ": " + a);
            assertEquals(a, b, 0.0, m + ": same seed, same AUC");
        }
    }

    /** Σ_p Var_i(x̂) / Σ_p Var_i(x): 0 for a network whose output is one constant image (θ = 0: x̂ = σ(0) everywhere), above 0 otherwise. */
    @Test
    void aCollapsedAutoencoderHasNoVariation() {
        Images train = oneclass.data.ToyDigits.of("t", 20, 1);
        IcsArchitecture arch = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 4).arch();
        Autoencoder ae = new Autoencoder(arch.encoder(), arch.decoder(), 1, 28, 0, Optimizer.Rule.rmsprop(1e-3), 1);
        INDArray x = new ImageBatches(train, java.util.stream.IntStream.range(0, 20).toArray(), 28).batch(java.util.stream.IntStream.range(0, 20).toArray(), 0, 20);
        assertTrue(ae.variation(x) > 0, "a random network's output depends on its input: " + ae.variation(x));
        ae.params().theta().assign(0);
        assertEquals(0, ae.variation(x), 0);
        assertEquals(0.5, ae.reconstruct(x).meanNumber().doubleValue(), 1e-6);
    }

    /**
     * The AlexNet-like autoencoder starts from He weights (the classifier keeps Keras' Glorot): with Glorot weights its
     * reconstructions at the start barely depend on the input, which is how MNIST digits 1, 4 and 7 collapsed.
     */
    @Test
    void theAutoencoderStartsFromHeWeightsThatPassTheInputOn() {
        IcsArchitecture arch = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 8).arch();
        assertTrue(arch.encoder().heInit() && arch.decoder().heInit() && !arch.features().heInit(), arch.toString());
        assertTrue(arch.toString().contains("he-init"), "the init is part of the split's description (its fingerprint): " + arch);
        Images train = oneclass.data.ToyDigits.of("t", 64, 1);
        int[] all = java.util.stream.IntStream.range(0, 64).toArray();
        INDArray x = new ImageBatches(train, all, 28).batch(all, 0, 64);
        double he = new Autoencoder(arch.encoder(), arch.decoder(), 1, 28, 0, Optimizer.Rule.rmsprop(1e-3), 1).variation(x);
        double glorot = new Autoencoder(new ConvStack(arch.encoder().layers(), 0), new ConvStack(arch.decoder().layers(), 0), 1, 28, 0,
                Optimizer.Rule.rmsprop(1e-3), 1).variation(x);
        assertTrue(he > 100 * glorot, "he " + he + ", glorot " + glorot);
    }

    /**
     * An autoencoder that the rule stops as converged while it has collapsed is trained again from {@link IcsRun#restartSeed}
     * up to {@link IcsRun#RESTARTS} times; here RMSprop at lr 100 collapses every attempt, so the listener hears 1, 2, 3 and then 0
     * (no restart left), and the split is still made. A network trained to the cap is not checked.
     */
    @Test
    void aCollapsedAutoencoderIsTrainedAgainFromNewSeeds() {
        Images train = oneclass.data.ToyDigits.of("t", 20, 1), test = oneclass.data.ToyDigits.of("u", 10, 2);
        IcsConfig ok = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 4).withEpochs(4, 1).withStop(new Plateau(1, 0.99));
        IcsConfig dying = new IcsConfig(ok.arch(), 4, 1, 0, ok.batch(), Optimizer.Rule.rmsprop(100), ok.netRule(), ok.l2(), 0, 1, 0, 0, ok.stop());
        List<Integer> restarts = new java.util.ArrayList<>();
        List<Long> seeds = new java.util.ArrayList<>();
        IcsRun.Listener listener = new IcsRun.Listener() {
            @Override public void unit() {}
            @Override public void collapsed(double variation, int restart, long seed) {
                assertFalse(variation >= IcsRun.COLLAPSED, "variation " + variation);
                restarts.add(restart);
                seeds.add(seed);
            }
        };
        IntraClassSplit split = IcsRun.split(dying, train, 0, test, 7, listener);
        assertEquals(List.of(1, 2, 3, 0), restarts);
        assertEquals(List.of(7 + 1_000_003L, 7 + 2_000_006L, 7 + 3_000_009L, 7 + 3_000_009L), seeds, "the last: the seed of the network the split is made from");
        assertEquals(20, split.trainIndices().length);
        restarts.clear();
        IcsRun.split(ok, train, 0, test, 7, listener);
        assertEquals(List.of(), restarts, "a network that learns is not restarted");
        IcsRun.split(dying.withStop(Plateau.OFF), train, 0, test, 7, listener);
        assertEquals(List.of(), restarts, "fixed epochs: nothing claims convergence, nothing is checked");
    }

    @Test
    void configRejectsBadSettingsByName() {
        IcsConfig c = IcsProtocol.PAPER.config(oneclass.data.Benchmark.MNIST, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withEpochs(0, 1));
        assertTrue(e.getMessage().contains("ae-epochs"), e.getMessage());
        assertEquals(64, c.batch());
        assertEquals(1e-6, c.l2());
        assertEquals(28, c.arch().side());
        assertEquals(32, IcsProtocol.OFFICIAL_CODE.config(oneclass.data.Benchmark.MNIST, 8).arch().side());
    }
}
