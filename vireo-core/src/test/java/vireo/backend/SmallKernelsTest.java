package vireo.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD backend's kernels for small models against the reference: the direct small-channel convolution
 * (stride 1, few input channels, small planes: all three passes), the branch-free 2x2 max pooling and the 2x2
 * average-pooling gradient, on the seed models' shapes and on odd ones, and their independence of the thread count.
 */
class SmallKernelsTest {

    private static final Backend REF = Backends.reference();

    /** Arguments in {@link Conv2dShape}'s order: n, cIn, h, w, cOut, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, groups. */
    private static Conv2dShape conv(int... a) {
        return new Conv2dShape(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
                a[13], a[14], a[15]);
    }

    @Test
    void smallConvolutionMatchesTheReference() {
        Backend simd = simdOrSkip();
        List<Conv2dShape> shapes = new ArrayList<>(List.of(
                conv(64, 1, 28, 28, 10, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),   // Net conv1
                conv(64, 10, 12, 12, 20, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),  // Net conv2
                conv(64, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1),    // LeNet conv1, padded
                conv(64, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),   // LeNet conv2
                conv(13, 3, 11, 9, 7, 3, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),     // odd everything; 13 images: a short chunk
                conv(9, 2, 7, 13, 5, 4, 2, 1, 1, 1, 0, 2, 1, 1, 1, 1),      // asymmetric padding, even kernel
                conv(3, 4, 6, 6, 3, 3, 3, 1, 1, 3, 3, 3, 3, 1, 1, 1),       // padding past the kernel: border outputs see only zeros
                conv(2, 5, 5, 5, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1),       // one output channel, kernel as large as the image
                conv(2, 16, 9, 10, 9, 1, 3, 1, 1, 0, 1, 0, 1, 1, 1, 1),     // 16 channels (the limit), a 1x3 kernel
                conv(1, 1, 1, 1, 3, 2, 2, 1, 1, 1, 1, 0, 0, 1, 1, 1),       // a single input cell
                conv(300, 2, 6, 5, 3, 3, 2, 1, 1, 1, 0, 1, 1, 1, 1, 1),     // a large batch: more images per chunk
                conv(17, 1, 28, 28, 32, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1))); // the Keras CNN's first convolution
        Random rnd = new Random(11);
        for (Conv2dShape s : shapes) {
            assertTrue(s.groups() == 1 && s.strideH() == 1 && s.dilationH() == 1, "a small-path geometry");
            compare(simd, s, rnd, true);
            compare(simd, s, rnd, false);
        }
    }

    @Test
    void smallConvolutionGivesTheSameBitsOnOneOrSeveralThreads() {
        Backend simd = simdOrSkip();
        // Deeper input on a small plane (the weight gradient with channels across the lanes), and one input
        // channel on a wide plane (the weight gradient over rows of the padded width); a short last chunk in both.
        for (Conv2dShape s : List.of(conv(21, 6, 14, 14, 16, 5, 5, 1, 1, 2, 1, 0, 2, 1, 1, 1),
                conv(19, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1))) {
            assertSameBitsOnOneOrSeveralThreads(simd, s);
        }
    }

