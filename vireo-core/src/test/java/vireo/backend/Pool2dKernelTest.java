package vireo.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference pooling against hand-computed values, PyTorch golden values and finite differences; the SIMD
 * pooling against the reference over many geometries.
 */
class Pool2dKernelTest {

    private static final Backend REF = Backends.reference();

    // ---------------------------------------------------------------- reference: hand-computed values

    @Test
    void maxPoolPicksTheFirstMaximumAndPropagatesNaN() {
        Pool2dShape s = new Pool2dShape(1, 1, 2, 4, 2, 2, 2, 2, 0, 0, 1, 1, false);
        float[] x = {
            1, 3, 5, 5,
            3, 2, 5, Float.NaN};
        float[] y = new float[2];
        int[] argmax = new int[2];
        for (Backend backend : backends()) {
            backend.maxPool2dForward(s, x, y, argmax);
            assertEquals(3f, y[0], backend.name());
            assertEquals(1, argmax[0], backend.name()); // 3 at (0,1) comes before the tie at (1,0)
            assertEquals(Float.NaN, y[1], backend.name());
            assertEquals(7, argmax[1], backend.name());
        }
    }

    @Test
    void maxPoolPaddingNeverWins() {
        // All inputs negative: a zero-padded max would return 0; PyTorch pads with -inf.
        Pool2dShape s = new Pool2dShape(1, 1, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, false);
        float[] x = {-4, -3, -2, -1};
        float[] y = new float[4];
        int[] argmax = new int[4];
        float[] gx = new float[4];
        for (Backend backend : backends()) {
            backend.maxPool2dForward(s, x, y, argmax);
            assertArrayEquals(new float[] {-1, -1, -1, -1}, y, backend.name());
            assertArrayEquals(new int[] {3, 3, 3, 3}, argmax, backend.name());
            Arrays.fill(gx, Float.NaN);
            backend.maxPool2dBackward(s, new float[] {1, 2, 3, 4}, argmax, gx);
            assertArrayEquals(new float[] {0, 0, 0, 10}, gx, backend.name()); // overlapping windows add up
        }
    }

    @Test
    void avgPoolDivisorFollowsCountIncludePad() {
        // 3x3 window, padding 1, on a 2x2 plane of ones: every window holds 4 real cells out of 9.
        Pool2dShape s = new Pool2dShape(1, 1, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, false);
        float[] x = {1, 1, 1, 1};
        float[] y = new float[4];
        for (Backend backend : backends()) {
            backend.avgPool2dForward(s, true, x, y);
            assertArrayEquals(new float[] {4f / 9, 4f / 9, 4f / 9, 4f / 9}, y, 1e-7f, backend.name());
            backend.avgPool2dForward(s, false, x, y);
            assertArrayEquals(new float[] {1, 1, 1, 1}, y, backend.name());
        }
    }

    // ---------------------------------------------------------------- reference: PyTorch golden values

