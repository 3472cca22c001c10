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
 * The reference convolution against hand-computed values, PyTorch golden values and finite differences; the SIMD
 * convolution against the reference over many geometries.
 */
class Conv2dKernelTest {

    private static final Backend REF = Backends.reference();

    // ---------------------------------------------------------------- reference: hand-computed and golden values

    @Test
    void referenceForwardMatchesHandComputedValues() {
        // x = 1..9 in a 3x3 plane, a 2x2 kernel of ones: each output sums one 2x2 block.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 1, 1, 1};
        float[] y = new float[4];
        REF.conv2dForward(shape(1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1, 1), x, w, null, y);
        assertArrayEquals(new float[] {12, 16, 24, 28}, y);

        // Padding 1, stride 2, bias 0.5: windows centred on (0,0), (0,2), (2,0), (2,2) of a 3x3 ones kernel.
        float[] w3 = new float[9];
        Arrays.fill(w3, 1f);
        float[] y2 = new float[4];
        REF.conv2dForward(shape(1, 1, 3, 3, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1), x, w3, new float[] {0.5f}, y2);
        assertArrayEquals(new float[] {1 + 2 + 4 + 5 + 0.5f, 2 + 3 + 5 + 6 + 0.5f, 4 + 5 + 7 + 8 + 0.5f,
            5 + 6 + 8 + 9 + 0.5f}, y2);

        // Dilation 2: a 2x2 kernel reads the four corners.
        float[] w4 = {1, 10, 100, 1000};
        float[] y3 = new float[1];
        REF.conv2dForward(shape(1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 0, 0, 2, 2, 1), x, w4, null, y3);
        assertArrayEquals(new float[] {1 + 30 + 700 + 9000}, y3);

        // Groups 2: each output channel sees only its own input channel.
        float[] x2 = {1, 2, 3, 4, 10, 20, 30, 40}; // [1, 2, 2, 2]
        float[] wg = {1, 1, 1, 1, 2, 0, 0, 2};     // [2, 1, 2, 2]
        float[] yg = new float[2];
        REF.conv2dForward(shape(1, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1, 2), x2, wg, null, yg);
        assertArrayEquals(new float[] {10, 100}, yg);
    }

