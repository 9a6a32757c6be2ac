package oneclass.ics;

import oneclass.run.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The data split of ICS (Sec. 2.1): every training image of the normal class scored by SSIM(x, x̂) under
 * the autoencoder, and "according to the predefined ratio ρ, the first ρ% samples with the lowest
 * similarity scores are considered as atypical normal samples", the others typical. The number atypical
 * is round(ρ·n/100); ties in the score go to the lower index (a stable sort), so the split is a pure
 * function of the scores.
 *
 * <p>The scores are kept (not only the split) so that one autoencoder serves every ρ (Fig. 4), and the
 * test images' scores give the SSIM baseline of Table 1. Saved as CSV ({@code set,index,ssim}; set is
 * train or test, index the image's index in its file) with a first line {@code # fingerprint=...} naming
 * the settings that made it.
 *
 * @param trainIndices the normal class's training images, as indices into the training file
 * @param trainSsim    SSIM(x, x̂) of each, same order
 * @param testSsim     SSIM(x, x̂) of each test image used (indices {@code testIndices})
 */
public record IntraClassSplit(int[] trainIndices, double[] trainSsim, int[] testIndices, double[] testSsim) {
    public IntraClassSplit {
        if (trainIndices.length != trainSsim.length) throw new IllegalArgumentException("train indices and scores differ in length");
        if (testIndices.length != testSsim.length) throw new IllegalArgumentException("test indices and scores differ in length");
    }

    /** How many of n images are atypical at ratio ρ (in %). */
    public static int atypicalCount(int n, double rho) {
        if (!(rho > 0 && rho < 100)) throw new IllegalArgumentException("rho must be in (0, 100) %, got " + rho);
        int k = (int) Math.round(rho * n / 100.0);
        return Math.max(1, Math.min(n - 1, k));
    }

    /**
     * Positions (into {@link #trainIndices}) of the atypical images at ratio ρ: the round(ρ·n/100) lowest
     * scores, in increasing order of score.
     */
    public int[] atypical(double rho) {
        int n = trainSsim.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> trainSsim[i])); // stable: ties keep index order
        int k = atypicalCount(n, rho);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = order[i];
        return out;
    }

    /** Per training position: 1 atypical, 0 typical (Eq. 3's labels), at ratio ρ. */
    public float[] labels(double rho) {
        float[] y = new float[trainSsim.length];
        for (int p : atypical(rho)) y[p] = 1;
        return y;
    }

    public void save(Path file, String fingerprint) {
        StringBuilder s = new StringBuilder("# fingerprint=").append(fingerprint).append("\nset,index,ssim\n");
        for (int i = 0; i < trainIndices.length; i++) s.append("train,").append(trainIndices[i]).append(',').append(trainSsim[i]).append('\n');
        for (int i = 0; i < testIndices.length; i++) s.append("test,").append(testIndices[i]).append(',').append(testSsim[i]).append('\n');
        String crc = ResultStore.crc(s.toString());
        s.append(CHECK).append(crc).append('\n');   // a file cut short or edited fails this check
        ResultStore.writeAtomically(file, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static final String CHECK = "# crc32=";

    /**
     * The split saved in {@code file} if it exists, is whole and was made with {@code fingerprint}. A damaged file
     * (cut short or edited: its last line, the CRC-32 of everything before it, does not match) is named on standard
     * error and treated as absent, so that the split is made again.
     *
     * @throws IllegalStateException when it was made with other settings
     */
    public static Optional<IntraClassSplit> load(Path file, String fingerprint) {
        if (!Files.exists(file)) return Optional.empty();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String text = String.join("\n", lines) + "\n";
        int last = text.lastIndexOf(CHECK);
        String body = last < 0 ? "" : text.substring(0, last);
        if (last < 0 || !text.endsWith("\n") || !text.substring(last + CHECK.length(), text.length() - 1).equals(ResultStore.crc(body))) {
            System.err.println("warning: " + file + " is damaged (cut short or edited: its last line is not the CRC-32 of the rest); "
                    + "making the split again");
            return Optional.empty();
        }
        lines = lines.subList(0, lines.size() - 1);
        if (lines.size() < 2 || !lines.get(0).startsWith("# fingerprint=") || !lines.get(1).equals("set,index,ssim"))
            throw new IllegalArgumentException(file + ": not a split file (expected '# fingerprint=...' then 'set,index,ssim')");
        String found = lines.get(0).substring("# fingerprint=".length());
        if (!found.equals(fingerprint))
            throw new IllegalStateException(file + " was made with other settings (fingerprint " + found + ", now " + fingerprint
                    + "). Use another --out directory, or delete that file to start over.");
        List<int[]> tr = new ArrayList<>(), te = new ArrayList<>();
        List<Double> trs = new ArrayList<>(), tes = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 3) throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected set,index,ssim");
            boolean train = f[0].equals("train");
            if (!train && !f[0].equals("test")) throw new IllegalArgumentException(file + " line " + (i + 1) + ": set must be train or test");
            (train ? tr : te).add(new int[] {Integer.parseInt(f[1])});
            (train ? trs : tes).add(Double.parseDouble(f[2]));
        }
        return Optional.of(new IntraClassSplit(tr.stream().mapToInt(a -> a[0]).toArray(), trs.stream().mapToDouble(d -> d).toArray(),
                te.stream().mapToInt(a -> a[0]).toArray(), tes.stream().mapToDouble(d -> d).toArray()));
    }
}
