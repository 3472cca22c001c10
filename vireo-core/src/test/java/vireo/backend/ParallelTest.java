package vireo.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The compute pool behind {@link Parallel}: chunk boundaries, threads, failures, nesting, concurrent callers. */
class ParallelTest {
    private final int saved = Parallel.numThreads();

    @AfterEach
    void restoreThreads() {
        Parallel.setNumThreads(saved);
    }

    @Test
    void everyChunkRunsOnceWithFixedBoundaries() {
        Parallel.setNumThreads(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + round % 37;
            int chunks = 1 + round % 7;
            List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
            Parallel.forChunks(n, chunks, (lo, hi) -> ranges.add(new int[] {lo, hi}));
            int c = Math.min(chunks, n);
            assertEquals(c, ranges.size(), "n " + n + ", chunks " + chunks);
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            for (int t = 0; t < c; t++) {
                assertEquals(n * t / c, ranges.get(t)[0]);
                assertEquals(n * (t + 1) / c, ranges.get(t)[1]);
            }
        }
    }

    @Test
    void elementLoopsSplitByGrainOnWholeVectors() {
        Parallel.setNumThreads(3);
        for (int n : new int[] {1, 64, Parallel.ELEMENT_GRAIN, Parallel.ELEMENT_GRAIN + 1, 100_003, 1 << 20}) {
            List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
            Parallel.forElements(n, (lo, hi) -> ranges.add(new int[] {lo, hi}));
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            int expected = Math.min(3, Math.ceilDiv(n, Parallel.ELEMENT_GRAIN)); // PyTorch's split
            assertEquals(expected, ranges.size(), "chunks for " + n + " elements");
            assertEquals(0, ranges.get(0)[0]);
            assertEquals(n, ranges.get(ranges.size() - 1)[1]);
            for (int t = 1; t < ranges.size(); t++) {
                assertEquals(ranges.get(t - 1)[1], ranges.get(t)[0], "contiguous for " + n);
                assertEquals(0, ranges.get(t)[0] % Parallel.ELEMENT_BLOCK, "boundary on a whole block for " + n);
            }
        }
        Parallel.forElements(0, (lo, hi) -> {
            throw new AssertionError("no elements, no call");
        });
    }

    @Test
    void workersShareTheLoopAndNestedCallsRunInline() throws Exception {
        Parallel.setNumThreads(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicInteger nestedInline = new AtomicInteger();
        AtomicInteger outerChunks = new AtomicInteger();
        for (int round = 0; round < 2000 && names.size() < 2; round++) {
            Parallel.forChunks(2, 2, (lo, hi) -> {
                names.add(Thread.currentThread().getName());
                outerChunks.incrementAndGet();
                assertTrue(Parallel.inParallelRegion());
                String outer = Thread.currentThread().getName();
                Parallel.forChunks(4, 4, (a, b) -> {
                    if (Thread.currentThread().getName().equals(outer) && a == 0 && b == 4) {
                        nestedInline.incrementAndGet();
                    }
                });
                // Slow enough that the worker claims the other chunk.
                long until = System.nanoTime() + 100_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
        }
        assertTrue(names.contains(Thread.currentThread().getName()), "the caller runs chunks: " + names);
        assertTrue(names.stream().anyMatch(s -> s.startsWith("vireo-compute-")), "a worker runs chunks: " + names);
        assertEquals(outerChunks.get(), nestedInline.get(), "nested loops run whole on the thread that calls them");
        assertFalse(Parallel.inParallelRegion());
    }

    @Test
    void aFailureInAnyChunkReachesTheCallerAfterAllChunksEnd() {
        Parallel.setNumThreads(2);
        AtomicInteger ran = new AtomicInteger();
        IllegalArgumentException boom = new IllegalArgumentException("chunk 3 failed");
        var thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.forChunks(8, 8, (lo, hi) -> {
            ran.incrementAndGet();
            if (lo == 3) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
        assertEquals(8, ran.get());
        // The pool is usable afterwards.
        AtomicInteger after = new AtomicInteger();
        Parallel.forChunks(8, 8, (lo, hi) -> after.incrementAndGet());
        assertEquals(8, after.get());
    }

    @Test
    void concurrentCallersEachGetEveryChunk() throws Exception {
        Parallel.setNumThreads(2);
        int callers = 4;
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(callers);
        AtomicInteger wrong = new AtomicInteger();
        for (int c = 0; c < callers; c++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 500; round++) {
                        long[] sum = new long[1];
                        int[] seen = new int[5];
                        Parallel.forChunks(100, 5, (lo, hi) -> {
                            long s = 0;
                            for (int i = lo; i < hi; i++) {
                                s += i;
                            }
                            synchronized (sum) {
                                sum[0] += s;
                                seen[lo / 20]++;
                            }
                        });
                        synchronized (sum) {
                            if (sum[0] != 4950 || seen[0] + seen[1] + seen[2] + seen[3] + seen[4] != 5) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        start.countDown();
        assertTrue(done.await(60, TimeUnit.SECONDS), "callers finished");
        assertEquals(0, wrong.get());
    }

    @Test
    void resizingReplacesThePool() {
        Parallel.setNumThreads(3);
        assertEquals(3, Parallel.numThreads());
        Parallel.setNumThreads(1);
        assertEquals(1, Parallel.numThreads());
        AtomicInteger calls = new AtomicInteger();
        Parallel.forChunks(10, 4, (lo, hi) -> {
            assertEquals(0, lo);
            assertEquals(10, hi);
            calls.incrementAndGet();
        });
        assertEquals(1, calls.get(), "one thread: one inline call");
        assertThrows(IllegalArgumentException.class, () -> Parallel.setNumThreads(0));
    }
}
