package vireo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

class DataLoaderTest {

    /** x[i] = (i, 10 i, 100 i), y[i] = i mod 7. */
    static TensorDataset rows(int n) {
        float[] x = new float[n * 3];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
            y[i] = i % 7;
        }
        return new TensorDataset(Tensor.fromArray(x, n, 3), Tensor.fromArray(y, n));
    }

    /** A data set whose samples use their generator and take index-dependent time, so workers finish out of order. */
    static final class Noisy implements Dataset<List<Tensor>> {
        final AtomicInteger calls = new AtomicInteger();
        final int n;

        Noisy(int n) {
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public List<Tensor> get(int index) {
            throw new AssertionError("the loader must call get(index, generator)");
        }

        @Override
        public List<Tensor> get(int index, Generator random) {
            calls.incrementAndGet();
            double spin = 0;
            for (int k = 0; k < (index % 5) * 20_000; k++) {
                spin += Math.sqrt(k);
            }
            if (spin < 0) {
                throw new AssertionError(); // keeps the busy loop from being optimised away
            }
            float noise = random.nextFloat();
            return List.of(Tensor.of(index, noise), Tensor.scalarLong(index));
        }
    }

    static List<float[]> epoch(Iterable<Batch> loader) {
        List<float[]> out = new ArrayList<>();
        for (Batch b : loader) {
            for (Tensor f : b.fields()) {
                out.add(f.toFloatArray());
            }
        }
        return out;
    }

    static void assertSameEpochs(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "field array " + i);
        }
    }

    @Test
    void sameSeedGivesSameBatchesAndEpochsDiffer() {
        var ds = rows(50);
        var a = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(7).build();
        var b = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(7).build();
        List<float[]> a0 = epoch(a);
        List<float[]> a1 = epoch(a);
        assertSameEpochs(a0, epoch(b));
        assertSameEpochs(a1, epoch(b));
        assertFalse(Arrays.equals(a0.get(0), a1.get(0)), "epoch 1 should reshuffle");
        var c = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(8).build();
        assertFalse(Arrays.equals(a0.get(0), epoch(c).get(0)), "another seed, another order");
    }

    @Test
    void everySampleOncePerEpochAndFieldsStayAligned() {
        var loader = DataLoader.builder(rows(23)).batchSize(5).shuffle(true).seed(3).build();
        boolean[] seen = new boolean[23];
        int batches = 0;
        for (Batch b : loader) {
            batches++;
            float[] x = b.input().toFloatArray();
            long[] y = b.target().toLongArray();
            assertArrayEquals(new int[]{b.size(), 3}, b.input().shape());
            for (int k = 0; k < b.size(); k++) {
                int i = (int) x[3 * k];
                assertFalse(seen[i], "index " + i + " twice");
                seen[i] = true;
                assertEquals(100f * i, x[3 * k + 2]);
                assertEquals(i % 7, y[k]);
            }
        }
        assertEquals(5, batches);
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDataSetOrder() {
        var loader = DataLoader.builder(rows(6)).batchSize(4).build();
        var it = loader.iterator();
        assertArrayEquals(new long[]{0, 1, 2, 3}, it.next().target().toLongArray());
        assertArrayEquals(new long[]{4, 5}, it.next().target().toLongArray());
        assertFalse(it.hasNext());
    }

    @Test
    void dropLastDropsTheShortBatch() {
        var keep = DataLoader.builder(rows(10)).batchSize(4).shuffle(true).seed(1).build();
        var drop = DataLoader.builder(rows(10)).batchSize(4).shuffle(true).seed(1).dropLast(true).build();
        assertEquals(3, keep.numBatches());
        assertEquals(2, drop.numBatches());
        List<Integer> sizes = new ArrayList<>();
        for (Batch b : keep) {
            sizes.add(b.size());
        }
        assertEquals(List.of(4, 4, 2), sizes);
        sizes.clear();
        for (Batch b : drop) {
            sizes.add(b.size());
        }
        assertEquals(List.of(4, 4), sizes);
    }

    @Test
    void workersGiveTheSameBatchesAsTheCallingThread() {
        var ds = rows(97);
        var zero = DataLoader.builder(ds).batchSize(6).shuffle(true).seed(11).build();
        var two = DataLoader.builder(ds).batchSize(6).shuffle(true).seed(11).numWorkers(2).build();
        for (int e = 0; e < 3; e++) {
            assertSameEpochs(epoch(zero), epoch(two));
        }
        two.close();
    }

    @Test
    void perSampleRandomnessDoesNotDependOnWorkers() {
        var zero = DataLoader.builder(new Noisy(40)).batchSize(3).shuffle(true).seed(5).build();
        var three = DataLoader.builder(new Noisy(40)).batchSize(3).shuffle(true).seed(5).numWorkers(3)
                .prefetchFactor(3).build();
        List<float[]> z0 = epoch(zero);
        assertSameEpochs(z0, epoch(three));
        List<float[]> z1 = epoch(zero);
        assertSameEpochs(z1, epoch(three));
        assertNotEquals(z0.get(0)[1], z1.get(0)[1], "each epoch draws new per-sample randomness");
        three.close();
    }

    @Test
    void gatherFastPathEqualsStackingSamples() {
        var ds = rows(31);
        var fast = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(2).build();
        var slow = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(2).collate(Collate.stack()).build();
        assertSameEpochs(epoch(fast), epoch(slow));
        Batch b = ds.gather(new int[]{3, 0});
        assertEquals(vireo.tensor.DType.INT64, b.target().dtype());
        assertArrayEquals(new float[]{3, 30, 300, 0, 0, 0}, b.input().toFloatArray());
    }

    @Test
    void generatorSeedsTheLoaderReproducibly() {
        var ds = rows(20);
        var a = DataLoader.builder(ds).batchSize(5).shuffle(true).generator(new Generator(9)).build();
        var b = DataLoader.builder(ds).batchSize(5).shuffle(true).generator(new Generator(9)).build();
        assertEquals(a.seed(), b.seed());
        assertSameEpochs(epoch(a), epoch(b));
        b.setEpoch(0);
        assertArrayEquals(a.order(0), b.order(b.nextEpoch()));
    }

    static List<Thread> workers(DataLoader<?> loader) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(loader.workerThreadPrefix())) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void breakingEarlyLeavesNoWorkerThreads() throws InterruptedException {
        var ds = new Noisy(200);
        var loader = DataLoader.builder(ds).batchSize(2).shuffle(true).seed(1).numWorkers(2)
                .workerIdleTimeout(Duration.ofMillis(50)).build();
        int taken = 0;
        List<Thread> threads = List.of();
        for (Batch b : loader) {
            assertEquals(2, b.size());
            if (taken == 0) {
                threads = workers(loader); // busy now: four more batches are queued behind this one
                assertFalse(threads.isEmpty(), "workers should have been started");
            }
            if (++taken == 3) {
                break;
            }
        }
        threads = new ArrayList<>(threads);
        threads.addAll(workers(loader));
        for (Thread t : threads) {
            assertTrue(t.isDaemon(), t.getName() + " must be a daemon");
            t.join(10_000); // they exit once idle for 50 ms; join is the synchronisation, not a sleep
            assertFalse(t.isAlive(), t.getName() + " still alive after the loop ended");
        }
        // Only the prefetched batches were built beyond those taken: 3 taken + 2 workers * 2 ahead.
        assertTrue(ds.calls.get() <= 2 * (3 + 4), "built " + ds.calls.get() + " samples for 3 batches");
    }

    @Test
    void closeStopsWorkersAtOnce() {
        var loader = DataLoader.builder(new Noisy(100)).batchSize(2).numWorkers(2)
                .workerIdleTimeout(Duration.ofHours(1)).build();
        try (BatchIterator it = loader.iterator()) {
            it.next();
        }
        loader.close();
        for (Thread t : workers(loader)) {
            assertFalse(t.isAlive(), t.getName());
        }
        // Still usable afterwards: a new epoch starts new workers.
        assertEquals(50, loader.numBatches());
        int n = 0;
        for (Batch ignored : loader) {
            n++;
        }
        assertEquals(50, n);
        loader.close();
    }

    @Test
    void closingTheLoaderMidEpochFailsTheWaitingConsumerInsteadOfHangingIt() {
        var ds = new Noisy(400);
        var loader = DataLoader.builder(ds).batchSize(2).numWorkers(1).prefetchFactor(50).build();
        BatchIterator it = loader.iterator();
        it.next();
        loader.close();
        // Batches that were queued but not started are cancelled: the consumer gets an error, never a hang.
        var e = assertThrows(IllegalStateException.class, () -> {
            while (it.hasNext()) {
                it.next();
            }
        });
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(ds.calls.get() < 400, "queued batches should not all have been built");
    }

    @Test
    void closingTheIteratorEndsTheEpoch() {
        var loader = DataLoader.builder(rows(40)).batchSize(2).numWorkers(2).build();
        BatchIterator it = loader.iterator();
        it.next();
        it.close();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        loader.close();
    }

    @Test
    void workerFailuresReachTheCaller() {
        Dataset<Tensor> bad = new Dataset<>() {
            public int size() {
                return 10;
            }

            public Tensor get(int index) {
                if (index == 5) {
                    throw new IllegalArgumentException("sample 5 is broken");
                }
                return Tensor.of(index);
            }
        };
        var loader = DataLoader.builder(bad).batchSize(2).numWorkers(2).build();
        var e = assertThrows(IllegalArgumentException.class, () -> epoch(loader));
        assertEquals("sample 5 is broken", e.getMessage(), "the worker's own exception, as without workers");
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("batch 2 of epoch 0"), e.getSuppressed()[0].getMessage());
        var direct = DataLoader.builder(bad).batchSize(2).build();
        var d = assertThrows(IllegalArgumentException.class, () -> epoch(direct));
        assertEquals(e.getMessage(), d.getMessage());
        loader.close();
    }

    @Test
    void defaultCollateRefusesWhatItCannotStack() {
        Dataset<String> words = new Dataset<>() {
            public int size() {
                return 2;
            }

            public String get(int index) {
                return "w" + index;
            }
        };
        var e = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(words).batchSize(2).build().iterator().next());
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("collate"), e.getMessage());
        var custom = DataLoader.builder(words).batchSize(2)
                .collate(ws -> new Batch(List.of(Tensor.of(ws.size())))).build();
        assertEquals(2f, custom.iterator().next().input().item());
    }
}
