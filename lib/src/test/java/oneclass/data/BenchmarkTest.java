package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void parsesCliNamesAndAliasesCaseInsensitively() {
        assertEquals(Benchmark.MNIST, Benchmark.parse("mnist"));
        assertEquals(Benchmark.FASHION_MNIST, Benchmark.parse("fmnist"));
        assertEquals(Benchmark.FASHION_MNIST, Benchmark.parse("fashion-mnist"));
        assertEquals(Benchmark.FASHION_MNIST, Benchmark.parse("FASHION_MNIST"));
        assertEquals(Benchmark.CIFAR10, Benchmark.parse(" CIFAR10 "));
    }

    @Test
    void cliNameRoundTrips() {
        for (Benchmark b : Benchmark.values()) {
            assertEquals(b, Benchmark.parse(b.cliName()));
            assertEquals(10, b.numClasses());
        }
    }

    @Test
    void unknownNameIsNamedWithTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Benchmark.parse("svhn"));
        assertEquals("unknown benchmark 'svhn'; valid: mnist, fmnist, cifar10 (fmnist may also be written fashion-mnist)",
                e.getMessage());
    }
}
