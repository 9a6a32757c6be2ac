package oneclass.hrn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PyTorch peer of {@code make bench}: skipped with one line that says why and how to install torch when
 * Python or torch is missing, and, where Debian's python3-torch is installed, a real (tiny) run that reports
 * its time.
 */
class TorchPeerTest {
    static final Path SCRIPT = Path.of("../bench/hrn_torch.py");
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    static INDArray x() { return DeterminismTest.problem(1, 1.5).train(); }

    @Test
    void aPythonThatCannotStartIsSkippedWithTheInstallHint() throws Exception {
        TorchPeer.Result r = TorchPeer.run(List.of("/nonexistent/python3"), SCRIPT, x(), 8, 0.1, 12, 3, 1);
        assertFalse(r.ran());
        assertTrue(r.skipped().contains("'/nonexistent/python3' cannot be started"), r.skipped());
        String line = r.skipLine();
        assertTrue(line.startsWith("PyTorch peer: skipped: "), line);
        assertTrue(line.contains("apt-get install python3-torch"), line);
        assertFalse(line.contains("\n"), "one line");
    }

    /** python3 -S leaves out site-packages, so neither numpy nor torch can be imported: the script's own skip path. */
    @Test
    void aPythonWithoutTorchIsSkipped() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_PYTHON), "no " + DEBIAN_PYTHON);
        TorchPeer.Result r = TorchPeer.run(List.of(DEBIAN_PYTHON.toString(), "-S"), SCRIPT, x(), 8, 0.1, 12, 3, 1);
        assertFalse(r.ran());
        assertTrue(r.skipped().startsWith("torch cannot be imported by " + DEBIAN_PYTHON), r.skipped());
        assertTrue(Double.isNaN(r.secondsPerEpoch()));
    }

    @Test
    void aMissingScriptIsAnErrorNamingIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TorchPeer.run(List.of("python3"), Path.of("no/such/peer.py"), x(), 8, 0.1, 12, 3, 1));
        assertTrue(e.getMessage().contains("no/such/peer.py"), e.getMessage());
    }

    /** Where torch is installed: 3 epochs on the 300-point toy problem, 1 of them timed. */
    @Test
    void withTorchThePeerReportsItsTime() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_PYTHON), "no " + DEBIAN_PYTHON);
        TorchPeer.Result r = TorchPeer.run(List.of(DEBIAN_PYTHON.toString()), SCRIPT, x(), 8, 0.1, 12, 3, 1);
        assumeTrue(r.ran(), "torch not installed: " + r.skipped());
        assertEquals(1, r.epochs());
        assertTrue(r.secondsPerEpoch() > 0 && r.secondsPerEpoch() < 60, "seconds per epoch " + r.secondsPerEpoch());
        assertTrue(r.sgemmGflops() > 0);
        assertNotNull(r.torchVersion());
    }

    @Test
    void theMatrixIsWrittenAsLittleEndianFloat32() throws Exception {
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, -2.5f, 3, 0.25f}, new long[] {2, 2}, DataType.FLOAT);
        Path f = Files.createTempFile("peer", ".f32");
        try {
            TorchPeer.writeFloat32(x, f);
            byte[] b = Files.readAllBytes(f);
            assertEquals(16, b.length);
            var buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(1f, buf.getFloat(0));
            assertEquals(-2.5f, buf.getFloat(4));
            assertEquals(0.25f, buf.getFloat(12));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
