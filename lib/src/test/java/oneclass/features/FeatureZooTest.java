package oneclass.features;

import oneclass.data.DataException;
import oneclass.data.Download;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The zoo path without the network: the real entries are read from deeplearning4j-zoo; the download,
 * checksum and cache machinery is exercised with a model file the test writes and serves itself.
 */
class FeatureZooTest {
    @TempDir Path dir;

    @Test
    void theImageNetEntriesComeFromTheZoo() {
        ZooWeights r = ZooWeights.imagenet("ResNet50");
        assertEquals("resnet50", r.name());
        assertEquals("https://dl4jdata.blob.core.windows.net/models/resnet50_dl4j_inference.v3.zip", r.url().toString());
        assertEquals(3914447815L, r.adler32());
        assertEquals(224, r.inputSize());
        assertEquals("resnet50_dl4j_inference.v3.zip", r.fileName());
        assertEquals(Preprocessing.imagenetMeanRgb(224), r.preprocessing());
        assertEquals(227, ZooWeights.imagenet("squeezenet").inputSize());
        assertEquals(299, ZooWeights.imagenet("xception").inputSize());
        for (String n : ZooWeights.NAMES) assertTrue(ZooWeights.imagenet(n).url().toString().endsWith(".zip"), n);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZooWeights.imagenet("lenet"));
        assertTrue(e.getMessage().contains("unknown model 'lenet'") && e.getMessage().contains("resnet50, vgg16"), e.getMessage());
    }

    static long adler32(byte[] b) {
        Adler32 a = new Adler32();
        a.update(b);
        return a.getValue();
    }

    @Test
    void weightsAreDownloadedOnceVerifiedAndLoadable() throws IOException {
        Path model = dir.resolve("served.zip");
        RandomCnn.write(model, 5);
        byte[] bytes = Files.readAllBytes(model);
        ZooWeights w = new ZooWeights("tinycnn", URI.create("https://example.org/models/tinycnn_v1.zip"), adler32(bytes), 32);
        AtomicInteger fetches = new AtomicInteger();
        Download.Fetcher fetcher = uri -> {
            assertEquals(w.url(), uri);
            fetches.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        };
        Path cache = dir.resolve("models");
        Path got = w.fetch(cache, fetcher);
        assertEquals(cache.resolve("tinycnn").resolve("tinycnn_v1.zip"), got);
        assertArrayEquals(bytes, Files.readAllBytes(got));
        assertEquals(got, w.fetch(cache, fetcher));
        assertEquals(1, fetches.get(), "the second call uses the cached file");
        FeatureExtractor e = FeatureExtractor.load(got, null, w.preprocessing());
        assertEquals(RandomCnn.FEATURE_LAYER, e.layer());
    }

    @Test
    void aDownloadWithTheWrongChecksumLeavesNothing() throws IOException {
        ZooWeights w = new ZooWeights("tinycnn", URI.create("https://example.org/tinycnn.zip"), 12345, 32);
        Path cache = dir.resolve("models");
        DataException e = assertThrows(DataException.class, () -> w.fetch(cache, uri -> new ByteArrayInputStream(new byte[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("adler32 " + adler32(new byte[] {1, 2, 3}) + ", expected 12345"), e.getMessage());
        try (var files = Files.list(cache.resolve("tinycnn"))) {
            assertEquals(0, files.count(), "no partial or unverified file");
        }
    }

    @Test
    void offlineTheErrorSaysWhereToPutTheFile() {
        ZooWeights w = ZooWeights.imagenet("vgg16");
        Path cache = dir.resolve("models");
        DataException e = assertThrows(DataException.class, () -> w.fetch(cache, uri -> { throw new ConnectException("no route"); }));
        assertTrue(e.getMessage().contains(w.url().toString()) && e.getMessage().contains(cache.resolve("vgg16").resolve(w.fileName()).toAbsolutePath().toString())
                && e.getMessage().contains("--model"), e.getMessage());
    }

    @Test
    void aCorruptCachedFileIsAnErrorNotAReplacement() throws IOException {
        ZooWeights w = new ZooWeights("tinycnn", URI.create("https://example.org/tinycnn.zip"), 1, 32);
        Path f = dir.resolve("models").resolve("tinycnn").resolve("tinycnn.zip");
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {9, 9});
        DataException e = assertThrows(DataException.class, () -> w.fetch(dir.resolve("models"), uri -> fail("must not download")));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("delete it"), e.getMessage());
    }
}
