package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vireo.backend.Parallel;

/**
 * Element-wise binary ops over broadcast and strided operands: the dimensions {@link Pointwise} merges before its
 * row loop, and results equal to the plain element-by-element product whatever the layout and thread count.
 */
class PointwiseCoalesceTest {

    private final int saved = Parallel.numThreads();

    @AfterEach
    void restoreThreads() {
        Parallel.setNumThreads(saved);
    }

    @Test
    void aChannelMaskOverPlanesMergesIntoRunsOfOneScalar() {
        // x [4, 3, 2, 5] contiguous, mask [4, 3, 1, 1] broadcast: 12 runs of 10 elements against one scalar each.
        int[][] merged = Pointwise.coalesce(new int[] {4, 3, 2, 5}, new int[] {30, 10, 5, 1}, new int[] {3, 1, 0, 0});
        assertArrayEquals(new int[] {12, 10}, merged[0]);
        assertArrayEquals(new int[] {10, 1}, merged[1]);
        assertArrayEquals(new int[] {1, 0}, merged[2]);
    }

    @Test
    void dimensionsStayApartWhereEitherOperandJumps() {
        // A transposed [4, 3] view (strides 1, 4) beside a contiguous operand: nothing merges.
        int[][] merged = Pointwise.coalesce(new int[] {4, 3}, new int[] {1, 4}, new int[] {3, 1});
        assertArrayEquals(new int[] {4, 3}, merged[0]);
        // Size-1 dimensions drop out, and all of them leave one dimension of size 1.
        assertArrayEquals(new int[] {6}, Pointwise.coalesce(new int[] {1, 6, 1}, new int[] {6, 1, 1},
                new int[] {0, 1, 0})[0]);
        assertArrayEquals(new int[] {1}, Pointwise.coalesce(new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0})[0]);
    }

    @Test
    void broadcastAndStridedProductsEqualTheElementByElementOnes() {
        Vireo.manualSeed(3);
        Tensor x = Tensor.randn(6, 5, 8, 8);
        List<Tensor> others = List.of(
                Tensor.randn(6, 5, 1, 1),                  // Dropout2d's channel mask
                Tensor.randn(1, 5, 1, 1),                  // a per-channel scale
                Tensor.randn(8),                           // a per-column bias: short rows
                Tensor.randn(6, 1, 8, 1),                  // broadcast in the middle and at the end
                Tensor.randn(8, 8, 5, 6).permute(3, 2, 1, 0), // a strided view of the full shape
                Tensor.scalar(1.5f).reshape(1, 1, 1, 1));
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setNumThreads(threads);
            for (Tensor b : others) {
                float[] expected = elementwise(x, b);
                assertArrayEquals(expected, x.mul(b).toFloatArray(), "x * " + b.describe() + ", threads " + threads);
                assertArrayEquals(expected, b.mul(x).toFloatArray(), b.describe() + " * x, threads " + threads);
                assertArrayEquals(expected, x.permute(1, 0, 2, 3).mul(b.expand(x.shape()).permute(1, 0, 2, 3))
                        .permute(1, 0, 2, 3).contiguous().toFloatArray(), "permuted x, threads " + threads);
            }
        }
    }

    /** {@code x * b} with {@code b} expanded and both copied dense first: one multiplication per element. */
    private static float[] elementwise(Tensor x, Tensor b) {
        float[] xs = x.contiguous().toFloatArray();
        float[] bs = b.expand(x.shape()).contiguous().toFloatArray();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs[i] * bs[i];
        }
        return out;
    }
}
