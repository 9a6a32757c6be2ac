package oneclass.ics;

import oneclass.data.Benchmark;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Which ICS settings cut the protocol's training budget, so that the report does not judge their cells against the paper. */
class IcsBudgetTest {
    @Test
    void theDefaultsAreTheFullBudgetFewerEpochsOrIterationsAreNot() {
        IcsConfig paper = IcsProtocol.PAPER.config(Benchmark.MNIST, 8);
        assertNull(IcsProtocol.PAPER.shortened(paper, true));
        assertEquals("autoencoder 2 of 50 epochs, classifier 2 of 50 epochs (the default caps; the paper trains until the losses converge)",
                IcsProtocol.PAPER.shortened(paper.withEpochs(2, 2), true));
        // the SSIM column uses the autoencoder alone: a shorter classifier does not cut its budget
        assertNull(IcsProtocol.PAPER.shortened(paper.withEpochs(50, 2), false));
        assertEquals("classifier 2 of 50 epochs (the default caps; the paper trains until the losses converge)",
                IcsProtocol.PAPER.shortened(paper.withEpochs(50, 2), true));

        IcsConfig code = IcsProtocol.OFFICIAL_CODE.config(Benchmark.MNIST, 8);
        assertNull(IcsProtocol.OFFICIAL_CODE.shortened(code, true));
        assertEquals("classifier 100 of 800 iterations (the authors' code's)", IcsProtocol.OFFICIAL_CODE.shortened(code.withIterations(100), true));
    }
}
