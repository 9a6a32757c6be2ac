package oneclass.features;

import oneclass.data.Images;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a 32×32 CIFAR-10 image becomes the input of a pretrained network: resized (bilinear) to
 * {@code size}×{@code size}, channels in the network's order, and each value v (0–255) mapped to
 * (v·scale − mean[c]) / std[c]. The tensor is NCHW, the layout of Deeplearning4j's zoo models.
 *
 * <p>A network only gives useful features on inputs prepared the way it was trained, so the preprocessing
 * is part of the feature cache's key ({@link FeatureCache.Key}) and of every run record. Written and parsed
 * as one line, e.g. {@code size=224,order=rgb,scale=1,mean=123.68/116.779/103.939,std=1/1/1}.
 *
 * <p>Resizing uses half-pixel centres (source coordinate (i + 0.5)·in/out − 0.5, clamped to the image),
 * as PyTorch's {@code interpolate(..., align_corners=False)} and TensorFlow 2's {@code resize} do.
 *
 * @param size  output height and width in pixels (32 = the image as it is)
 * @param bgr   channel order blue, green, red (Caffe-trained weights) instead of red, green, blue
 * @param scale factor on the raw 0–255 value before the mean is subtracted (1/255 for inputs in [0, 1])
 * @param mean  per output channel, subtracted after scaling
 * @param std   per output channel, divided by last; positive
 */
public record Preprocessing(int size, boolean bgr, double scale, double[] mean, double[] std) {

    public static final int CHANNELS = 3;

    public Preprocessing {
        if (size < 1 || size > 1024) throw new IllegalArgumentException("preprocessing: size must be in [1, 1024], got " + size);
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("preprocessing: scale must be > 0, got " + scale);
        if (mean == null || mean.length != CHANNELS) throw new IllegalArgumentException("preprocessing: mean needs " + CHANNELS + " values");
        if (std == null || std.length != CHANNELS) throw new IllegalArgumentException("preprocessing: std needs " + CHANNELS + " values");
        for (double m : mean) if (!Double.isFinite(m)) throw new IllegalArgumentException("preprocessing: mean must be finite, got " + m);
        for (double s : std) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("preprocessing: std must be > 0, got " + s);
        mean = mean.clone();
        std = std.clone();
    }

    /** The image as it is: 32×32, RGB, values in [0, 1]. */
    public static Preprocessing unitRange(int size) {
        return new Preprocessing(size, false, 1 / 255.0, new double[3], new double[] {1, 1, 1});
    }

    /**
     * ImageNet mean subtraction on 0–255 RGB values (123.68, 116.779, 103.939), what Deeplearning4j's
     * {@code VGG16ImagePreProcessor} does and what its zoo documents for its VGG weights. That the zoo's
     * ResNet50 and other ImageNet weights expect the same could not be checked here (the weights cannot be
     * downloaded on the development machine): {@code --preprocess} overrides it.
     */
    public static Preprocessing imagenetMeanRgb(int size) {
        return new Preprocessing(size, false, 1, new double[] {123.68, 116.779, 103.939}, new double[] {1, 1, 1});
    }

    /** Writes image {@code i} of {@code images} (32×32×3, channel-major as CIFAR-10 stores it) into {@code dst[offset ..)} as [3, size, size]. */
    public void apply(Images images, int i, float[] dst, int offset) {
        int h = images.rows(), w = images.cols();
        if (images.channels() != CHANNELS)
            throw new IllegalArgumentException(images.name() + ": preprocessing needs " + CHANNELS + "-channel images, got " + images.channels());
        int dim = images.dim(), plane = h * w;
        byte[] px = images.pixels();
        int base = i * dim;
        for (int c = 0; c < CHANNELS; c++) {
            int src = base + (bgr ? CHANNELS - 1 - c : c) * plane; // CIFAR-10 planes are R, G, B
            int out = offset + c * size * size;
            for (int y = 0; y < size; y++) {
                double sy = clamp((y + 0.5) * h / size - 0.5, h - 1);
                int y0 = (int) Math.floor(sy), y1 = Math.min(y0 + 1, h - 1);
                double fy = sy - y0;
                for (int x = 0; x < size; x++) {
                    double sx = clamp((x + 0.5) * w / size - 0.5, w - 1);
                    int x0 = (int) Math.floor(sx), x1 = Math.min(x0 + 1, w - 1);
                    double fx = sx - x0;
                    double v = (1 - fy) * ((1 - fx) * u(px[src + y0 * w + x0]) + fx * u(px[src + y0 * w + x1]))
                            + fy * ((1 - fx) * u(px[src + y1 * w + x0]) + fx * u(px[src + y1 * w + x1]));
                    dst[out + y * size + x] = (float) ((v * scale - mean[c]) / std[c]);
                }
            }
        }
    }