    @Test
    void referenceForwardMatchesPyTorchGolden() {
        // torch: F.conv2d(F.pad(x, (1, 0, 2, 1)), w, b, stride=(2, 1), dilation=(1, 2), groups=2), in float64.
        Conv2dShape s = shape(2, 4, 5, 6, 6, 3, 2, 2, 1, 2, 1, 1, 0, 1, 2, 2);
        float[] x = pattern(2 * 4 * 5 * 6, 37, 23, 11, 8f);
        float[] w = pattern(6 * 2 * 3 * 2, 29, 17, 8, 4f);
        float[] b = {0.5f, -1.0f, 0.25f, 2.0f, -0.75f, 1.5f};
        assertEquals(3, s.outH());
        assertEquals(5, s.outW());
        float[] expected = {2.0f, -0.65625f, -2.0625f, 0.125f, 3.03125f, 3.21875f, 2.6875f, 0.09375f, 1.09375f, -4.375f,
            -1.0625f, 1.03125f, -3.0f, 0.15625f, 4.75f, -2.875f, 1.375f, -1.875f, -0.8125f, 0.96875f, -3.5f, -3.3125f,
            0.09375f, 1.34375f, 1.875f, 0.78125f, 0.90625f, -2.875f, 0.53125f, -1.09375f, 1.375f, -0.21875f, -2.65625f,
            -0.0625f, 3.25f, 2.625f, -3.375f, 1.25f, -2.03125f, -0.28125f, -1.53125f, -1.78125f, 2.125f, 1.0f, 0.59375f,
            0.3125f, 5.09375f, 1.78125f, 4.9375f, 1.625f, 1.25f, -1.21875f, 4.375f, -0.8125f, 3.34375f, 4.34375f,
            3.375f, 3.21875f, 0.1875f, -1.40625f, -0.6875f, -0.09375f, -1.875f, -3.65625f, 0.3125f, -1.625f, -4.21875f,
            2.59375f, -1.375f, 4.0f, 1.53125f, -2.25f, -1.1875f, -3.0f, -3.375f, 0.125f, 4.5f, 1.59375f, 4.4375f,
            0.8125f, 1.03125f, -1.15625f, 4.21875f, -1.1875f, 2.75f, 4.25f, 2.96875f, 2.59375f, -0.65625f, -2.46875f,
            2.1875f, -0.5f, -1.90625f, 0.28125f, 3.1875f, 3.53125f, 2.65625f, 0.0625f, 1.0625f, -2.96875f, -0.75f,
            1.71875f, -3.03125f, 0.125f, 4.71875f, -3.25f, 0.9375f, -2.3125f, -1.25f, 0.53125f, -3.8125f, -3.53125f,
            -0.125f, 1.125f, -2.65625f, 0.46875f, -4.34375f, -3.09375f, 0.3125f, -1.3125f, 1.5f, -0.1875f, -2.625f,
            -0.03125f, 3.28125f, 2.75f, -3.25f, 1.375f, -1.90625f, 2.0f, -1.40625f, -0.21875f, 2.25f, 1.125f, 0.71875f,
            0.40625f, 5.0625f, 1.75f, -0.84375f, 1.59375f, 1.28125f, -1.28125f, 4.3125f, 3.4375f, 3.28125f, 4.375f,
            -0.28125f, -2.59375f, 5.15625f, 1.40625f, -0.625f, 0.34375f, -1.4375f, -2.5f, 0.75f, -1.6875f, -3.9375f,
            2.875f, -2.53125f, 4.28125f, 1.46875f, 0.90625f, -0.1875f, -3.4375f, -5.96875f, 0.15625f, 4.34375f,
            1.4375f, -0.75f, 0.65625f, 0.875f, -1.59375f, 3.78125f, 3.40625f, 2.3125f, 4.09375f, -0.34375f, -2.875f,
            4.65625f, 0.6875f};
        float[] y = new float[expected.length];
        REF.conv2dForward(s, x, w, b, y);
        assertArrayEquals(expected, y); // every value is a short dyadic fraction, so float sums are exact
        Backends.simd().ifPresent(simd -> {
            float[] ys = new float[expected.length];
            simd.conv2dForward(s, x, w, b, ys);
            assertArrayEquals(expected, ys);
        });
    }

    // ---------------------------------------------------------------- reference backward: finite differences

    /**
     * {@code L = sum(conv(x, w, b) * r)} is linear in each of x, w and b, so a central difference with step 1
     * is exact up to float rounding of the forward; each component of each gradient is checked.
     */
    @Test
    void referenceBackwardMatchesFiniteDifferences() {
        List<Conv2dShape> shapes = List.of(
                shape(2, 3, 5, 4, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                shape(1, 4, 7, 6, 6, 3, 2, 2, 3, 2, 0, 1, 1, 2, 1, 2),
                shape(2, 3, 6, 6, 3, 2, 2, 3, 2, 0, 1, 2, 0, 1, 2, 3),
                shape(1, 2, 5, 5, 4, 1, 1, 2, 1, 0, 0, 0, 0, 1, 1, 1));
        Random rnd = new Random(7);
        for (Conv2dShape s : shapes) {
            float[] x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
            float[] w = random(rnd, s.cOut() * s.cInPerGroup() * s.kh() * s.kw());
            float[] b = random(rnd, s.cOut());
            float[] r = random(rnd, s.n() * s.cOut() * s.outH() * s.outW());

            float[] gx = filledWithNaN(x.length);
            float[] gw = filledWithNaN(w.length);
            float[] gb = filledWithNaN(b.length);
            REF.conv2dBackwardInput(s, r, w, gx);
            REF.conv2dBackwardWeight(s, x, r, gw, gb);

            for (float[] param : List.of(x, w, b)) {
                float[] grad = param == x ? gx : param == w ? gw : gb;
                for (int i = 0; i < param.length; i++) {
                    float saved = param[i];
                    param[i] = saved + 1f;
                    double plus = loss(s, x, w, b, r);
                    param[i] = saved - 1f;
                    double minus = loss(s, x, w, b, r);
                    param[i] = saved;
                    double fd = (plus - minus) / 2;
                    assertEquals(fd, grad[i], 1e-4 * (1 + Math.abs(fd)), () -> s + " gradient component mismatch");
                }
            }
        }
    }

    private static double loss(Conv2dShape s, float[] x, float[] w, float[] b, float[] r) {
        float[] y = new float[r.length];
        REF.conv2dForward(s, x, w, b, y);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (double) y[i] * r[i];
        }
        return sum;
    }

