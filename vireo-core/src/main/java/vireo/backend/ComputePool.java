package vireo.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code T} compute threads: the caller of {@link #run} and {@code T - 1} workers, like an OpenMP team.
 *
 * <p>Why not a {@code ForkJoinPool}: the small models run tens of parallel loops per batch, each a few tens of
 * microseconds long. A fork/join pool parks its idle workers and its external callers, so every loop paid a wake-up
 * (a futex call, on a virtual machine an inter-processor interrupt) to start a task and another to join it, and one
 * pool thread beside the caller made {@code T + 1} threads for {@code T} cores. Here a worker that finishes a loop
 * spins for {@link #SPIN_NANOS} waiting for the next one before it parks, the caller claims chunks itself (so it never
 * waits for a worker that has not woken yet: it only waits for chunks already running), and the caller is one of
 * the {@code T} threads.
 *
 * <p>Chunk {@code t}'s range is always the one {@link Parallel#chunkStart} gives, whichever thread runs it, so
 * results that depend only on chunk boundaries are the same from run to run.
 */
final class ComputePool {

    /**
     * How long an idle worker keeps looking for the next loop before it parks. Longer than the serial gaps between
     * the loops of a training step (autograd bookkeeping, small element-wise ops: tens of microseconds), short enough
     * that a program that stops computing gives the cores back at once.
     */
    static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicReference<Job> current = new AtomicReference<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean shutdown;

    ComputePool(int threads) {
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    int threads() {
        return threads;
    }

    /** True on the workers of any pool. */
    static boolean onWorker() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * Runs {@code body} over the {@code chunks} ranges of {@code [0, n)} on the caller and the workers, returning when
     * all are done. Returns false, having run nothing, when another thread is using the pool (the caller then runs
     * the loop itself).
     */
    boolean run(int n, int chunks, Parallel.RangeBody body) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Job job = new Job(n, chunks, body);
            current.set(job);
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.work();
            job.awaitDone();
            current.compareAndSet(job, null);
            job.rethrow();
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** Stops the workers once they are idle; a loop in progress is finished by its caller. */
    void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /** One parallel loop: chunks are claimed in order by whichever thread asks next. */
    private static final class Job {
        private final int n;
        private final int chunks;
        private final Parallel.RangeBody body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int n, int chunks, Parallel.RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.unfinished = new AtomicInteger(chunks);
        }

        /** Claims and runs chunks until none is left unclaimed. */
        void work() {
            int t;
            while ((t = next.getAndIncrement()) < chunks) {
                try {
                    body.run(Parallel.chunkStart(n, chunks, t), Parallel.chunkStart(n, chunks, t + 1));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    unfinished.decrementAndGet();
                }
            }
        }

        /** Waits for chunks other threads are still running: spins briefly (they are short), then yields the core. */
        void awaitDone() {
            for (int spins = 0; unfinished.get() > 0; spins++) {
                if (spins < 4096) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException("parallel loop failed", e);
            }
        }
    }

    /** A pool thread: runs each new job's unclaimed chunks, spinning then parking between jobs. */
    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("vireo-compute-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            while (!shutdown) {
                Job job = awaitJob(seen);
                if (job != null) {
                    seen = job;
                    job.work();
                }
            }
        }

        /** The next job other than {@code seen}, or null when woken for shutdown (or spuriously). */
        private Job awaitJob(Job seen) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            do {
                Job job = current.get();
                if (job != null && job != seen) {
                    return job;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < deadline && !shutdown);
            // Publish "parked" before the last look, so a caller that sets a job after that look sees the flag.
            parked = true;
            try {
                Job job = current.get();
                if (job != null && job != seen) {
                    return job;
                }
                if (!shutdown) {
                    LockSupport.park(this);
                }
                return null;
            } finally {
                parked = false;
            }
        }
    }
}
