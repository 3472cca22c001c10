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
    void makespanModelsTheCallerRunningTheFirstChunkBesideThePool() {
        // Two cores: caller + two workers. Four unit chunks: three share the cores (1.5), the last runs alone (1).
        assertEquals(2.5, SimdConv2d.makespan(4, 4, 2), 1e-9);
        assertEquals(2.0, SimdConv2d.makespan(4, 2, 2), 1e-9);
        // Three chunks on three threads sharing two cores end together.
        assertEquals(1.5, SimdConv2d.makespan(3, 3, 2), 1e-9);
        // Uneven chunks: 16 items in 3 chunks are 5, 5 and 6 items.
        assertEquals(8.5, SimdConv2d.makespan(16, 3, 2), 1e-9);
        assertEquals(1.0, SimdConv2d.makespan(1, 1, 2), 1e-9);
    }

    @Test
    void chunkCountReachesTheIdealScheduleOnTwoThreads() {
        Parallel.setNumThreads(2);
        for (int items = 1; items <= 200; items++) {
            int chunks = SimdConv2d.chunksFor(items);
            assertTrue(chunks >= 1 && chunks <= items, "items " + items + ": chunks " + chunks);
            double ideal = Math.max(1.0, items / 2.0);
            assertTrue(SimdConv2d.makespan(items, chunks, 2) <= (ideal + 0.5) * SimdConv2d.SHARE_SLACK + 1e-9,
                    "items " + items + ": " + chunks + " chunks end at " + SimdConv2d.makespan(items, chunks, 2));
        }
        // Never the four chunks that left one running alone; one per thread where that costs little.
        assertEquals(3, SimdConv2d.chunksFor(16));
        assertEquals(3, SimdConv2d.chunksFor(96));
        assertEquals(2, SimdConv2d.chunksFor(4));
        assertEquals(2, SimdConv2d.chunksFor(2));
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
