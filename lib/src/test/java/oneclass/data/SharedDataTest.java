package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loaders on the real files of {@code shared/data} (see its README): full MNIST and Fashion-MNIST,
 * and the CIFAR-10 subset. The expected counts and first labels are the published ones (MNIST: 5923
 * zeros in train, 980 in test; Fashion-MNIST: 6000 / 1000 per class; CIFAR-10 train image 0 is a frog
 * whose first red pixels are 59, 43, 50); the subset's per-class counts were taken with an independent
 * reader (Python's gzip).
 */
class SharedDataTest {

    private static Path data;

    /** Per test rather than @BeforeAll, so that surefire lists each skipped test with the reason. */
    @BeforeEach
    void locateData() {
        data = SharedData.requireDir("mnist");
    }

    private static int[] classCounts(Images images) {
        int[] counts = new int[10];
        for (int l : images.labels()) {
            counts[l]++;
        }
        return counts;
    }

    @Test
    void mnistLoadsCompletelyWithVerifiedChecksums() {
        DataSource.Split split = DataSource.load(Benchmark.MNIST, data, false);

        assertTrue(split.complete());
        assertEquals(60_000, split.train().size());
        assertEquals(10_000, split.test().size());
        assertEquals(28 * 28, split.train().dim());
        assertEquals(5923, split.train().indicesOf(0).length);
        assertEquals(6742, split.train().indicesOf(1).length);
        assertEquals(980, split.test().indicesOf(0).length);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(split.train().labels(), 5));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, Arrays.copyOf(split.test().labels(), 5));
        assertEquals(Map.of(
                "mnist/train-images-idx3-ubyte.gz", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "mnist/train-labels-idx1-ubyte.gz", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "mnist/t10k-images-idx3-ubyte.gz", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "mnist/t10k-labels-idx1-ubyte.gz", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                split.sha256ByFile());
    }

    @Test
    void fashionMnistHasBalancedClasses() {
        DataSource.Split split = DataSource.load(Benchmark.FASHION_MNIST, data, false);
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6000);
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(sixThousand, classCounts(split.train()));
        assertArrayEquals(thousand, classCounts(split.test()));
        assertEquals(4, split.sha256ByFile().size());
    }

    @Test
    void cifar10SubsetIsLoadedAndMarkedIncomplete() {
        assumeTrue(Files.isDirectory(data.resolve(DataSource.CIFAR10_SUBSET_DIR)), "the test data folder has no cifar10-subset");
        assumeTrue(!Files.isDirectory(data.resolve(DataSource.CIFAR10_FULL_DIR)), "the full CIFAR-10 is present, so it is used");

        DataSource.Split split = DataSource.load(Benchmark.CIFAR10, data, false);

        assertFalse(split.complete());
        assertEquals(DataSource.CIFAR10_SUBSET, split.subset());
        assertEquals(4000, split.train().size());
        assertEquals(1000, split.test().size());
        assertEquals(3, split.train().channels());
        assertArrayEquals(new int[] {396, 366, 420, 384, 422, 393, 414, 385, 407, 413}, classCounts(split.train()));
        assertArrayEquals(new int[] {103, 89, 100, 103, 90, 86, 112, 102, 106, 109}, classCounts(split.test()));
        assertEquals(6, split.train().label(0));
        assertEquals(59 / 255f, split.train().pixel(0, 0));
        assertEquals(43 / 255f, split.train().pixel(0, 1));
        assertEquals(2, split.sha256ByFile().size());
    }

    /** The download path end to end, with the shared files standing in for the mirror. */
    @Test
    void mnistDownloadFromALocalMirrorVerifiesAndLoads(@TempDir Path cache) {
        Download.Fetcher mirror = uri -> Files.newInputStream(
                data.resolve("mnist").resolve(Path.of(uri.getPath()).getFileName().toString()));
        DataSource.Mirrors official = DataSource.Mirrors.official();
        var local = new DataSource.Mirrors(official.mnist(), official.fashionMnist(), official.cifar10Archive(),
                official.cifar10ArchiveMd5(), mirror);

        DataSource.Split downloaded = DataSource.load(Benchmark.MNIST, cache, true, local);
        DataSource.Split again = DataSource.load(Benchmark.MNIST, cache, false);

        assertEquals(60_000, downloaded.train().size());
        assertEquals(Checksums.knownSha256("mnist/t10k-images-idx3-ubyte").orElseThrow(),
                again.sha256ByFile().get("mnist/t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(downloaded.test().pixels(), again.test().pixels());
    }
}