    @Test
    void rejectsShortArraysAndEmptyOutputs() {
        Conv2dShape s = shape(1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> REF.conv2dForward(s, new float[8], new float[4], null, new float[4]));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        Conv2dShape tooSmall = shape(1, 1, 2, 2, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> REF.conv2dForward(tooSmall, new float[4], new float[9], null, new float[1]));
    }

    // ---------------------------------------------------------------- SIMD against the reference

    @Test
    void simdMatchesReferenceOnManyGeometries() {
        Backend simd = simdOrSkip();
        Random rnd = new Random(42);
        List<Conv2dShape> shapes = new ArrayList<>(List.of(
                shape(1, 1, 28, 28, 8, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),     // first seed conv, smaller
                shape(3, 8, 13, 11, 16, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),    // second seed conv, odd sizes
                shape(3, 16, 9, 9, 8, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1),      // pointwise: no im2col
                shape(2, 8, 9, 10, 4, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1),      // strided 1x1 (ResNet downsample)
                shape(1, 6, 12, 12, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 6),     // depthwise
                shape(3, 6, 11, 7, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 2),      // groups 2, stride 2
                shape(1, 3, 10, 9, 5, 3, 3, 3, 3, 0, 1, 2, 0, 2, 2, 1),      // stride 3, asymmetric pad, dilation 2
                shape(3, 4, 8, 8, 4, 2, 2, 2, 2, 0, 0, 1, 1, 1, 1, 1),       // TF 'same' with stride 2: pad after
                shape(2, 16, 40, 37, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),    // several bands per image
                shape(1, 2, 5, 5, 3, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1),       // kernel as large as the image
                // Small maps: several images side by side in one GEMM, in several items (the last one short).
                shape(10, 8, 14, 14, 12, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                shape(9, 16, 10, 10, 8, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1),    // pointwise, side by side
                shape(7, 4, 12, 12, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2),     // groups, side by side
                // Winograd F(2x2, 3x3): 3x3, stride 1, at least 16 channels each side, maps of 8x8 and up. Odd
                // and even maps, tile rows longer than a vector, chunks that span images, no padding and
                // asymmetric padding, channel counts that are not a multiple of a vector.
                shape(3, 16, 14, 14, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                shape(2, 24, 21, 37, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                shape(5, 16, 9, 9, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                shape(2, 17, 12, 19, 18, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                shape(1, 16, 9, 40, 20, 3, 3, 1, 1, 2, 0, 1, 2, 1, 1, 1),
                shape(2, 16, 10, 10, 16, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                // Weight gradient by channel lanes instead of the GEMM (AVX-512, 64+ output channels): taps that end
                // inside a block of six (153 and 80), padding on some sides, two groups of four channel vectors,
                // more images than one chunk holds.
                shape(3, 17, 9, 11, 64, 3, 3, 1, 1, 1, 0, 2, 1, 1, 1, 1),
                shape(2, 20, 7, 7, 128, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                shape(11, 17, 6, 5, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        for (int i = 0; i < 30; i++) {
            shapes.add(randomShape(rnd));
        }
        for (Conv2dShape s : shapes) {
            compareWithReference(simd, s, rnd, true);
            compareWithReference(simd, s, rnd, false);
        }
    }

    @Test
    void simdGivesTheSameResultOnOneOrSeveralThreads() {
        Backend simd = simdOrSkip();
        int saved = Parallel.numThreads();
        try {
            Random rnd = new Random(3);
            for (int threads : new int[] {1, 3}) {
                Parallel.setNumThreads(threads);
                compareWithReference(simd, shape(5, 8, 12, 12, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), rnd, true);
                compareWithReference(simd, shape(1, 16, 40, 40, 8, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1), rnd, true);
                compareWithReference(simd, shape(11, 17, 6, 5, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), rnd, true);
            }
            // Called from inside a pool task, the kernels run inline.
            Parallel.setNumThreads(2);
            Parallel.forChunks(2, 2, (lo, hi) ->
                    compareWithReference(simd, shape(3, 4, 9, 9, 6, 3, 3, 2, 1, 1, 0, 1, 0, 1, 1, 2),
                            new Random(lo), true));
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    @Test
    void emptyBatchZeroesTheWeightGradient() {
        Backend simd = simdOrSkip();
        // Small direct kernels, im2col and the GEMM, and channel lanes (64 output channels of 17 inputs).
        for (Conv2dShape s : List.of(shape(0, 2, 4, 4, 3, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                shape(0, 17, 4, 4, 3, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                shape(0, 17, 4, 4, 64, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1))) {
            for (Backend backend : List.of(REF, simd)) {
                float[] gw = filledWithNaN(s.cOut() * s.cIn() * 9);
                float[] gb = filledWithNaN(s.cOut());
                backend.conv2dBackwardWeight(s, new float[0], new float[0], gw, gb);
                assertArrayEquals(new float[gw.length], gw, backend.name() + " " + s);
                assertArrayEquals(new float[s.cOut()], gb, backend.name() + " " + s);
            }
        }
    }

    private static void compareWithReference(Backend simd, Conv2dShape s, Random rnd, boolean withBias) {
        float[] x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
        float[] w = random(rnd, s.cOut() * s.cInPerGroup() * s.kh() * s.kw());
        float[] b = withBias ? random(rnd, s.cOut()) : null;
        float[] gy = random(rnd, s.n() * s.cOut() * s.outH() * s.outW());

        float[] yRef = new float[gy.length];
        float[] y = filledWithNaN(gy.length);
        REF.conv2dForward(s, x, w, b, yRef);
        simd.conv2dForward(s, x, w, b, y);
        assertClose(yRef, y, s + " forward");

        float[] gxRef = new float[x.length];
        float[] gx = filledWithNaN(x.length);
        REF.conv2dBackwardInput(s, gy, w, gxRef);
        simd.conv2dBackwardInput(s, gy, w, gx);
        assertClose(gxRef, gx, s + " backward input");

        float[] gwRef = new float[w.length];
        float[] gw = filledWithNaN(w.length);
        float[] gbRef = withBias ? new float[s.cOut()] : null;
        float[] gb = withBias ? filledWithNaN(s.cOut()) : null;
        REF.conv2dBackwardWeight(s, x, gy, gwRef, gbRef);
        simd.conv2dBackwardWeight(s, x, gy, gw, gb);
        assertClose(gwRef, gw, s + " backward weight");
        if (withBias) {
            assertClose(gbRef, gb, s + " backward bias");
        }
    }

    private static Conv2dShape randomShape(Random rnd) {
        while (true) {
            int groups = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 1;
            int cIn = groups * (1 + rnd.nextInt(4));
            int cOut = groups * (1 + rnd.nextInt(4));
            int kh = 1 + rnd.nextInt(4);
            int kw = 1 + rnd.nextInt(4);
            int h = 1 + rnd.nextInt(12);
            int w = 1 + rnd.nextInt(12);
            int[] p = {rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3)};
            Conv2dShape s = new Conv2dShape(rnd.nextBoolean() ? 1 : 3, cIn, h, w, cOut, kh, kw,
                    1 + rnd.nextInt(3), 1 + rnd.nextInt(3), p[0], p[1], p[2], p[3],
                    1 + rnd.nextInt(2), 1 + rnd.nextInt(2), groups);
            if (s.outH() > 0 && s.outW() > 0) {
                return s;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Arguments in {@link Conv2dShape}'s order: n, cIn, h, w, cOut, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, groups. */
    private static Conv2dShape shape(int... a) {
        return new Conv2dShape(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
                a[13], a[14], a[15]);
    }

    private static Backend simdOrSkip() {
        assumeTrue(Backends.simd().isPresent(), "the SIMD backend needs --add-modules jdk.incubator.vector");
        return Backends.simd().orElseThrow();
    }

    /** Values {@code ((i*mul) % mod - off) / div}: short dyadic fractions, as in the PyTorch golden script. */
    private static float[] pattern(int n, int mul, int mod, int off, float div) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((i * mul) % mod - off) / div;
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

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float tol = 1e-4f * (1 + Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was "
                        + actual[i]);
            }
        }
    }
}
