package oneclass.features;

import oneclass.data.Features;
import oneclass.data.DataException;
import oneclass.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class FeatureCacheTest {
    @TempDir Path dir;

    static final FeatureCache.Key KEY = new FeatureCache.Key("model-sha256=ab|layer=features", "cifar10", "full",
            Map.of("cifar10/test_batch.bin", "11", "cifar10/data_batch_1.bin", "22"));

    static Features.Split split() {
        Features train = new Features(new float[] {1, -2, 3.5f, 0, Float.MIN_VALUE, -0f}, 2, new int[] {0, 1, 9});
        Features test = new Features(new float[] {7, 8}, 2, new int[] {4});
        return new Features.Split(train, test);
    }

    static void assertSame(Features.Split a, Features.Split b) {
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().x(), b.test().x());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertEquals(a.train().d(), b.train().d());
    }

    /** Exact size: 8 magic + 4 + key + (8 + 3·4 + 6·4) + (8 + 4 + 2·4) + 32 digest. */
    @Test
    void writesAndReadsBackExactly() throws IOException {
        Path f = FeatureCache.file(dir, KEY);
        FeatureCache.write(f, KEY, split());
        int keyBytes = KEY.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertEquals(8 + 4 + keyBytes + 44 + 20 + 32, Files.size(f));
        assertSame(split(), FeatureCache.read(f, KEY));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file is left behind");
        }
    }

    @Test
    void theKeyTextIsOrderedAndTheFileNameIsItsDigest() {
        assertEquals("oneclass-repro features v1\nextractor=model-sha256=ab|layer=features\ndataset=cifar10\nvariant=full\n"
                + "data cifar10/data_batch_1.bin=22\ndata cifar10/test_batch.bin=11\n", KEY.text());
        assertEquals(24, KEY.id().length());
        assertEquals(dir.resolve("cifar10-" + KEY.id() + ".features"), FeatureCache.file(dir, KEY));
    }

    @Test
    void aSecondRequestIsServedFromTheCache() {
        AtomicInteger computed = new AtomicInteger();
        Features.Split first = FeatureCache.getOrCompute(dir, KEY, () -> { computed.incrementAndGet(); return split(); }, null);
        Features.Split second = FeatureCache.getOrCompute(dir, KEY, () -> { computed.incrementAndGet(); return split(); }, null);
        assertEquals(1, computed.get());
        assertSame(first, second);
    }

    /** The real path: a model file the test writes; changing the weights, the layer or the preprocessing extracts again. */
    @Test
    void theCacheIsInvalidatedWhenTheExtractorChanges() {
        Path a = dir.resolve("a.zip"), b = dir.resolve("b.zip");
        RandomCnn.write(a, 1);
        RandomCnn.write(b, 2);
        Images train = FeatureExtractorTest.images(4), test = FeatureExtractorTest.images(2);
        AtomicInteger extractions = new AtomicInteger();
        Path cache = dir.resolve("cache");
        Map<String, String> data = Map.of("x.bin", "00");
        java.util.function.Function<FeatureExtractor, Features.Split> get = e -> FeatureCache.getOrCompute(cache,
                new FeatureCache.Key(e.identity(), "cifar10", "full", data), () -> {
                    extractions.incrementAndGet();
                    return new Features.Split(e.extract(train, 4, null), e.extract(test, 4, null));
                }, null);
        Features.Split s1 = get.apply(FeatureExtractor.load(a, null, Preprocessing.unitRange(32)));
        get.apply(FeatureExtractor.load(a, null, Preprocessing.unitRange(32)));
        assertEquals(1, extractions.get(), "same model file, layer and preprocessing: cached");

        // the same file name with other weights is another model
        Path copy = dir.resolve("copy.zip");
        try {
            Files.copy(b, copy);
            Files.move(copy, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        Features.Split s2 = get.apply(FeatureExtractor.load(a, null, Preprocessing.unitRange(32)));
        assertEquals(2, extractions.get(), "other weights under the same name");
        assertFalse(Arrays.equals(s1.train().x(), s2.train().x()));
        get.apply(FeatureExtractor.load(a, "conv2", Preprocessing.unitRange(32)));
        assertEquals(3, extractions.get(), "other layer");
        get.apply(FeatureExtractor.load(a, null, Preprocessing.parse("size=32,order=bgr,scale=1/255,mean=0/0/0,std=1/1/1")));
        assertEquals(4, extractions.get(), "other preprocessing");
        FeatureCache.getOrCompute(cache, new FeatureCache.Key(FeatureExtractor.load(a, null, Preprocessing.unitRange(32)).identity(),
                "cifar10", "full", Map.of("x.bin", "01")), () -> { extractions.incrementAndGet(); return split(); }, null);
        assertEquals(5, extractions.get(), "other image files");
        get.apply(FeatureExtractor.load(a, null, Preprocessing.unitRange(32)));
        assertEquals(5, extractions.get(), "back to a cached combination");
    }

    // ---- malformed files: each is an error naming the file, never features -------------------------------

    private Path written() {
        Path f = FeatureCache.file(dir, KEY);
        FeatureCache.write(f, KEY, split());
        return f;
    }

    private void assertRejected(Path f, String why) {
        DataException e = assertThrows(DataException.class, () -> FeatureCache.read(f, KEY));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(why), e.getMessage());
        DataException viaGet = assertThrows(DataException.class, () -> FeatureCache.getOrCompute(dir, KEY, FeatureCacheTest::split, null));
        assertEquals(e.getMessage(), viaGet.getMessage(), "a bad entry is reported, not silently replaced");
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] whole = Files.readAllBytes(written());
        Path f = FeatureCache.file(dir, KEY);
        for (int len : new int[] {0, 5, 11, 12, 40, whole.length - 33, whole.length - 32, whole.length - 1}) {
            Files.write(f, Arrays.copyOf(whole, len));
            DataException e = assertThrows(DataException.class, () -> FeatureCache.read(f, KEY), "length " + len);
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void aWrongMagicIsRejected() throws IOException {
        Path f = written();
        byte[] b = Files.readAllBytes(f);
        b[7] = '2';
        Files.write(f, b);
        assertRejected(f, "does not start with OCFEAT01");
    }

    @Test
    void anEntryForAnotherKeyIsRejected() {
        FeatureCache.Key other = new FeatureCache.Key("model-sha256=cd|layer=features", "cifar10", "full", KEY.dataSha256());
        Path f = FeatureCache.file(dir, KEY);
        FeatureCache.write(f, other, split()); // e.g. copied or renamed by hand
        assertRejected(f, "holds features for another extractor or data");
    }

    @Test
    void aFlippedFeatureByteFailsTheDigest() throws IOException {
        Path f = written();
        byte[] b = Files.readAllBytes(f);
        b[b.length - 40] ^= 1;
        Files.write(f, b);
        assertRejected(f, "sha256 mismatch");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path f = written();
        Files.write(f, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertRejected(f, "1 unexpected bytes after the test features");
    }

    @Test
    void impossibleSizesAreRejectedBeforeAnythingIsAllocated() throws IOException {
        Path f = written();
        byte[] b = Files.readAllBytes(f);
        int partStart = 8 + 4 + KEY.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        ByteBuffer.wrap(b).putInt(partStart, -3);
        Files.write(f, b);
        assertRejected(f, "train part: n = -3");
        ByteBuffer.wrap(b).putInt(partStart, 1 << 30);
        Files.write(f, b);
        assertRejected(f, "train part: n = 1073741824");
        ByteBuffer.wrap(b).putInt(partStart, 3).putInt(partStart + 4, 0);
        Files.write(f, b);
        assertRejected(f, "d = 0");
        ByteBuffer.wrap(b).putInt(partStart + 4, 2).putInt(8, Integer.MAX_VALUE);
        Files.write(f, b);
        assertRejected(f, "key length 2147483647 is impossible");
    }
}
