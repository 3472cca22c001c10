package vireo.backend.simd;

import vireo.backend.Conv2dShape;

/** Placeholder until the conv kernels land (owned by the conv/pool work). */
final class SimdConv2d {
    private SimdConv2d() {
    }

    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        throw new UnsupportedOperationException("TODO conv");
    }

    static void backwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        throw new UnsupportedOperationException("TODO conv");
    }

    static void backwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        throw new UnsupportedOperationException("TODO conv");
    }
}
