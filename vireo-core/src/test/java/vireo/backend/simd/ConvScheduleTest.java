package vireo.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vireo.backend.Parallel;

/** The chunk count of the convolution kernels' parallel loops, and the schedule model behind it. */
class ConvScheduleTest {
    private final int saved = Parallel.numThreads();

    @AfterEach
    void restoreThreads() {
        Parallel.setNumThreads(saved);
    }

    @Test
    void theScheduleModelLetsEachThreadTakeTheNextChunkWhenFree() {
        // Two threads, four unit chunks: two rounds.
        assertEquals(2.0, makespan(4, 4, 2), 1e-9);
        assertEquals(2.0, makespan(4, 2, 2), 1e-9);
        // Three unit chunks on two threads: the third waits for a free thread.
        assertEquals(2.0, makespan(3, 3, 2), 1e-9);
        // Uneven chunks: 16 items in 3 chunks are 5, 5 and 6 items; the 6 starts at 5.
        assertEquals(11.0, makespan(16, 3, 2), 1e-9);
        assertEquals(1.0, makespan(1, 1, 2), 1e-9);
    }

    @Test
    void chunkCountReachesTheIdealScheduleWithTheFewestChunks() {
        for (int threads : new int[] {2, 3, 4}) {
            Parallel.setNumThreads(threads);
            for (int items = 1; items <= 200; items++) {
                int chunks = SimdConv2d.chunksFor(items);
                assertTrue(chunks >= 1 && chunks <= items, "items " + items + ": chunks " + chunks);
                double ideal = Math.ceil((double) items / threads);
                assertEquals(ideal, makespan(items, chunks, threads), 1e-9,
                        threads + " threads, items " + items + ": " + chunks + " chunks");
                for (int fewer = 1; fewer < chunks; fewer++) {
                    assertTrue(makespan(items, fewer, threads) > ideal,
                            threads + " threads, items " + items + ": " + fewer + " chunks would do");
                }
            }
        }
        Parallel.setNumThreads(2);
        assertEquals(2, SimdConv2d.chunksFor(16));
        assertEquals(2, SimdConv2d.chunksFor(5));
        assertEquals(2, SimdConv2d.chunksFor(3));
        Parallel.setNumThreads(3);
        assertEquals(2, SimdConv2d.chunksFor(4));
        assertEquals(3, SimdConv2d.chunksFor(5));
    }

    @Test
    void sideBySideItemsSplitTheImagesEvenlyOverTheThreads() {
        // ResNet-50's 14x14 layers at batch 16: three images an item left one thread 9 images, the other 7.
        assertEquals(4, SimdConv2d.imagesPerItem(16, 196, 2));
        assertEquals(4, SimdConv2d.imagesPerItem(32, 196, 2));
        assertEquals(5, SimdConv2d.imagesPerItem(10, 196, 2));
        assertEquals(8, SimdConv2d.imagesPerItem(16, 49, 2)); // 7x7: two items of eight
        assertEquals(3, SimdConv2d.imagesPerItem(16, 196, 1)); // one thread: nothing to even out
    }

    /**
     * When {@code chunks} chunks of {@code items} unit items (split as {@link Parallel#forChunks} does) finish on
     * {@code threads} threads, each on a core of its own, each taking the next chunk in order when it is free.
     */
    private static double makespan(int items, int chunks, int threads) {
        double[] free = new double[threads]; // when each thread is next free
        for (int t = 0; t < chunks; t++) {
            int first = 0;
            for (int i = 1; i < threads; i++) {
                if (free[i] < free[first]) {
                    first = i;
                }
            }
            free[first] += Parallel.chunkStart(items, chunks, t + 1) - Parallel.chunkStart(items, chunks, t);
        }
        double end = 0;
        for (double f : free) {
            end = Math.max(end, f);
        }
        return end;
    }

    @Test
    void oneThreadOrANestedCallIsOneChunk() {
        Parallel.setNumThreads(1);
        assertEquals(1, SimdConv2d.chunksFor(16));
        Parallel.setNumThreads(2);
        int[] nested = new int[2];
        Parallel.forChunks(2, 2, (lo, hi) -> nested[lo] = SimdConv2d.chunksFor(16));
        assertEquals(1, nested[0]);
        assertEquals(1, nested[1]);
    }
}
