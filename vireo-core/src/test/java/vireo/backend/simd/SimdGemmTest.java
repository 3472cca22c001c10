package vireo.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vireo.backend.Backends;
import vireo.backend.Parallel;

/** The SIMD GEMM against the reference triple loop, over shapes that hit every edge of the blocking plan. */
class SimdGemmTest {
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 23, 24, 25, 33, 65};
    private static final int THREADS = Parallel.numThreads();

    @AfterAll
    static void restoreThreads() {
        Parallel.setNumThreads(THREADS);
    }

    @Test
    void smallShapesAllTransposesAndModes() {
        var rnd = new SplittableRandom(1);
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : new int[] {0, 1, 3, 8, 17, 33}) {
                    for (int t = 0; t < 4; t++) {
                        check(t >= 2, (t & 1) == 1, m, n, k, rnd.nextBoolean(), false, rnd);
                    }
                }
            }
        }
    }

    @Test
    void blockedShapesWithOffsetsAndWideLeadingDimensions() {
        var rnd = new SplittableRandom(2);
        int[][] shapes = {
            {127, 129, 257}, {129, 127, 65}, {65, 257, 129}, {257, 33, 200}, {33, 257, 385}, {7, 500, 130},
            {5, 64, 1000}, {64, 576, 288}, {64, 128, 1152}, {64, 50, 320}, {64, 320, 50}, {50, 320, 64},
            {13, 17, 1500}, {3, 20, 40_000}, {100, 1, 300}, {1, 300, 100}, {2, 900, 40}, {200, 410, 3},
        };
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(t >= 2, (t & 1) == 1, s[0], s[1], s[2], false, true, rnd);
                check(t >= 2, (t & 1) == 1, s[0], s[1], s[2], true, true, rnd);
            }
        }
    }

    @Test
    void largeAndSkinnyShapesOnOneAndTwoThreads() {
        var rnd = new SplittableRandom(3);
        int[][] shapes = {{64, 1152, 576}, {64, 128, 3000}, {300, 390, 500}, {8, 2000, 100}, {20, 700, 3100}, {3000, 10, 300}};
        for (int threads : new int[] {1, 2}) {
            Parallel.setNumThreads(threads);
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    check(t >= 2, (t & 1) == 1, s[0], s[1], s[2], t == 1, t == 3, rnd);
                }
            }
        }
    }

    /** The blocking, not the thread split, fixes the order of every sum: results are the same bits on 1 or 2 threads. */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int[][] shapes = {{64, 1152, 576}, {300, 390, 500}, {3000, 10, 300}, {20, 700, 3100}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            var rnd = new SplittableRandom(6);
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[][] out = new float[2][m * n];
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setNumThreads(threads);
                SimdGemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, out[threads - 1], 0, n, false);
            }
            for (int x = 0; x < m * n; x++) {
                if (Float.floatToIntBits(out[0][x]) != Float.floatToIntBits(out[1][x])) {
                    fail("m=" + m + " n=" + n + " k=" + k + ": element " + x + " differs between 1 and 2 threads: "
                            + out[0][x] + " vs " + out[1][x]);
                }
            }
        }
    }

    /**
     * A last micro-row of at most {@code SHORT_ROWS} rows goes through its own kernel, and rows in a full micro-tile
     * through the full one: the same rows of A give the same bits either way, with and without accumulation or bias,
     * over several depth blocks and a ragged last panel.
     */
    @Test
    void shortLastMicroRowGivesTheBitsOfAFullMicroTile() {
        var rnd = new SplittableRandom(8);
        int n = 150;
        int k = 2 * SimdGemm.KC + 7;
        for (int rows = 1; rows <= GemmKernel.SHORT_ROWS; rows++) {
            int m = GemmKernel.MR + rows; // rows [MR, m) form the short micro-row; rows [0, rows) of "top" a full one
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[] bias = random(rnd, m);
            float[] init = random(rnd, m * n);
            for (int mode = 0; mode < 3; mode++) {
                float[] whole = init.clone();
                // The short rows moved to the top of a full micro-tile: rows [MR, m) of A, then any MR - rows others.
                float[] top = new float[GemmKernel.MR * k];
                System.arraycopy(a, GemmKernel.MR * k, top, 0, rows * k);
                System.arraycopy(a, 0, top, rows * k, (GemmKernel.MR - rows) * k);
                float[] topC = new float[GemmKernel.MR * n];
                System.arraycopy(init, GemmKernel.MR * n, topC, 0, rows * n);
                float[] topBias = new float[GemmKernel.MR];
                System.arraycopy(bias, GemmKernel.MR, topBias, 0, rows);
                if (mode == 2) {
                    SimdGemm.sgemmRowBias(m, n, k, a, 0, k, b, 0, n, whole, 0, n, bias, 0);
                    SimdGemm.sgemmRowBias(GemmKernel.MR, n, k, top, 0, k, b, 0, n, topC, 0, n, topBias, 0);
                } else {
                    SimdGemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, whole, 0, n, mode == 1);
                    SimdGemm.sgemm(false, false, GemmKernel.MR, n, k, top, 0, k, b, 0, n, topC, 0, n, mode == 1);
                }
                for (int x = 0; x < rows * n; x++) {
                    if (Float.floatToIntBits(whole[GemmKernel.MR * n + x]) != Float.floatToIntBits(topC[x])) {
                        fail("rows=" + rows + " mode=" + mode + ": element " + x + " of the short micro-row is "
                                + whole[GemmKernel.MR * n + x] + ", the full micro-tile gave " + topC[x]);
                    }
                }
            }
        }
    }

    @Test
    void nestedInsidePoolTasksRunsInlineAndStaysCorrect() {
        Parallel.setNumThreads(2);
        var rnd = new SplittableRandom(4);
        float[][] outs = new float[4][];
        float[] a = random(rnd, 70 * 90);
        float[] b = random(rnd, 90 * 130);
        Parallel.forRange(4, 1, i -> {
            outs[i] = new float[70 * 130];
            SimdGemm.sgemm(false, false, 70, 130, 90, a, 0, 90, b, 0, 130, outs[i], 0, 130, false);
        });
        float[] want = new float[70 * 130];
        Backends.reference().sgemm(false, false, 70, 130, 90, a, 0, 90, b, 0, 130, want, 0, 130, false);
        for (float[] out : outs) {
            compare(want, out, 0, 130, 70, 130, 90, "nested");
        }
    }

    /**
     * A row bias added as tiles are first stored gives exactly the bits of filling C with the bias and
     * accumulating: direct and packed paths, edge tiles, several depth blocks and k chunks, one and two threads.
     */
    @Test
    void rowBiasMatchesBiasFilledAccumulationBitForBit() {
        var rnd = new SplittableRandom(11);
        int[][] shapes = {{3, 5, 4}, {1, 40, 30}, {13, 37, 300}, {64, 100, 27}, {20, 33, SimdGemm.K_CHUNK + 50}};
        for (int threads : new int[] {1, 2}) {
            Parallel.setNumThreads(threads);
            for (int[] sh : shapes) {
                int m = sh[0], n = sh[1], k = sh[2];
                int ldc = n + 3;
                float[] a = random(rnd, m * k);
                float[] b = random(rnd, k * n);
                float[] bias = random(rnd, m + 2);
                float[] want = random(rnd, m * ldc);
                float[] got = want.clone();
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(want, i * ldc, i * ldc + n, bias[i + 2]);
                }
                SimdGemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, want, 0, ldc, true);
                SimdGemm.sgemmRowBias(m, n, k, a, 0, k, b, 0, n, got, 0, ldc, bias, 2);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < ldc; j++) {
                        assertEquals(want[i * ldc + j], got[i * ldc + j], 0f,
                                "m=" + m + " n=" + n + " k=" + k + " threads=" + threads + " C[" + i + "," + j + "]");
                    }
                }
            }
        }
    }

    /** Non-finite inputs propagate like the reference: no element is skipped because its partner is zero. */
    @Test
    void nanAndInfinityPropagate() {
        int m = 9, n = 30, k = 40;
        var rnd = new SplittableRandom(5);
        float[] a = random(rnd, m * k);
        float[] b = new float[k * n];
        a[3 * k + 5] = Float.NaN;
        b[7 * n + 29] = Float.POSITIVE_INFINITY;
        for (int big : new int[] {0, 1}) {
            float[] c = new float[m * n];
            if (big == 1) {
                SimdGemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            } else {
                GemmDirect.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            }
            for (int j = 0; j < n; j++) {
                assertEquals(Float.NaN, c[3 * n + j], "row with a NaN in A, column " + j);
            }
        }
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k, boolean accumulate,
                              boolean padded, SplittableRandom rnd) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + (padded ? 3 : 0);
        int ldb = bCols + (padded ? 5 : 0);
        int ldc = n + (padded ? 2 : 0);
        int aOff = padded ? 7 : 0;
        int bOff = padded ? 11 : 0;
        int cOff = padded ? 13 : 0;
        float[] a = random(rnd, aOff + aRows * lda + 1);
        float[] b = random(rnd, bOff + bRows * ldb + 1);
        float[] c0 = random(rnd, cOff + m * ldc + 3);
        float[] want = c0.clone();
        float[] got = c0.clone();
        Backends.reference().sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, want, cOff, ldc, accumulate);
        SimdGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, got, cOff, ldc, accumulate);
        String what = String.format("transA=%b transB=%b m=%d n=%d k=%d accumulate=%b padded=%b",
                transA, transB, m, n, k, accumulate, padded);
        compare(want, got, cOff, ldc, m, n, k, what);
        // Everything outside the [m, n] window of C, including the padding between rows, is left alone.
        for (int x = 0; x < got.length; x++) {
            int rel = x - cOff;
            boolean inside = n > 0 && rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToIntBits(got[x]) != Float.floatToIntBits(c0[x])) {
                fail(what + ": wrote outside C at flat index " + x);
            }
        }
    }

    private static void compare(float[] want, float[] got, int cOff, int ldc, int m, int n, int k, String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int x = cOff + i * ldc + j;
                // Inputs are in [-1, 1): the rounding error of a k-term sum grows like sqrt(k).
                double tol = 1e-4 * Math.max(1.0, Math.sqrt(k)) * Math.max(1.0, Math.abs(want[x]));
                if (!(Math.abs(want[x] - got[x]) <= tol)) {
                    fail(what + ": C[" + i + "," + j + "] expected " + want[x] + " but was " + got[x]);
                }
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
