package oneclass.features;

import oneclass.data.DataException;
import oneclass.data.Download;
import org.deeplearning4j.zoo.InstantiableModel;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.Adler32;

/**
 * The ImageNet weights of a Deeplearning4j zoo model: where the zoo publishes the model file, the adler32
 * checksum the zoo verifies it with, and the input size its metadata states. Both URL and checksum are
 * read from the zoo's own classes ({@code deeplearning4j-zoo} 1.0.0-M2.1), not copied here.
 *
 * <p>{@link #fetch} downloads the file once into a cache folder (atomically, checksum verified, via
 * {@link Download}, so tests and offline mirrors can serve it) and returns its path; the file is an
 * ordinary Deeplearning4j model file for {@link FeatureExtractor#load}. The zoo's own
 * {@code initPretrained} is not used because it downloads into {@code ~/.deeplearning4j} with no way to
 * inject a fetcher or to say what went wrong offline.
 *
 * <p>These are networks trained on all of ImageNet: the paper's extractor was a WRN pretrained on ImageNet
 * "after manually removing 229 classes that are similar to those classes in CIFAR-10" (HRN Sec. 4.4),
 * weights that are not public. Features from these weights have seen CIFAR-10's classes.
 *
 * @param name      the zoo's model name, e.g. resnet50
 * @param url       where the zoo downloads the weights from
 * @param adler32   the checksum the zoo publishes for that file
 * @param inputSize the input height and width of the zoo's metadata (224 for ResNet50)
 */
public record ZooWeights(String name, URI url, long adler32, int inputSize) {

    /** The zoo models with ImageNet weights. */
    public static final List<String> NAMES = List.of("resnet50", "vgg16", "vgg19", "squeezenet", "darknet19", "xception", "nasnet");

    public ZooWeights {
        if (name == null || !name.matches("[a-z0-9_-]+")) throw new IllegalArgumentException("zoo model name must be [a-z0-9_-]+, got " + name);
        if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        String path = url.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) throw new IllegalArgumentException("url must name a file, got " + url);
    }

    /**
     * The ImageNet weights of the zoo model {@code name} (one of {@link #NAMES}).
     *
     * @throws IllegalArgumentException for another name, listing the valid ones
     */
    public static ZooWeights imagenet(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Supplier<InstantiableModel> model = switch (n) {
            case "resnet50" -> () -> ResNet50.builder().build();
            case "vgg16" -> () -> VGG16.builder().build();
            case "vgg19" -> () -> VGG19.builder().build();
            case "squeezenet" -> () -> SqueezeNet.builder().build();
            case "darknet19" -> () -> Darknet19.builder().build();
            case "xception" -> () -> Xception.builder().build();
            case "nasnet" -> () -> NASNet.builder().build();
            default -> throw new IllegalArgumentException("--zoo: unknown model '" + name + "'; zoo models with ImageNet weights: " + String.join(", ", NAMES));
        };
        InstantiableModel m = model.get();
        String url = m.pretrainedUrl(PretrainedType.IMAGENET);
        if (url == null) throw new IllegalArgumentException("--zoo: " + n + " has no ImageNet weights in deeplearning4j-zoo");
        int[][] shape = m.metaData().getInputShape();
        return new ZooWeights(n, URI.create(url), m.pretrainedChecksum(PretrainedType.IMAGENET), shape[0][shape[0].length - 1]);
    }

    /** The file name under the cache folder: the URL's last segment. */
    public String fileName() {
        String p = url.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The preprocessing assumed for these weights: ImageNet mean subtraction at the zoo's input size ({@link Preprocessing#imagenetMeanRgb}). */
    public Preprocessing preprocessing() { return Preprocessing.imagenetMeanRgb(inputSize); }

    /**
     * The weights file under {@code cacheDir/<name>/}, downloaded first if it is not there. A cached file
     * whose checksum no longer matches is an error (not silently replaced): delete it to download again.
     *
     * @throws DataException when the download fails (naming the URL and where to put a file fetched
     *                       elsewhere) or the checksum does not match
     */
    public Path fetch(Path cacheDir, Download.Fetcher fetcher) {
        Path target = cacheDir.resolve(name).resolve(fileName());
        if (Files.isRegularFile(target)) {
            long actual = adler32Of(target);
            if (actual != adler32)
                throw new DataException(target + ": adler32 " + actual + ", but the zoo publishes " + adler32 + " for " + url
                        + ". The file is corrupt or not these weights: delete it to download it again.");
            return target;
        }
        try {
            Download.fetch(url, target, fetcher, temp -> {
                long actual = adler32Of(temp);
                if (actual != adler32)
                    throw new DataException("download " + url + ": adler32 " + actual + ", expected " + adler32 + " (deeplearning4j-zoo's checksum)");
            });
        } catch (IOException e) {
            throw new DataException("could not download the " + name + " ImageNet weights from " + url + ": " + e
                    + ".\nWithout network access, fetch that file on another machine and put it at " + target.toAbsolutePath()
                    + " (its adler32 must be " + adler32 + "), or pass a model file with --model.", e);
        }
        return target;
    }

    /**
     * As {@link #fetch} from the zoo's server, or, when {@code allowDownload} is false, the cached file only.
     *
     * @throws IllegalArgumentException when downloading is off and the file is not in the cache, saying where to put it
     */
    public Path ensure(Path cacheDir, boolean allowDownload) {
        Path target = cacheDir.resolve(name).resolve(fileName());
        if (!allowDownload && !Files.isRegularFile(target))
            throw new IllegalArgumentException("--no-download: the " + name + " weights are not at " + target.toAbsolutePath()
                    + "; fetch " + url + " there (adler32 " + adler32 + ") or pass --model");
        return fetch(cacheDir, Download.DEFAULT_FETCHER);
    }

    /** The adler32 of a file, as deeplearning4j-zoo computes it (commons-io's checksum with java.util.zip.Adler32). */
    public static long adler32Of(Path file) {
        Adler32 a = new Adler32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) a.update(buf, 0, r);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
        return a.getValue();
    }
}