    @Test
    void maxPoolMatchesPyTorchGolden() {
        float[] x = pattern(2 * 6 * 8, 13, 19, 9, 4f); // many ties, so the tie rule shows in the indices
        // F.max_pool2d(x, 3, 2, 1, ceil_mode=False / True, return_indices=True)
        checkMax(new Pool2dShape(1, 2, 6, 8, 3, 3, 2, 2, 1, 1, 1, 1, false), x,
                new float[] {1.0f, 1.75f, 2.0f, 2.0f, 2.25f, 1.75f, 2.0f, 2.0f, 2.0f, 2.25f, 2.25f, 1.75f, 1.75f, 2.0f,
                    2.0f, 2.25f, 2.25f, 2.25f, 1.75f, 2.0f, 2.25f, 2.25f, 2.25f, 1.75f},
                new int[] {1, 10, 13, 13, 16, 10, 13, 13, 32, 35, 35, 29, 0, 3, 3, 6, 25, 25, 19, 22, 25, 25, 44, 38});
        checkMax(new Pool2dShape(1, 2, 6, 8, 3, 3, 2, 2, 1, 1, 1, 1, true), x,
                new float[] {1.0f, 1.75f, 2.0f, 2.0f, 1.5f, 2.25f, 1.75f, 2.0f, 2.0f, 1.25f, 2.0f, 2.25f, 2.25f, 1.75f,
                    1.0f, -0.5f, 1.25f, 1.5f, 1.5f, -1.5f, 1.75f, 2.0f, 2.0f, 2.25f, 0.75f, 2.25f, 2.25f, 1.75f, 2.0f,
                    0.5f, 2.25f, 2.25f, 2.25f, 1.75f, 0.25f, 2.0f, 2.0f, 2.25f, 0.75f, -2.25f},
                new int[] {1, 10, 13, 13, 7, 16, 10, 13, 13, 23, 32, 35, 35, 29, 39, 40, 42, 45, 45, 47, 0, 3, 3, 6,
                    7, 25, 25, 19, 22, 23, 25, 25, 44, 38, 39, 41, 41, 44, 45, 47});
        // F.max_pool2d(x, (2, 3), (1, 2), (1, 1), dilation=(2, 1), return_indices=True)
        checkMax(new Pool2dShape(1, 2, 6, 8, 2, 3, 1, 2, 1, 1, 2, 1, false), x,
                new float[] {0.0f, 1.75f, 2.0f, 2.0f, 2.25f, 1.0f, 1.25f, 1.5f, 0.0f, 1.75f, 2.0f, 2.0f, 2.25f, 2.25f,
                    2.25f, 1.25f, -0.25f, 1.5f, 1.75f, 1.75f, 2.0f, 2.25f, 2.25f, 1.0f, -0.75f, 1.0f, 1.25f, 1.25f,
                    1.75f, 2.0f, 2.0f, 2.25f, 2.25f, 2.25f, 1.25f, 1.25f, 1.5f, 1.75f, 1.75f, 2.0f, 2.25f, 2.25f, 2.25f,
                    1.0f, 1.25f, 1.5f, 1.5f, 1.75f},
                new int[] {8, 10, 13, 13, 16, 1, 4, 7, 8, 10, 13, 13, 16, 35, 35, 23, 24, 26, 29, 29, 32, 35, 35, 39,
                    8, 10, 13, 13, 0, 3, 3, 6, 25, 25, 13, 13, 16, 19, 19, 22, 25, 25, 44, 29, 32, 35, 35, 38});
    }

    private static void checkMax(Pool2dShape s, float[] x, float[] expected, int[] expectedArgmax) {
        assertEquals(expected.length, s.n() * s.c() * s.outH() * s.outW(), "output size");
        for (Backend backend : backends()) {
            float[] y = new float[expected.length];
            int[] argmax = new int[expected.length];
            backend.maxPool2dForward(s, x, y, argmax);
            assertArrayEquals(expected, y, backend.name() + " " + s);
            assertArrayEquals(expectedArgmax, argmax, backend.name() + " " + s);
        }
    }

    @Test
    void avgPoolMatchesPyTorchGoldenIncludingTheClippedCeilWindow() {
        float[] x = pattern(30, 11, 13, 6, 2f);
        // F.avg_pool2d(x, 3, 2, 1, ceil_mode, count_include_pad) on [1, 1, 6, 5]. The ceil-mode bottom row's window
        // hangs past the padding; PyTorch divides by the part inside input+padding (6 cells), not by 9.
        double[] floorInclude = {-0.5, 0.7777777777777778, 0.3333333333333333, -0.3333333333333333,
            -0.5555555555555556, -0.16666666666666666, 0.2222222222222222, 0.2777777777777778, -0.3333333333333333};
        double[] floorExclude = {-1.125, 1.1666666666666667, 0.75, -0.5, -0.5555555555555556, -0.25,
            0.3333333333333333, 0.2777777777777778, -0.5};
        double[] ceilInclude = {-0.5, 0.7777777777777778, 0.3333333333333333, -0.3333333333333333,
            -0.5555555555555556, -0.16666666666666666, 0.2222222222222222, 0.2777777777777778, -0.3333333333333333,
            -0.8333333333333334, 0.16666666666666666, 0.3333333333333333};
        double[] ceilExclude = {-1.125, 1.1666666666666667, 0.75, -0.5, -0.5555555555555556, -0.25,
            0.3333333333333333, 0.2777777777777778, -0.5, -2.5, 0.3333333333333333, 1.0};
        checkAvg(false, true, x, floorInclude);
        checkAvg(false, false, x, floorExclude);
        checkAvg(true, true, x, ceilInclude);
        checkAvg(true, false, x, ceilExclude);
    }