    private static void assertSameBitsOnOneOrSeveralThreads(Backend simd, Conv2dShape s) {
        Random rnd = new Random(5);
        float[] x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
        float[] w = random(rnd, s.cOut() * s.cIn() * s.kh() * s.kw());
        float[] b = random(rnd, s.cOut());
        float[] gy = random(rnd, s.n() * s.cOut() * s.outH() * s.outW());
        int saved = Parallel.numThreads();
        List<float[][]> runs = new ArrayList<>();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setNumThreads(threads);
                float[] y = new float[gy.length];
                float[] gx = new float[x.length];
                float[] gw = new float[w.length];
                float[] gb = new float[b.length];
                simd.conv2dForward(s, x, w, b, y);
                simd.conv2dBackwardInput(s, gy, w, gx);
                simd.conv2dBackwardWeight(s, x, gy, gw, gb);
                runs.add(new float[][] {y, gx, gw, gb});
            }
        } finally {
            Parallel.setNumThreads(saved);
        }
        for (int r = 1; r < runs.size(); r++) {
            for (int part = 0; part < 4; part++) {
                assertArrayEquals(runs.get(0)[part], runs.get(r)[part], s + ": run " + r + ", output " + part);
            }
        }
    }

    @Test
    void maxPool2x2MatchesTheReferenceWithTiesAndNaN() {
        Backend simd = simdOrSkip();
        Random rnd = new Random(9);
        List<Pool2dShape> shapes = List.of(
                pool(64, 10, 24, 24), pool(64, 20, 8, 8),   // Net's pools
                pool(3, 2, 16, 32), pool(2, 3, 2, 40),      // rows of whole vectors
                pool(2, 2, 6, 10), pool(1, 1, 2, 2),        // rows shorter than a vector
                pool(2, 3, 14, 18));                        // a tail of windows after the vectors
        for (Pool2dShape s : shapes) {
            int inSize = s.n() * s.c() * s.h() * s.w();
            int outSize = s.n() * s.c() * s.outH() * s.outW();
            float[] x = new float[inSize];
            for (int i = 0; i < inSize; i++) {
                int r = rnd.nextInt(20);
                // Few distinct values (ties), some NaN (which always wins, the last one in scan order), -inf and -0.
                x[i] = r == 0 ? Float.NaN : r == 1 ? Float.NEGATIVE_INFINITY : r == 2 ? -0f : rnd.nextInt(5) - 2;
            }
            float[] yRef = new float[outSize];
            int[] amRef = new int[outSize];
            REF.maxPool2dForward(s, x, yRef, amRef);
            float[] y = new float[outSize];
            int[] am = new int[outSize];
            simd.maxPool2dForward(s, x, y, am);
            assertArrayEquals(amRef, am, s + " argmax");
            assertSameBits(yRef, y, s + " values");
            float[] y2 = new float[outSize];
            simd.maxPool2dForward(s, x, y2, null);
            assertSameBits(yRef, y2, s + " values without argmax");
            float[] y3 = new float[outSize];
            REF.maxPool2dForward(s, x, y3, null);
            assertSameBits(yRef, y3, s + " reference values without argmax");
        }
    }

    @Test
    void avgPool2x2GradientMatchesTheReference() {
        Backend simd = simdOrSkip();
        Random rnd = new Random(4);
        for (Pool2dShape s : List.of(pool(64, 6, 28, 28), pool(64, 16, 10, 10), pool(2, 3, 6, 2), pool(1, 2, 7, 9))) {
            float[] gy = random(rnd, s.n() * s.c() * s.outH() * s.outW());
            float[] gxRef = new float[s.n() * s.c() * s.h() * s.w()];
            float[] gx = new float[gxRef.length];
            Arrays.fill(gx, Float.NaN);
            REF.avgPool2dBackward(s, true, gy, gxRef);
            simd.avgPool2dBackward(s, true, gy, gx);
            assertSameBits(gxRef, gx, s + " avg backward");
        }
    }

    private static Pool2dShape pool(int n, int c, int h, int w) {
        return new Pool2dShape(n, c, h, w, 2, 2, 2, 2, 0, 0, 1, 1, false);
    }

    private static void compare(Backend simd, Conv2dShape s, Random rnd, boolean withBias) {
        float[] x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
        float[] w = random(rnd, s.cOut() * s.cIn() * s.kh() * s.kw());
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

    private static Backend simdOrSkip() {
        assumeTrue(Backends.simd().isPresent(), "the SIMD backend needs --add-modules jdk.incubator.vector");
        return Backends.simd().orElseThrow();
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

    /** Float sums in another order: relative 1e-4 of the magnitude (the weight gradients sum thousands of terms). */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float tol = 1e-4f * (1 + Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
