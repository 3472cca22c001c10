package vireo.backend;

/**
 * Direct-loop 2-D convolution (PyTorch's {@code F.conv2d} semantics): the oracle the fast kernels are tested against.
 *
 * <p>Every output element is computed by its own gather loop with a double accumulator, so the result does not
 * depend on summation order and each kernel reads like its formula:
 * <pre>
 *   y[n, co, oh, ow] = bias[co] + sum_{ci in group(co), ki, kj} x[n, ci, oh*sh - pt + ki*dh, ow*sw - pl + kj*dw] * w[co, ci', ki, kj]
 * </pre>
 * Input cells outside {@code [0, h) x [0, w)} are the zero padding.
 *
 * <p>Shapes: see {@link Conv2dShape}.
 */
final class ReferenceConv2d {

    private ReferenceConv2d() {
    }

    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        checkSizes(s, x, w, y, bias);
        int outH = s.outH();
        int outW = s.outW();
        int cinG = s.cInPerGroup();
        int coutG = s.cOutPerGroup();
        for (int n = 0; n < s.n(); n++) {
            for (int co = 0; co < s.cOut(); co++) {
                int firstCi = (co / coutG) * cinG;
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double sum = bias == null ? 0.0 : bias[co];
                        for (int cg = 0; cg < cinG; cg++) {
                            for (int ki = 0; ki < s.kh(); ki++) {
                                int ih = oh * s.strideH() - s.padTop() + ki * s.dilationH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int kj = 0; kj < s.kw(); kj++) {
                                    int iw = ow * s.strideW() - s.padLeft() + kj * s.dilationW();
                                    if (iw < 0 || iw >= s.w()) {
                                        continue;
                                    }
                                    sum += (double) x[xIndex(s, n, firstCi + cg, ih, iw)] * w[wIndex(s, co, cg, ki, kj)];
                                }
                            }
                        }
                        y[((n * s.cOut() + co) * outH + oh) * outW + ow] = (float) sum;
                    }
                }
            }
        }
    }

    /**
     * {@code gx[n, ci, ih, iw] = sum over the (co, ki, kj) whose window puts tap (ki, kj) on (ih, iw)} of
     * {@code gy[n, co, oh, ow] * w[co, ci', ki, kj]}; an output position exists when {@code ih + pt - ki*dh} is a
     * non-negative multiple of the stride below {@code outH * sh} (same for the width).
     */
    static void backwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        checkSizes(s, gx, w, gy, null);
        int outH = s.outH();
        int outW = s.outW();
        int cinG = s.cInPerGroup();
        int coutG = s.cOutPerGroup();
        for (int n = 0; n < s.n(); n++) {
            for (int ci = 0; ci < s.cIn(); ci++) {
                int g = ci / cinG;
                int cg = ci - g * cinG;
                for (int ih = 0; ih < s.h(); ih++) {
                    for (int iw = 0; iw < s.w(); iw++) {
                        double sum = 0.0;
                        for (int co = g * coutG; co < (g + 1) * coutG; co++) {
                            for (int ki = 0; ki < s.kh(); ki++) {
                                int oh = outputIndex(ih + s.padTop() - ki * s.dilationH(), s.strideH(), outH);
                                if (oh < 0) {
                                    continue;
                                }
                                for (int kj = 0; kj < s.kw(); kj++) {
                                    int ow = outputIndex(iw + s.padLeft() - kj * s.dilationW(), s.strideW(), outW);
                                    if (ow < 0) {
                                        continue;
                                    }
                                    sum += (double) gy[((n * s.cOut() + co) * outH + oh) * outW + ow]
                                            * w[wIndex(s, co, cg, ki, kj)];
                                }
                            }
                        }
                        gx[xIndex(s, n, ci, ih, iw)] = (float) sum;
                    }
                }
            }
        }
    }

    /** {@code gw[co, ci', ki, kj] = sum_{n, oh, ow} gy[n, co, oh, ow] * x[n, ci, tap]}; {@code gb[co] = sum gy[n, co, ., .]}. */
    static void backwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        checkSizes(s, x, gw, gy, gb);
        int outH = s.outH();
        int outW = s.outW();
        int cinG = s.cInPerGroup();
        int coutG = s.cOutPerGroup();
        for (int co = 0; co < s.cOut(); co++) {
            int firstCi = (co / coutG) * cinG;
            for (int cg = 0; cg < cinG; cg++) {
                for (int ki = 0; ki < s.kh(); ki++) {
                    for (int kj = 0; kj < s.kw(); kj++) {
                        double sum = 0.0;
                        for (int n = 0; n < s.n(); n++) {
                            for (int oh = 0; oh < outH; oh++) {
                                int ih = oh * s.strideH() - s.padTop() + ki * s.dilationH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int ow = 0; ow < outW; ow++) {
                                    int iw = ow * s.strideW() - s.padLeft() + kj * s.dilationW();
                                    if (iw < 0 || iw >= s.w()) {
                                        continue;
                                    }
                                    sum += (double) gy[((n * s.cOut() + co) * outH + oh) * outW + ow]
                                            * x[xIndex(s, n, firstCi + cg, ih, iw)];
                                }
                            }
                        }
                        gw[wIndex(s, co, cg, ki, kj)] = (float) sum;
                    }
                }
            }
        }
        if (gb != null) {
            for (int co = 0; co < s.cOut(); co++) {
                double sum = 0.0;
                for (int n = 0; n < s.n(); n++) {
                    int base = (n * s.cOut() + co) * outH * outW;
                    for (int p = 0; p < outH * outW; p++) {
                        sum += gy[base + p];
                    }
                }
                gb[co] = (float) sum;
            }
        }
    }

    /** The output coordinate whose window start plus a tap lands at {@code offset}, or -1 when there is none. */
    private static int outputIndex(int offset, int stride, int outSize) {
        if (offset < 0 || offset % stride != 0) {
            return -1;
        }
        int o = offset / stride;
        return o < outSize ? o : -1;
    }

    private static int xIndex(Conv2dShape s, int n, int c, int ih, int iw) {
        return ((n * s.cIn() + c) * s.h() + ih) * s.w() + iw;
    }

    private static int wIndex(Conv2dShape s, int co, int cg, int ki, int kj) {
        return ((co * s.cInPerGroup() + cg) * s.kh() + ki) * s.kw() + kj;
    }

    /**
     * Checks array lengths against the geometry.
     *
     * @param x the input or its gradient, {@code [n, cIn, h, w]}
     * @param w the weight or its gradient, {@code [cOut, cIn/groups, kh, kw]}
     * @param y the output or its gradient, {@code [n, cOut, outH, outW]}
     * @param bias the bias or its gradient, {@code [cOut]}, or null
     */
    private static void checkSizes(Conv2dShape s, float[] x, float[] w, float[] y, float[] bias) {
        if (s.outH() <= 0 || s.outW() <= 0) {
            throw new IllegalArgumentException("conv2d: input " + s.h() + "x" + s.w() + " is too small for kernel "
                    + s.kh() + "x" + s.kw() + " (dilation " + s.dilationH() + "x" + s.dilationW() + ", padding "
                    + s.padTop() + "/" + s.padBottom() + ", " + s.padLeft() + "/" + s.padRight() + ")");
        }
        expect("input", (long) s.n() * s.cIn() * s.h() * s.w(), x.length);
        expect("weight", (long) s.cOut() * s.cInPerGroup() * s.kh() * s.kw(), w.length);
        expect("output", (long) s.n() * s.cOut() * s.outH() * s.outW(), y.length);
        if (bias != null) {
            expect("bias", s.cOut(), bias.length);
        }
    }

    private static void expect(String what, long expected, int received) {
        if (received < expected) {
            throw new IllegalArgumentException("conv2d: " + what + " array needs " + expected
                    + " elements for this geometry, received " + received);
        }
    }
}
