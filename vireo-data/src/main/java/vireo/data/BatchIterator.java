package vireo.data;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One epoch of a {@link DataLoader}. With workers it keeps up to {@code numWorkers * prefetchFactor} batches in
 * flight and hands them out in submission order, so the order never depends on which worker finishes first.
 *
 * <p>Leaving the loop early is safe: at most the prefetched batches are still built, then idle workers exit.
 * {@link #close()} (or the iterator becoming unreachable) cancels batches not yet started.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "vireo-data-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final DataLoader<?> loader;
    private final long epoch;
    private final int[] order;
    private final int total;
    private final InFlight inFlight; // null without workers
    private final Cleaner.Cleanable cleanable;
    private int taken;
    private int submitted;

    BatchIterator(DataLoader<?> loader, long epoch) {
        this.loader = loader;
        this.epoch = epoch;
        this.order = loader.order(epoch);
        this.total = loader.numBatches();
        if (loader.numWorkers() > 0 && total > 0) {
            inFlight = new InFlight();
            cleanable = CLEANER.register(this, inFlight);
            while (submitted < Math.min(total, loader.prefetch())) {
                submitNext();
            }
        } else {
            inFlight = null;
            cleanable = null;
        }
    }

    /** The epoch this iterator walks. */
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return taken < total && (inFlight == null || !inFlight.closed);
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: epoch " + epoch + " has " + total + " batches"
                    + (taken < total ? " and its iterator was closed" : ", all taken"));
        }
        int b = taken++;
        if (inFlight == null) {
            return loader.buildBatch(order, epoch, b);
        }
        CompletableFuture<Batch> f = inFlight.queue.poll();
        if (submitted < total) {
            submitNext();
        }
        try {
            Batch batch = f.join();
            if (taken == total) {
                close();
            }
            return batch;
        } catch (CancellationException e) {
            close();
            throw new IllegalStateException("DataLoader: the loader was closed while epoch " + epoch
                    + " was being iterated (at batch " + b + ")", e);
        } catch (CompletionException e) {
            close();
            throw workerFailure(e.getCause() != null ? e.getCause() : e, b);
        }
    }

    /**
     * A worker's failure as the caller sees it: the worker's own exception, the one a loader without workers throws
     * (PyTorch re-raises the worker's exception type too), so that an error reads the same with any number of
     * workers. Where it happened is attached as a suppressed exception, for the stack trace.
     */
    private RuntimeException workerFailure(Throwable cause, int b) {
        cause.addSuppressed(new IllegalStateException("DataLoader: in a worker, building batch " + b + " of epoch "
                + epoch));
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("DataLoader: batch " + b + " of epoch " + epoch + " failed in a worker: "
                + cause, cause);
    }

    private void submitNext() {
        int b = submitted++;
        // Locals only: a task that captured `this` would keep an abandoned iterator reachable.
        DataLoader<?> l = loader;
        int[] o = order;
        long e = epoch;
        Task task = new Task(new CompletableFuture<>(), () -> l.buildBatch(o, e, b));
        try {
            l.pool().execute(task);
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() on the loader raced with us: the next pool() call makes a fresh pool.
            l.pool().execute(task);
        }
        inFlight.queue.add(task.future());
    }

    /**
     * A batch to build. Not {@code CompletableFuture.supplyAsync}: a task dropped by {@code shutdownNow} must be
     * findable so that its future can be cancelled, or the consumer would wait on it forever.
     */
    record Task(CompletableFuture<Batch> future, Supplier<Batch> work) implements Runnable {
        @Override
        public void run() {
            if (future.isDone()) {
                return; // cancelled before it started
            }
            try {
                future.complete(work.get());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
    }

    /** Cancels the batches not yet started; those already running finish and are dropped. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** The state a Cleaner may touch: it must not reach the iterator, or the iterator would never be collected. */
    private static final class InFlight implements Runnable {
        final ConcurrentLinkedQueue<CompletableFuture<Batch>> queue = new ConcurrentLinkedQueue<>();
        volatile boolean closed;

        @Override
        public void run() {
            closed = true;
            CompletableFuture<Batch> f;
            while ((f = queue.poll()) != null) {
                f.cancel(false);
            }
        }
    }
}
