package vireo.data;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * Batches, shuffles and prefetches a {@link Dataset}, like {@code torch.utils.data.DataLoader}.
 *
 * <p>Each {@link #iterator()} call is one epoch. The order of epoch {@code e} is a permutation drawn from a
 * generator derived from (seed, e), so a given seed repeats the same batches on every run and machine. With
 * {@code numWorkers > 0}, batches are built on that many daemon threads, up to {@code numWorkers * prefetchFactor}
 * batches ahead, and still come out in exactly the order of {@code numWorkers = 0}; sample {@code i} of epoch
 * {@code e} draws its randomness from {@link Dataset#get(int, Generator)} with a generator derived from
 * (seed, e, i), so results never depend on which worker ran it. Idle workers exit after
 * {@link Builder#workerIdleTimeout}; {@link #close()} stops them at once.
 *
 * <p>When the data set is {@link Gatherable} (a {@link TensorDataset}, a subset of one, MNIST) and no collate
 * function is set, a batch is one gather per field instead of per-sample tensors.
 *
 * <p>Shapes: with the default collate, a field of per-sample shape {@code [...]} arrives as {@code [B, ...]},
 * {@code B = batchSize} except for a smaller last batch when {@code dropLast} is off.
 *
 * <pre>{@code
 * var loader = DataLoader.builder(new TensorDataset(x, y))
 *         .batchSize(64).shuffle(true).seed(1).numWorkers(2).build();
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Batch b : loader) {
 *         train(b.input(), b.target());
 *     }
 * }
 * }</pre>
 */
public final class DataLoader<T> implements Iterable<Batch>, AutoCloseable {

    private static final AtomicLong LOADER_IDS = new AtomicLong();

    private final Dataset<T> dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int numWorkers;
    private final int prefetchFactor;
    private final Duration workerIdleTimeout;
    private final Function<List<T>, Batch> collate; // null: the default, with the gather fast path
    private final String threadPrefix;
    /**
     * The worker threads started so far (dead ones pruned as new ones start), which {@link #close} joins: a pool
     * counts as terminated a moment before its last thread has exited.
     */
    private final java.util.Queue<Thread> workerThreads = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong nextEpoch = new AtomicLong();
    private ThreadPoolExecutor pool; // guarded by this

    private DataLoader(Builder<T> b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed != null ? b.seed
                : (b.generator != null ? b.generator : Vireo.defaultGenerator()).nextLong();
        this.dropLast = b.dropLast;
        this.numWorkers = b.numWorkers;
        this.prefetchFactor = b.prefetchFactor;
        this.workerIdleTimeout = b.workerIdleTimeout;
        this.collate = b.collate;
        this.threadPrefix = "vireo-data-" + LOADER_IDS.incrementAndGet() + "-worker-";
    }

    public static <T> Builder<T> builder(Dataset<T> dataset) {
        return new Builder<>(dataset);
    }

    /** Batches per epoch: {@code ceil(n / batchSize)}, or {@code floor} with {@code dropLast}. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Starts the next epoch. Close the returned iterator (or the loader) to stop its workers early. */
    @Override
    public BatchIterator iterator() {
        return new BatchIterator(this, nextEpoch.getAndIncrement());
    }

    /** The epoch the next {@link #iterator()} call starts (to resume a run: {@code setEpoch(savedEpoch)}). */
    public void setEpoch(long epoch) {
        nextEpoch.set(epoch);
    }

    public long nextEpoch() {
        return nextEpoch.get();
    }

    /** The order in which epoch {@code epoch} visits the data set's indices. */
    public int[] order(long epoch) {
        int n = dataset.size();
        int[] order = new int[n];
        if (shuffle) {
            long[] perm = Tensor.randperm(Seeds.generator(seed, Seeds.PERMUTATION, epoch, 0), n).longs();
            for (int i = 0; i < n; i++) {
                order[i] = (int) perm[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        return order;
    }

    /** Builds batch {@code b} of an epoch whose order is {@code order}; runs on a worker or the caller. */
    Batch buildBatch(int[] order, long epoch, int b) {
        int from = b * batchSize;
        int to = Math.min(from + batchSize, order.length);
        int[] indices = java.util.Arrays.copyOfRange(order, from, to);
        if (collate == null && dataset instanceof Gatherable g
                && (!(dataset instanceof Subset<?> s) || s.canGather())) {
            return g.gather(indices);
        }
        List<T> samples = new java.util.ArrayList<>(indices.length);
        for (int i : indices) {
            samples.add(dataset.get(i, Seeds.generator(seed, Seeds.SAMPLE, epoch, i)));
        }
        return (collate == null ? Collate.<T>stack() : collate).apply(samples);
    }

    /** The worker pool, created on first use; idle threads time out, so it holds no thread between runs. */
    synchronized ThreadPoolExecutor pool() {
        if (pool == null || pool.isShutdown()) {
            AtomicLong count = new AtomicLong();
            pool = new ThreadPoolExecutor(numWorkers, numWorkers, workerIdleTimeout.toNanos(), TimeUnit.NANOSECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, threadPrefix + count.incrementAndGet());
                        t.setDaemon(true);
                        workerThreads.removeIf(w -> !w.isAlive());
                        workerThreads.add(t);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
    }

    /**
     * Stops the worker threads now (batches in flight are abandoned) and waits for them to exit. The loader stays
     * usable: the next epoch starts new workers.
     */
    @Override
    public void close() {
        ThreadPoolExecutor p;
        synchronized (this) {
            p = pool;
            pool = null;
        }
        if (p != null) {
            for (Runnable dropped : p.shutdownNow()) {
                if (dropped instanceof BatchIterator.Task task) {
                    task.future().cancel(false); // wakes a consumer waiting on it
                }
            }
            try {
                p.awaitTermination(10, TimeUnit.SECONDS);
                for (Thread t : workerThreads) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Name prefix of this loader's worker threads (for diagnostics and leak tests). */
    public String workerThreadPrefix() {
        return threadPrefix;
    }

    public Dataset<T> dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public int numWorkers() {
        return numWorkers;
    }

    public long seed() {
        return seed;
    }

    int prefetch() {
        return numWorkers * prefetchFactor;
    }

    /** Options with PyTorch's names and defaults ({@code batchSize 1}, no shuffle, no workers, prefetch 2). */
    public static final class Builder<T> {
        private final Dataset<T> dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private Long seed;
        private Generator generator;
        private boolean dropLast;
        private int numWorkers;
        private int prefetchFactor = 2;
        private Duration workerIdleTimeout = Duration.ofSeconds(1);
        private Function<List<T>, Batch> collate;

        private Builder(Dataset<T> dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        public Builder<T> batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize: expected a positive size, received " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder<T> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed every epoch's order and every sample's generator derive from. */
        public Builder<T> seed(long seed) {
            this.seed = seed;
            this.generator = null;
            return this;
        }

        /**
         * Draws the seed from {@code generator} when the loader is built (PyTorch's {@code generator=}). Without a
         * seed or a generator, the seed is drawn from {@link Vireo#defaultGenerator()}, so
         * {@code Vireo.manualSeed} fixes it.
         */
        public Builder<T> generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            this.seed = null;
            return this;
        }

        public Builder<T> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Worker threads; 0 builds batches in the iterating thread. */
        public Builder<T> numWorkers(int numWorkers) {
            if (numWorkers < 0) {
                throw new IllegalArgumentException("numWorkers: expected 0 or more, received " + numWorkers);
            }
            this.numWorkers = numWorkers;
            return this;
        }

        /** Batches each worker keeps ready ahead of the consumer (PyTorch's {@code prefetch_factor}, default 2). */
        public Builder<T> prefetchFactor(int prefetchFactor) {
            if (prefetchFactor <= 0) {
                throw new IllegalArgumentException("prefetchFactor: expected a positive count, received "
                        + prefetchFactor);
            }
            this.prefetchFactor = prefetchFactor;
            return this;
        }

        /** How long an idle worker thread lives before it exits (default 1 s). */
        public Builder<T> workerIdleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("workerIdleTimeout: expected a positive duration, received "
                        + timeout);
            }
            this.workerIdleTimeout = timeout;
            return this;
        }

        /** Turns a list of samples into a batch; the default stacks each field ({@link Collate#stack()}). */
        public Builder<T> collate(Function<List<T>, Batch> collate) {
            this.collate = Objects.requireNonNull(collate, "collate");
            return this;
        }

        public DataLoader<T> build() {
            return new DataLoader<>(this);
        }
    }
}
