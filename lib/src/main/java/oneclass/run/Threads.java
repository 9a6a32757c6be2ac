package oneclass.run;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's threading, set for many small single-threaded runs side by side: one OpenMP thread and one BLAS
 * thread per run. On HRN's small matrices ND4J's own multi-threading was 2-4x slower
 * (../shared/notes/stack-facts.md); parallelism comes from running independent runs at once instead.
 */
public final class Threads {
    private Threads() {}

    public static void singleThreadedNd4j() {
        Nd4j.getBackend(); // loads the native backend, which NativeOpsHolder needs first
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }
}
