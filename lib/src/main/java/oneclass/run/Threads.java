package oneclass.run;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's threading, set for many small single-threaded runs side by side: one OpenMP thread, one libnd4j
 * thread and one BLAS thread per run. On HRN's small matrices ND4J's own multi-threading was 2-4x slower
 * (docs/stack-facts.md), and with two runs per two cores it was 10x slower (threads spinning
 * against each other); parallelism comes from running independent runs at once instead.
 *
 * <p>The OpenMP setting belongs to the calling thread, so every thread that runs ND4J operations must
 * call {@link #singleThreadedNd4j()} itself ({@link Parallel} does it for its workers). Setting the
 * environment variable OMP_NUM_THREADS=1 before the JVM starts (as the Makefile does) covers all threads.
 */
public final class Threads {
    private Threads() {}

    public static void singleThreadedNd4j() {
        Nd4j.getBackend(); // loads the native backend, which NativeOpsHolder needs first
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }
}
