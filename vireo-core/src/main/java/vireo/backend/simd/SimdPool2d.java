package vireo.backend.simd;

import java.util.Arrays;
import vireo.backend.Parallel;
import vireo.backend.Pool2dShape;

/**
 * Max and average pooling, parallel over the {@code n*c} planes (each plane is independent in both directions),
 * with a fast path for the 2x2 stride-2 window ({@link PoolPlane}).
 *
 * <p>Shapes: see {@link Pool2dShape}; {@code argmax} has the shape of {@code y}.
 */
final class SimdPool2d {

    /** Planes smaller than this many input cells are grouped so a task is worth its scheduling. */
    private static final int MIN_TASK_CELLS = 1 << 14;

    private SimdPool2d() {
    }

    static void maxForward(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        checkSizes(s, x, y);
        if (argmax != null) {
            checkLength("argmax", (long) s.n() * s.c() * s.outH() * s.outW(), argmax.length);
        }
        int inPlane = s.h() * s.w();
        int outPlane = s.outH() * s.outW();
        if (MaxPool2x2.supports(s)) {
            int planes = s.n() * s.c();
            int scratch = s.h() * s.outW();
            Parallel.forChunks(planes, planeChunks(s, planes), (lo, hi) -> {
                float[] pairs = new float[scratch];
                float[] flags = argmax == null ? null : new float[scratch];
                for (int p = lo; p < hi; p++) {
                    MaxPool2x2.plane(s.h(), s.w(), x, p * inPlane, y, argmax, p * outPlane, pairs, flags);
                }
            });
            return;
        }
        boolean plain = PoolPlane.isPlain2x2(s);
        if (argmax == null && !plain) {
            int planes = s.n() * s.c();
            Parallel.forChunks(planes, planeChunks(s, planes), (lo, hi) -> {
                float[] cols = new float[s.w()];
                for (int p = lo; p < hi; p++) {
                    PoolPlane.maxValues(s, x, p * inPlane, y, p * outPlane, cols);
                }
            });
            return;
        }
        Parallel.forRange(s.n() * s.c(), grain(s), p -> {
            if (plain) {
                PoolPlane.max2x2(s, x, p * inPlane, y, argmax, p * outPlane);
            } else {
                PoolPlane.max(s, x, p * inPlane, y, argmax, p * outPlane);
            }
        });
    }

    static void maxBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx) {
        checkSizes(s, gx, gy);
        int inPlane = s.h() * s.w();
        int outPlane = s.outH() * s.outW();
        Parallel.forRange(s.n() * s.c(), grain(s), p -> {
            int xOff = p * inPlane;
            int yOff = p * outPlane;
            Arrays.fill(gx, xOff, xOff + inPlane, 0f);
            for (int o = 0; o < outPlane; o++) {
                int index = argmax[yOff + o];
                if (index >= 0) {
                    gx[xOff + index] += gy[yOff + o];
                }
            }
        });
    }

    static void avgForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y) {
        checkSizes(s, x, y);
        checkNoDilation(s);
        int inPlane = s.h() * s.w();
        int outPlane = s.outH() * s.outW();
        boolean plain = PoolPlane.isPlain2x2(s);
        Parallel.forRange(s.n() * s.c(), grain(s), p -> {
            if (plain) {
                PoolPlane.avg2x2(s, x, p * inPlane, y, p * outPlane);
            } else {
                PoolPlane.avg(s, countIncludePad, x, p * inPlane, y, p * outPlane);
            }
        });
    }

    static void avgBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx) {
        checkSizes(s, gx, gy);
        checkNoDilation(s);
        int inPlane = s.h() * s.w();
        int outPlane = s.outH() * s.outW();
        boolean tiled = MaxPool2x2.supports(s); // plain 2x2 windows covering every cell
        Parallel.forRange(s.n() * s.c(), grain(s), p -> {
            if (tiled) {
                PoolPlane.avgBackward2x2(s, gy, p * outPlane, gx, p * inPlane);
                return;
            }
            Arrays.fill(gx, p * inPlane, (p + 1) * inPlane, 0f);
            PoolPlane.avgBackward(s, countIncludePad, gy, p * outPlane, gx, p * inPlane);
        });
    }

    /** One chunk per thread, or fewer so that a chunk holds at least {@link #grain} planes (each has its scratch). */
    private static int planeChunks(Pool2dShape s, int planes) {
        return Math.min(Parallel.numThreads(), Math.max(1, planes / grain(s)));
    }

    private static int grain(Pool2dShape s) {
        return Math.max(1, MIN_TASK_CELLS / Math.max(1, s.h() * s.w()));
    }

    private static void checkNoDilation(Pool2dShape s) {
        if (s.dilationH() != 1 || s.dilationW() != 1) {
            throw new IllegalArgumentException("avg_pool2d: average pooling has no dilation, received dilation=("
                    + s.dilationH() + ", " + s.dilationW() + ")");
        }
    }

    private static void checkSizes(Pool2dShape s, float[] x, float[] y) {
        checkLength("input", (long) s.n() * s.c() * s.h() * s.w(), x.length);
        checkLength("output", (long) s.n() * s.c() * s.outH() * s.outW(), y.length);
    }

    private static void checkLength(String what, long expected, int received) {
        if (received < expected) {
            throw new IllegalArgumentException("pool2d: " + what + " array needs " + expected
                    + " elements for this geometry, received " + received);
        }
    }
}
