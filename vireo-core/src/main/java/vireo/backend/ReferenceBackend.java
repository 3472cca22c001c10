package vireo.backend;

/** Plain loops, single-threaded and readable: the oracle every faster kernel is tested against. */
public final class ReferenceBackend implements Backend {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        ReferenceGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void conv2dForward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        ReferenceConv2d.forward(s, x, w, bias, y);
    }

    @Override
    public void conv2dBackwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        ReferenceConv2d.backwardInput(s, gy, w, gx);
    }

    @Override
    public void conv2dBackwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        ReferenceConv2d.backwardWeight(s, x, gy, gw, gb);
    }

    @Override
    public void maxPool2dForward(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        ReferencePool2d.maxForward(s, x, y, argmax);
    }

    @Override
    public void maxPool2dBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx) {
        ReferencePool2d.maxBackward(s, gy, argmax, gx);
    }

    @Override
    public void avgPool2dForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y) {
        ReferencePool2d.avgForward(s, countIncludePad, x, y);
    }

    @Override
    public void avgPool2dBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx) {
        ReferencePool2d.avgBackward(s, countIncludePad, gy, gx);
    }
}
