package vireo.backend.simd;

import vireo.backend.Pool2dShape;

/** Placeholder until the pooling kernels land (owned by the conv/pool work). */
final class SimdPool2d {
    private SimdPool2d() {
    }

    static void maxForward(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        throw new UnsupportedOperationException("TODO pool");
    }

    static void maxBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx) {
        throw new UnsupportedOperationException("TODO pool");
    }

    static void avgForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y) {
        throw new UnsupportedOperationException("TODO pool");
    }

    static void avgBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx) {
        throw new UnsupportedOperationException("TODO pool");
    }
}
