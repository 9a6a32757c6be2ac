package oneclass.hcl;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The order in which classes arrive, one class per task (HRN Sec. 4.5: "We have conducted some initial
 * experiments with one class per task continual learning"). The paper does not give the order; the
 * default is the labels' natural order 0, 1, …, K−1, the usual class-incremental split. Because HCL's heads
 * are independent and each head's seed depends on its class, not on its position ({@link HclHeads#headSeed}),
 * the accuracy after the last task does not depend on the order; only the curve of accuracy after each task does.
 *
 * @param classes the class of task 1, task 2, …; distinct, each in {@code 0..numClasses-1}
 */
public record TaskSequence(int[] classes) {
    public TaskSequence {
        if (classes.length == 0) throw new IllegalArgumentException("a task sequence needs at least one task");
        Set<Integer> seen = new HashSet<>();
        for (int c : classes) {
            if (c < 0) throw new IllegalArgumentException("class " + c + " is negative");
            if (!seen.add(c)) throw new IllegalArgumentException("class " + c + " appears twice in the task sequence " + Arrays.toString(classes));
        }
        classes = classes.clone();
    }

    /** Tasks 0, 1, …, numClasses−1 in label order. */
    public static TaskSequence natural(int numClasses) {
        int[] c = new int[numClasses];
        for (int i = 0; i < numClasses; i++) c[i] = i;
        return new TaskSequence(c);
    }

    /** The classes 0..numClasses−1 in a random order drawn from {@code seed} (Fisher-Yates). */
    public static TaskSequence shuffled(int numClasses, long seed) {
        int[] c = natural(numClasses).classes();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = c.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return new TaskSequence(c);
    }

    /** An explicit order; every class must lie in {@code 0..numClasses-1}. */
    public static TaskSequence of(List<Integer> order, int numClasses) {
        TaskSequence t = new TaskSequence(order.stream().mapToInt(Integer::intValue).toArray());
        for (int c : t.classes) if (c >= numClasses) throw new IllegalArgumentException("class " + c + " is outside 0.." + (numClasses - 1));
        return t;
    }

    /**
     * The sequence an option names for a data set of {@code numClasses} classes: {@code natural} (0, 1, 2, ...),
     * {@code shuffled} (a random order drawn from {@code seed}) or an explicit list such as {@code 3,1,2}, which must
     * hold every class once (Table 7 learns every class: a shorter sequence would be a different experiment).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static TaskSequence parse(String spec, int numClasses, long seed) {
        String o = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (o.equals("natural")) return natural(numClasses);
        if (o.equals("shuffled")) return shuffled(numClasses, seed);
        List<Integer> explicit = new java.util.ArrayList<>();
        for (String s : o.split(","))
            try {
                explicit.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "' is not natural, shuffled or a list of classes");
            }
        TaskSequence t = of(explicit, numClasses);
        if (t.tasks() != numClasses)
            throw new IllegalArgumentException("it lists " + t.tasks() + " classes; every class 0.." + (numClasses - 1) + " must appear once");
        return t;
    }

    public int tasks() { return classes.length; }

    public int classAt(int task) { return classes[task]; }

    @Override public int[] classes() { return classes.clone(); }

    @Override public boolean equals(Object o) { return o instanceof TaskSequence t && Arrays.equals(t.classes, classes); }

    @Override public int hashCode() { return Arrays.hashCode(classes); }

    @Override public String toString() { return Arrays.toString(classes); }
}
