package vireo.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Vireo's one compute pool, sized to the machine unless {@link #setNumThreads(int)} says otherwise.
 *
 * <p>Kernels split work over independent output tiles with {@link #forRange}. A call made from inside
 * a pool worker runs serially, so nested kernels never oversubscribe the cores.
 */
public final class Parallel {

    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<int[]> CALLER_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Parallel() {
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(threads, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("vireo-compute-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Sets the number of compute threads (like {@code torch.set_num_threads}). */
    public static synchronized void setNumThreads(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("setNumThreads: expected a positive thread count, received " + threads);
        }
        if (threads != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = newPool(threads);
            old.shutdown();
        }
    }

    public static int numThreads() {
        return pool.getParallelism();
    }

    /**
     * Runs {@code body.accept(i)} for {@code i} in {@code [0, n)}, split into at most one chunk per thread
     * (more chunks when {@code grain} allows finer balancing). Runs inline when {@code n} is small, when there
     * is one thread, or when already on a compute thread.
     *
     * @param grain the smallest number of indices worth a task of its own
     */
    public static void forRange(int n, int grain, IntConsumer body) {
        int threads = pool.getParallelism();
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
     * Splits {@code [0, n)} into {@code chunks} contiguous ranges run in parallel: the calling thread runs the first
     * range itself while pool threads take the others (one wake-up fewer per call). Runs inline when nested inside a
     * parallel region or single-threaded.
     */
    public static void forChunks(int n, int chunks, RangeBody body) {
        if (n <= 0) {
            return;
        }
        chunks = Math.max(1, Math.min(chunks, n));
        if (chunks == 1 || pool.getParallelism() == 1 || inParallelRegion()) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[chunks - 1];
        for (int t = 1; t < chunks; t++) {
            final int lo = (int) ((long) n * t / chunks);
            final int hi = (int) ((long) n * (t + 1) / chunks);
            forked[t - 1] = pool.submit(() -> body.run(lo, hi));
        }
        int[] depth = CALLER_DEPTH.get();
        depth[0]++;
        RuntimeException failure = null;
        try {
            body.run(0, (int) ((long) n / chunks));
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            depth[0]--;
        }
        for (ForkJoinTask<?> task : forked) {
            try {
                task.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** True on pool threads and on a caller thread while it runs its own share of a parallel loop. */
    public static boolean inParallelRegion() {
        return ForkJoinTask.inForkJoinPool() || CALLER_DEPTH.get()[0] > 0;
    }
}
