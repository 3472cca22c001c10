package vireo.backend;

import java.util.function.IntConsumer;

/**
 * Vireo's one compute pool, sized to the machine unless {@link #setNumThreads(int)} says otherwise.
 *
 * <p>Kernels split work over independent output tiles with {@link #forRange}. {@code T} threads share a loop: the
 * calling thread and {@code T - 1} pool workers ({@link ComputePool}). A call made from inside a parallel loop runs
 * serially, so nested kernels never oversubscribe the cores; so does a call made while another thread's loop holds
 * the pool.
 */
public final class Parallel {

    private static volatile ComputePool pool = new ComputePool(Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<int[]> CALLER_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Parallel() {
    }

    /** Sets the number of compute threads (like {@code torch.set_num_threads}). */
    public static synchronized void setNumThreads(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("setNumThreads: expected a positive thread count, received " + threads);
        }
        if (threads != pool.threads()) {
            ComputePool old = pool;
            pool = new ComputePool(threads);
            old.shutdown();
        }
    }

    public static int numThreads() {
        return pool.threads();
    }

    /**
     * Runs {@code body.accept(i)} for {@code i} in {@code [0, n)}, split into at most one chunk per thread
     * (more chunks when {@code grain} allows finer balancing). Runs inline when {@code n} is small, when there
     * is one thread, or when already on a compute thread.
     *
     * @param grain the smallest number of indices worth a task of its own
     */
    public static void forRange(int n, int grain, IntConsumer body) {
        int threads = pool.threads();
        if (n <= 0) {
            return;
        }
        if (threads == 1 || n <= Math.max(1, grain) || inParallelRegion()) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        forChunks(n, chunks, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                body.accept(i);
            }
        });
    }

    /** A half-open index range worker. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Splits {@code [0, n)} into {@code chunks} contiguous ranges ({@link #chunkStart}), run in parallel by the
     * calling thread and the pool's workers. Runs inline when nested inside a parallel region, single-threaded, or
     * when another thread's loop holds the pool.
     */
    public static void forChunks(int n, int chunks, RangeBody body) {
        if (n <= 0) {
            return;
        }
        chunks = Math.max(1, Math.min(chunks, n));
        ComputePool p = pool;
        if (chunks == 1 || p.threads() == 1 || inParallelRegion()) {
            body.run(0, n);
            return;
        }
        int[] depth = CALLER_DEPTH.get();
        depth[0]++;
        try {
            if (p.run(n, chunks, body)) {
                return;
            }
        } finally {
            depth[0]--;
        }
        // The pool is busy with another thread's loop: the same chunks, one after the other.
        for (int t = 0; t < chunks; t++) {
            body.run(chunkStart(n, chunks, t), chunkStart(n, chunks, t + 1));
        }
    }

    /** Fewest elements in one chunk of {@link #forElements}: PyTorch's grain for element-wise loops. */
    public static final int ELEMENT_GRAIN = 32_768;

    /** Chunk boundaries of {@link #forElements} fall on multiples of this many elements (whole vectors). */
    static final int ELEMENT_BLOCK = 64;

    /**
     * Runs an element-wise loop over {@code [0, n)}: in parallel once there are more than {@link #ELEMENT_GRAIN}
     * elements (one chunk per started grain, at most one per thread, as PyTorch splits them), with chunk boundaries
     * on multiples of {@link #ELEMENT_BLOCK}, so a kernel that treats whole vectors and a scalar tail differently
     * gives every element the same value whatever the thread count.
     */
    public static void forElements(int n, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(pool.threads(), Math.ceilDiv(n, ELEMENT_GRAIN));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        int blocks = Math.ceilDiv(n, ELEMENT_BLOCK);
        forChunks(blocks, chunks, (lo, hi) -> body.run(lo * ELEMENT_BLOCK, Math.min(n, hi * ELEMENT_BLOCK)));
    }

    /** Where chunk {@code t} of {@code [0, n)} in {@code chunks} chunks starts ({@code t == chunks}: {@code n}). */
    public static int chunkStart(int n, int chunks, int t) {
        return (int) ((long) n * t / chunks);
    }

    /** True on pool threads and on a caller thread while it runs its own share of a parallel loop. */
    public static boolean inParallelRegion() {
        return ComputePool.onWorker() || CALLER_DEPTH.get()[0] > 0;
    }
}
