package vireo.backend;

/**
 * Plain-loop max and average pooling with PyTorch's rules: the oracle the fast kernels are tested against.
 *
 * <p>Output cell {@code (oh, ow)} looks at input rows {@code oh*sh - ph + ki*dh} and columns {@code ow*sw - pw + kj*dw}.
 * Max pooling treats padding as {@code -inf} (it never wins); the winner is the first maximum in row-major scan
 * order, and a NaN always wins (PyTorch propagates NaN). Average pooling has no dilation (as in PyTorch) and divides
 * by the window clipped to the padded input when {@code countIncludePad}, else by the number of real input cells.
 *
 * <p>Shapes: see {@link Pool2dShape}; {@code argmax} has the shape of {@code y}.
 */
final class ReferencePool2d {

    private ReferencePool2d() {
    }

    static void maxForward(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        checkSizes(s, x, y);
        if (argmax != null) {
            checkLength("argmax", (long) s.n() * s.c() * s.outH() * s.outW(), argmax.length);
        }
        int outH = s.outH();
        int outW = s.outW();
        for (int plane = 0; plane < s.n() * s.c(); plane++) {
            int xBase = plane * s.h() * s.w();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int ki = 0; ki < s.kh(); ki++) {
                        int ih = oh * s.strideH() - s.padH() + ki * s.dilationH();
                        if (ih < 0 || ih >= s.h()) {
                            continue;
                        }
                        for (int kj = 0; kj < s.kw(); kj++) {
                            int iw = ow * s.strideW() - s.padW() + kj * s.dilationW();
                            if (iw < 0 || iw >= s.w()) {
                                continue;
                            }
                            float v = x[xBase + ih * s.w() + iw];
                            // The first in-range cell is the winner until beaten, so an all -inf window still names a cell.
                            if (bestIndex < 0 || v > best || Float.isNaN(v)) {
                                best = v;
                                bestIndex = ih * s.w() + iw;
                            }
                        }
                    }
                    int o = (plane * outH + oh) * outW + ow;
                    y[o] = best;
                    if (argmax != null) {
                        argmax[o] = bestIndex;
                    }
                }
            }
        }
    }

    /** {@code gx} is zeroed, then each {@code gy} cell is added to the input cell its argmax names. */
    static void maxBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx) {
        checkSizes(s, gx, gy);
        int outPlane = s.outH() * s.outW();
        int inPlane = s.h() * s.w();
        java.util.Arrays.fill(gx, 0, s.n() * s.c() * inPlane, 0f);
        for (int plane = 0; plane < s.n() * s.c(); plane++) {
            for (int o = 0; o < outPlane; o++) {
                int index = argmax[plane * outPlane + o];
                if (index >= 0) { // -1 marks a window with no input cell; it has no gradient to pass on
                    gx[plane * inPlane + index] += gy[plane * outPlane + o];
                }
            }
        }
    }

    static void avgForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y) {
        checkSizes(s, x, y);
        checkNoDilation(s);
        int outH = s.outH();
        int outW = s.outW();
        for (int plane = 0; plane < s.n() * s.c(); plane++) {
            int xBase = plane * s.h() * s.w();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    Window win = window(s, oh, ow, countIncludePad);
                    double sum = 0.0;
                    for (int ih = win.h0; ih < win.h1; ih++) {
                        for (int iw = win.w0; iw < win.w1; iw++) {
                            sum += x[xBase + ih * s.w() + iw];
                        }
                    }
                    y[(plane * outH + oh) * outW + ow] = win.divisor == 0 ? 0f : (float) (sum / win.divisor);
                }
            }
        }
    }

    /** Each {@code gy} cell is spread evenly, {@code gy / divisor}, over the real input cells of its window. */
    static void avgBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx) {
        checkSizes(s, gx, gy);
        checkNoDilation(s);
        int outH = s.outH();
        int outW = s.outW();
        java.util.Arrays.fill(gx, 0, s.n() * s.c() * s.h() * s.w(), 0f);
        for (int plane = 0; plane < s.n() * s.c(); plane++) {
            int xBase = plane * s.h() * s.w();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    Window win = window(s, oh, ow, countIncludePad);
                    if (win.divisor == 0) {
                        continue;
                    }
                    float share = gy[(plane * outH + oh) * outW + ow] / win.divisor;
                    for (int ih = win.h0; ih < win.h1; ih++) {
                        for (int iw = win.w0; iw < win.w1; iw++) {
                            gx[xBase + ih * s.w() + iw] += share;
                        }
                    }
                }
            }
        }
    }

    /** The real input rows {@code [h0, h1)} and columns {@code [w0, w1)} of one average window, and its divisor. */
    private record Window(int h0, int h1, int w0, int w1, int divisor) {
    }

    /**
     * PyTorch's average-pool window: it is first clipped to the padded input (which is what
     * {@code count_include_pad} counts, so a ceil-mode window hanging past the padding is not charged for it),
     * then to the real input.
     */
    private static Window window(Pool2dShape s, int oh, int ow, boolean countIncludePad) {
        int h0 = oh * s.strideH() - s.padH();
        int w0 = ow * s.strideW() - s.padW();
        int h1 = Math.min(h0 + s.kh(), s.h() + s.padH());
        int w1 = Math.min(w0 + s.kw(), s.w() + s.padW());
        int paddedCount = (h1 - h0) * (w1 - w0);
        h0 = Math.max(h0, 0);
        w0 = Math.max(w0, 0);
        h1 = Math.min(h1, s.h());
        w1 = Math.min(w1, s.w());
        if (h0 >= h1 || w0 >= w1) {
            return new Window(h0, h0, w0, w0, 0);
        }
        return new Window(h0, h1, w0, w1, countIncludePad ? paddedCount : (h1 - h0) * (w1 - w0));
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