    private static double u(byte b) { return b & 0xff; }

    private static double clamp(double v, int max) { return Math.max(0, Math.min(max, v)); }

    /** Values per prepared image: 3·size². */
    public int dim() { return CHANNELS * size * size; }

    /** The one-line form that {@link #parse} reads back. */
    public String describe() {
        return "size=" + size + ",order=" + (bgr ? "bgr" : "rgb") + ",scale=" + num(scale) + ",mean=" + list(mean) + ",std=" + list(std);
    }

    @Override public String toString() { return describe(); }

    @Override public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.size == size && p.bgr == bgr && Double.compare(p.scale, scale) == 0
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std);
    }

    @Override public int hashCode() { return describe().hashCode(); }

    private static String list(double[] a) { return Arrays.stream(a).mapToObj(Preprocessing::num).collect(Collectors.joining("/")); }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Reads the form {@link #describe} writes. Every key is required once: {@code size}, {@code order}
     * (rgb or bgr), {@code scale} (a number or a fraction a/b such as 1/255), {@code mean} and {@code std}
     * (three numbers separated by '/').
     *
     * @throws IllegalArgumentException naming the key and what was expected
     */
    public static Preprocessing parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--preprocess: empty; expected e.g. " + imagenetMeanRgb(224).describe());
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--preprocess: '" + part + "' is not key=value (in '" + spec + "')");
            String k = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (kv.put(k, part.substring(eq + 1).trim()) != null) throw new IllegalArgumentException("--preprocess: key '" + k + "' given twice");
        }
        for (String k : kv.keySet())
            if (!k.matches("size|order|scale|mean|std")) throw new IllegalArgumentException("--preprocess: unknown key '" + k + "'; keys: size, order, scale, mean, std");
        for (String k : new String[] {"size", "order", "scale", "mean", "std"})
            if (!kv.containsKey(k)) throw new IllegalArgumentException("--preprocess: key '" + k + "' is missing (in '" + spec + "')");
        int size;
        try {
            size = Integer.parseInt(kv.get("size"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--preprocess: size '" + kv.get("size") + "' is not an integer");
        }
        String order = kv.get("order").toLowerCase(Locale.ROOT);
        if (!order.equals("rgb") && !order.equals("bgr")) throw new IllegalArgumentException("--preprocess: order must be rgb or bgr, got '" + order + "'");
        double scale = fraction(kv.get("scale"), "scale");
        return new Preprocessing(size, order.equals("bgr"), scale, triple(kv.get("mean"), "mean"), triple(kv.get("std"), "std"));
    }

    private static double fraction(String s, String key) {
        String[] p = s.split("/", -1);
        if (p.length > 2) throw new IllegalArgumentException("--preprocess: " + key + " '" + s + "' is not a number or a fraction a/b");
        double v = number(p[0], key);
        return p.length == 2 ? v / number(p[1], key) : v;
    }

    private static double[] triple(String s, String key) {
        String[] p = s.split("/", -1);
        if (p.length != CHANNELS) throw new IllegalArgumentException("--preprocess: " + key + " needs " + CHANNELS + " values separated by '/', got '" + s + "'");
        double[] v = new double[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) v[i] = number(p[i], key);
        return v;
    }

    private static double number(String s, String key) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--preprocess: " + key + " value '" + s + "' is not a number");
        }
    }
}
