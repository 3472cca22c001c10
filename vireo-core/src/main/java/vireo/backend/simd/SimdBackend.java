package vireo.backend.simd;

import vireo.backend.Backend;
import vireo.backend.Conv2dShape;
import vireo.backend.Pool2dShape;

/**
 * Vector API kernels, multithreaded over {@link vireo.backend.Parallel}'s pool. Loaded reflectively by
 * {@link vireo.backend.Backends} only when {@code jdk.incubator.vector} is present.
 */
public final class SimdBackend implements Backend {

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        SimdGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void conv2dForward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        SimdConv2d.forward(s, x, w, bias, y);
    }

    @Override
    public void conv2dBackwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        SimdConv2d.backwardInput(s, gy, w, gx);
    }

    @Override
    public void conv2dBackwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        SimdConv2d.backwardWeight(s, x, gy, gw, gb);
    }

    @Override
    public void maxPool2dForward(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        SimdPool2d.maxForward(s, x, y, argmax);
    }

    @Override
    public void maxPool2dBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx) {
        SimdPool2d.maxBackward(s, gy, argmax, gx);
    }

    @Override
    public void avgPool2dForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y) {
        SimdPool2d.avgForward(s, countIncludePad, x, y);
    }

    @Override
    public void avgPool2dBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx) {
        SimdPool2d.avgBackward(s, countIncludePad, gy, gx);
    }
}
