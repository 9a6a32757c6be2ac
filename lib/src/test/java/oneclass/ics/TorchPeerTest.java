package oneclass.ics;

import oneclass.data.Benchmark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ics_bench's PyTorch counterpart: skipped with one line that says how to install PyTorch when the Python
 * cannot import it; where it can, it trains the same networks as ours (the same number of parameters).
 */
class TorchPeerTest {
    static final Path SCRIPT = Path.of("..", "bench", "ics_torch.py");

    @Test
    void withoutTorchItIsSkippedWithTheInstallLine() {
        String noPython = TorchPeer.unavailable("/nonexistent/python3", SCRIPT);
        assertTrue(noPython.startsWith("PyTorch counterpart skipped: cannot run /nonexistent/python3"), noPython);
        assertTrue(noPython.contains("apt-get install python3-torch"), noPython);
        String noTorch = TorchPeer.unavailable("false", SCRIPT); // a command that runs and fails, as `python3 -c "import torch"` does without torch
        assertEquals("PyTorch counterpart skipped: false cannot import torch (install it: apt-get install python3-torch)", noTorch);
        assertFalse(noTorch.contains("\n"));
        String noScript = TorchPeer.unavailable("/usr/bin/python3", Path.of("no-such-dir", "ics_torch.py"));
        assertTrue(noScript.contains("no-such-dir/ics_torch.py not found"), noScript);
    }

    @Test
    void theCounterpartTrainsOurNetworks() {
        assumeTrue(TorchPeer.unavailable("/usr/bin/python3", SCRIPT) == null, "no PyTorch here (apt-get install python3-torch)");
        for (IcsProtocol p : IcsProtocol.values()) {
            IcsConfig cfg = p.config(Benchmark.MNIST, IcsProtocol.DEFAULT_WIDTH);
            Map<String, TorchPeer.Step> torch = TorchPeer.run("/usr/bin/python3", SCRIPT, TorchPeer.args(cfg, IcsProtocol.DEFAULT_WIDTH, 1, 0, 1));
            int side = cfg.arch().side();
            Autoencoder ae = new Autoencoder(cfg.arch().encoder(), cfg.arch().decoder(), 1, side, cfg.l2(), cfg.aeRule(), 1);
            IcsNetwork net = new IcsNetwork(cfg.arch().features(), 1, side, cfg.l2(), cfg.netRule(), 1);
            assertEquals(ae.parameterCount(), torch.get("autoencoder").parameters(), p + " autoencoder");
            assertEquals(net.parameterCount(), torch.get("classifier").parameters(), p + " classifier");
            assertTrue(torch.get("autoencoder").seconds() > 0 && torch.get("classifier").seconds() > 0);
        }
    }
}