    private static void checkAvg(boolean ceil, boolean countIncludePad, float[] x, double[] expected) {
        Pool2dShape s = new Pool2dShape(1, 1, 6, 5, 3, 3, 2, 2, 1, 1, 1, 1, ceil);
        assertEquals(expected.length, s.outH() * s.outW(), "output size");
        for (Backend backend : backends()) {
            float[] y = new float[expected.length];
            backend.avgPool2dForward(s, countIncludePad, x, y);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], y[i], 1e-6, backend.name() + " ceil=" + ceil + " cip=" + countIncludePad);
            }
        }
    }

    @Test
    void avgPoolRejectsDilation() {
        Pool2dShape s = new Pool2dShape(1, 1, 5, 5, 2, 2, 1, 1, 0, 0, 2, 2, false);
        for (Backend backend : backends()) {
            assertThrows(IllegalArgumentException.class,
                    () -> backend.avgPool2dForward(s, true, new float[25], new float[9]));
        }
    }

    // ---------------------------------------------------------------- reference backward: finite differences

    @Test
    void referenceBackwardMatchesFiniteDifferences() {
        Random rnd = new Random(11);
        List<Pool2dShape> shapes = List.of(
                new Pool2dShape(2, 2, 5, 6, 3, 3, 2, 2, 1, 1, 1, 1, true),
                new Pool2dShape(1, 3, 7, 5, 2, 3, 1, 2, 1, 0, 1, 1, false),
                new Pool2dShape(1, 2, 6, 6, 2, 2, 2, 2, 0, 0, 1, 1, false));
        for (Pool2dShape s : shapes) {
            int inSize = s.n() * s.c() * s.h() * s.w();
            int outSize = s.n() * s.c() * s.outH() * s.outW();
            float[] r = random(rnd, outSize);
            for (boolean cip : new boolean[] {true, false}) {
                // Average pooling is linear: a central difference with step 1 is exact up to rounding.
                float[] x = random(rnd, inSize);
                float[] gx = filledWithNaN(inSize);
                REF.avgPool2dBackward(s, cip, r, gx);
                for (int i = 0; i < inSize; i++) {
                    float saved = x[i];
                    x[i] = saved + 1;
                    double plus = avgLoss(s, cip, x, r);
                    x[i] = saved - 1;
                    double minus = avgLoss(s, cip, x, r);
                    x[i] = saved;
                    assertEquals((plus - minus) / 2, gx[i], 1e-5, s + " avg cip=" + cip + " at " + i);
                }
            }
            // Max pooling is piecewise linear: with inputs at least 0.01 apart a step of 1e-3 never changes a winner.
            float[] x = distinctValues(rnd, inSize);
            float[] y = new float[outSize];
            int[] argmax = new int[outSize];
            REF.maxPool2dForward(s, x, y, argmax);
            float[] gx = filledWithNaN(inSize);
            REF.maxPool2dBackward(s, r, argmax, gx);
            for (int i = 0; i < inSize; i++) {
                float saved = x[i];
                x[i] = saved + 1e-3f;
                double plus = maxLoss(s, x, r);
                x[i] = saved - 1e-3f;
                double minus = maxLoss(s, x, r);
                x[i] = saved;
                double step = ((double) (saved + 1e-3f) - (saved - 1e-3f));
                assertEquals((plus - minus) / step, gx[i], 1e-3, s + " max at " + i);
            }
        }
    }

    private static double avgLoss(Pool2dShape s, boolean cip, float[] x, float[] r) {
        float[] y = new float[r.length];
        REF.avgPool2dForward(s, cip, x, y);
        return dot(y, r);
    }

    private static double maxLoss(Pool2dShape s, float[] x, float[] r) {
        float[] y = new float[r.length];
        REF.maxPool2dForward(s, x, y, new int[r.length]);
        return dot(y, r);
    }

    // ---------------------------------------------------------------- SIMD against the reference

    @Test
    void simdMatchesReferenceOnManyGeometries() {
        assumeTrue(Backends.simd().isPresent(), "the SIMD backend needs --add-modules jdk.incubator.vector");
        Backend simd = Backends.simd().orElseThrow();
        Random rnd = new Random(5);
        List<Pool2dShape> shapes = new ArrayList<>(List.of(
                new Pool2dShape(3, 4, 24, 24, 2, 2, 2, 2, 0, 0, 1, 1, false),  // the seed CNN's pool: fast path
                new Pool2dShape(2, 3, 7, 9, 2, 2, 2, 2, 0, 0, 1, 1, false),    // fast path, odd sizes (floor)
                new Pool2dShape(2, 3, 7, 9, 2, 2, 2, 2, 0, 0, 1, 1, true),     // odd sizes, ceil: partial windows
                new Pool2dShape(1, 8, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1, false),  // ResNet stem pool
                new Pool2dShape(1, 64, 30, 30, 2, 2, 2, 2, 0, 0, 1, 1, false))); // many planes: parallel
        for (int i = 0; i < 40; i++) {
            shapes.add(randomShape(rnd));
        }
        for (Pool2dShape s : shapes) {
            int inSize = s.n() * s.c() * s.h() * s.w();
            int outSize = s.n() * s.c() * s.outH() * s.outW();
            // Few distinct values, so ties are common and the tie rule is exercised (-0 ties with 0 and keeps its
            // sign only where it comes first); now and then a NaN, which wins.
            float[] x = new float[inSize];
            for (int i = 0; i < inSize; i++) {
                int v = rnd.nextInt(8) - 3;
                x[i] = v == 4 ? -0f : v;
                if (rnd.nextInt(100) == 0) {
                    x[i] = Float.NaN;
                }
            }
            float[] gy = random(rnd, outSize);

            float[] yRef = new float[outSize];
            int[] amRef = new int[outSize];
            float[] y = filledWithNaN(outSize);
            int[] am = new int[outSize];
            REF.maxPool2dForward(s, x, yRef, amRef);
            simd.maxPool2dForward(s, x, y, am);
            assertArrayEquals(yRef, y, s + " max forward");
            assertArrayEquals(amRef, am, s + " max argmax");
            float[] values = filledWithNaN(outSize);
            simd.maxPool2dForward(s, x, values, null); // inference: no indices, its own kernel, the same values
            for (int i = 0; i < outSize; i++) { // (of a -0/+0 tie it may keep +0, so == rather than the bits)
                boolean same = Float.isNaN(yRef[i]) ? Float.isNaN(values[i]) : yRef[i] == values[i];
                assertTrue(same, s + " max forward without indices at " + i + ": " + yRef[i] + " vs " + values[i]);
            }

            float[] gxRef = new float[inSize];
            float[] gx = filledWithNaN(inSize);
            REF.maxPool2dBackward(s, gy, amRef, gxRef);
            simd.maxPool2dBackward(s, gy, amRef, gx);
            assertArrayEquals(gxRef, gx, 1e-6f, s + " max backward");

            if (s.dilationH() == 1 && s.dilationW() == 1) {
                for (boolean cip : new boolean[] {true, false}) {
                    simd.avgPool2dForward(s, cip, x, y);
                    REF.avgPool2dForward(s, cip, x, yRef);
                    assertArrayEquals(yRef, y, 1e-5f, s + " avg forward cip=" + cip);
                    Arrays.fill(gx, Float.NaN);
                    simd.avgPool2dBackward(s, cip, gy, gx);
                    REF.avgPool2dBackward(s, cip, gy, gxRef);
                    assertArrayEquals(gxRef, gx, 1e-5f, s + " avg backward cip=" + cip);
                }
            }
        }
    }

    private static Pool2dShape randomShape(Random rnd) {
        while (true) {
            int kh = 1 + rnd.nextInt(4);
            int kw = 1 + rnd.nextInt(4);
            boolean dilated = rnd.nextInt(3) == 0;
            try {
                Pool2dShape s = new Pool2dShape(1 + rnd.nextInt(3), 1 + rnd.nextInt(4), 1 + rnd.nextInt(11),
                        1 + rnd.nextInt(11), kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3),
                        rnd.nextInt(kh / 2 + 1), rnd.nextInt(kw / 2 + 1),
                        dilated ? 2 : 1, dilated ? 1 + rnd.nextInt(2) : 1, rnd.nextBoolean());
                s.outH(); // the output sizes throw when the input is smaller than the window
                s.outW();
                return s;
            } catch (IllegalArgumentException tooSmall) {
                // the input is smaller than the window; draw again
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<Backend> backends() {
        List<Backend> list = new ArrayList<>(List.of(REF));
        Backends.simd().ifPresent(list::add);
        return list;
    }

    /** Values {@code ((i*mul) % mod - off) / div}, as in the PyTorch golden script. */
    private static float[] pattern(int n, int mul, int mod, int off, float div) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((i * mul) % mod - off) / div;
        }
        return a;
    }

    /** A shuffled ladder 0.01 apart, so that no two inputs are within a finite-difference step of each other. */
    private static float[] distinctValues(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i - n / 2) * 0.01f;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static float[] filledWithNaN(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
