package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    private static ByteArrayInputStream abc() {
        return new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII));
    }

    /** Test vectors for "abc": FIPS 180-2 Appendix B.1 (SHA-256) and RFC 1321 Appendix A.5 (MD5). */
    @Test
    void digestsMatchThePublishedTestVectors() throws IOException {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256(abc()));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksums.md5(abc()));
    }

    @Test
    void knownTableIsKeyedByUncompressedPathUnderTheDataDir() {
        assertEquals(10, Checksums.knownSha256().size());
        Optional<String> expected = Optional.of("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
        assertEquals(expected, Checksums.knownSha256("mnist/train-labels-idx1-ubyte"));
        assertEquals(expected, Checksums.knownSha256("mnist/train-labels-idx1-ubyte.gz"));
        assertEquals(expected, Checksums.knownSha256("mnist\\train-labels-idx1-ubyte.gz"));
        assertEquals(Optional.empty(), Checksums.knownSha256("cifar10/cifar-10-batches-bin/data_batch_1.bin"));
        assertTrue(Checksums.knownSha256("cifar10-subset/cifar-10-batches-bin/test_batch.bin.gz").isPresent());
    }

    @Test
    void mismatchNamesBothDigestsAndTheLikelyCauses() {
        String message = Checksums.mismatch("x.bin", "sha256", "aa", "bb").getMessage();
        assertTrue(message.startsWith("x.bin: sha256 of the content is bb, expected aa."), message);
        assertTrue(message.contains("corrupt") && message.contains("another release"), message);
    }
}
