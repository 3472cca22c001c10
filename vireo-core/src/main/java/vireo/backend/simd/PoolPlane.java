package vireo.backend.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Pool2dShape;

/**
 * Pooling over one {@code (n, c)} plane, PyTorch's rules (see {@code ReferencePool2d}): the general loops, and a
 * fast path for the common 2x2, stride-2, unpadded window.
 *
 * <p>Shapes: a plane of {@code x} is {@code [h, w]} at {@code xOff}; of {@code y} and {@code argmax}
 * {@code [outH, outW]} at {@code yOff}.
 */
final class PoolPlane {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private PoolPlane() {
    }

    /** True when every window is a full, unpadded, undilated 2x2 block at stride 2. */
    static boolean isPlain2x2(Pool2dShape s) {
        return s.kh() == 2 && s.kw() == 2 && s.strideH() == 2 && s.strideW() == 2 && s.padH() == 0 && s.padW() == 0
                && s.dilationH() == 1 && s.dilationW() == 1 && 2 * s.outH() <= s.h() && 2 * s.outW() <= s.w();
    }

    /** The general scan; {@code argmax} may be null. */
    static void max(Pool2dShape s, float[] x, int xOff, float[] y, int[] argmax, int yOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
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
                        if (iw < 0 || iw >= w) {
                            continue;
                        }
                        float v = x[xOff + ih * w + iw];
                        if (bestIndex < 0 || v > best || Float.isNaN(v)) {
                            best = v;
                            bestIndex = ih * w + iw;
                        }
                    }
                }
                y[yOff + oh * outW + ow] = best;
                if (argmax != null) {
                    argmax[yOff + oh * outW + ow] = bestIndex;
                }
            }
        }
    }

    /**
     * {@link #max} without indices (inference): a vertical pass takes, for each output row, the maximum of every
     * input column over the window's rows (whole vectors), then a horizontal pass the maximum of those over each
     * window's columns. With no index to track and no comparison to branch on (the scan's mispredicts half the time
     * on activations), it runs several times faster. The values are the scan's, NaN included, except that a window
     * holding both -0 and +0 as its maximum gives +0 where the scan gives the first of them.
     *
     * @param cols scratch of at least {@code w} floats
     */
    static void maxValues(Pool2dShape s, float[] x, int xOff, float[] y, int yOff, float[] cols) {
        int h = s.h();
        int w = s.w();
        int outW = s.outW();
        int vecEnd = S.loopBound(w);
        int dw = s.dilationW();
        int span = (s.kw() - 1) * dw + 1;
        for (int oh = 0; oh < s.outH(); oh++) {
            int o = yOff + oh * outW;
            int ih0 = oh * s.strideH() - s.padH();
            int lo = firstTap(ih0, s.dilationH());
            int hi = endTap(ih0, s.dilationH(), s.kh(), h);
            if (lo >= hi) { // a dilated window can fall wholly in the padding: the scan gives -inf
                Arrays.fill(y, o, o + outW, Float.NEGATIVE_INFINITY);
                continue;
            }
            System.arraycopy(x, xOff + (ih0 + lo * s.dilationH()) * w, cols, 0, w);
            for (int ki = lo + 1; ki < hi; ki++) {
                int row = xOff + (ih0 + ki * s.dilationH()) * w;
                int iw = 0;
                for (; iw < vecEnd; iw += S.length()) {
                    FloatVector.fromArray(S, cols, iw).max(FloatVector.fromArray(S, x, row + iw)).intoArray(cols, iw);
                }
                for (; iw < w; iw++) {
                    cols[iw] = Math.max(cols[iw], x[row + iw]);
                }
            }
            for (int ow = 0; ow < outW; ow++) {
                int iw0 = ow * s.strideW() - s.padW();
                float best;
                if (iw0 >= 0 && iw0 + span <= w) { // the window lies inside the row: no tap to clip
                    best = cols[iw0];
                    for (int at = iw0 + dw; at < iw0 + span; at += dw) {
                        best = Math.max(best, cols[at]);
                    }
                } else {
                    best = Float.NEGATIVE_INFINITY;
                    for (int kj = firstTap(iw0, dw), end = endTap(iw0, dw, s.kw(), w); kj < end; kj++) {
                        best = Math.max(best, cols[iw0 + kj * dw]);
                    }
                }
                y[o + ow] = best;
            }
        }
    }

    /** The first tap {@code k} of a window starting at {@code start} with {@code start + k * dilation >= 0}. */
    private static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : Math.ceilDiv(-start, dilation);
    }

    /** One past the last tap {@code k < kernel} with {@code start + k * dilation < size}. */
    private static int endTap(int start, int dilation, int kernel, int size) {
        return Math.min(kernel, Math.floorDiv(size - 1 - start, dilation) + 1);
    }

    /** {@link #max} for {@link #isPlain2x2} windows: the same scan order (top-left, top-right, bottom-left, bottom-right). */
    static void max2x2(Pool2dShape s, float[] x, int xOff, float[] y, int[] argmax, int yOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
        for (int oh = 0; oh < outH; oh++) {
            int top = 2 * oh * w;
            int o = yOff + oh * outW;
            for (int ow = 0; ow < outW; ow++, o++) {
                int i = top + 2 * ow;
                float best = x[xOff + i];
                int bestIndex = i;
                float v = x[xOff + i + 1];
                if (v > best || Float.isNaN(v)) {
                    best = v;
                    bestIndex = i + 1;
                }
                v = x[xOff + i + w];
                if (v > best || Float.isNaN(v)) {
                    best = v;
                    bestIndex = i + w;
                }
                v = x[xOff + i + w + 1];
                if (v > best || Float.isNaN(v)) {
                    best = v;
                    bestIndex = i + w + 1;
                }
                y[o] = best;
                if (argmax != null) {
                    argmax[o] = bestIndex;
                }
            }
        }
    }

    static void avg(Pool2dShape s, boolean countIncludePad, float[] x, int xOff, float[] y, int yOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
        for (int oh = 0; oh < outH; oh++) {
            int h0 = oh * s.strideH() - s.padH();
            int h1 = Math.min(h0 + s.kh(), s.h() + s.padH());
            for (int ow = 0; ow < outW; ow++) {
                int w0 = ow * s.strideW() - s.padW();
                int w1 = Math.min(w0 + s.kw(), w + s.padW());
                int paddedCount = (h1 - h0) * (w1 - w0);
                int ch0 = Math.max(h0, 0);
                int cw0 = Math.max(w0, 0);
                int ch1 = Math.min(h1, s.h());
                int cw1 = Math.min(w1, w);
                float out = 0f;
                if (ch0 < ch1 && cw0 < cw1) {
                    float sum = 0f;
                    for (int ih = ch0; ih < ch1; ih++) {
                        for (int iw = cw0; iw < cw1; iw++) {
                            sum += x[xOff + ih * w + iw];
                        }
                    }
                    out = sum / (countIncludePad ? paddedCount : (ch1 - ch0) * (cw1 - cw0));
                }
                y[yOff + oh * outW + ow] = out;
            }
        }
    }

    /** {@link #avg} for {@link #isPlain2x2} windows, where every divisor is 4. */
    static void avg2x2(Pool2dShape s, float[] x, int xOff, float[] y, int yOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
        for (int oh = 0; oh < outH; oh++) {
            int top = xOff + 2 * oh * w;
            int o = yOff + oh * outW;
            for (int ow = 0; ow < outW; ow++) {
                int i = top + 2 * ow;
                y[o + ow] = (x[i] + x[i + 1] + x[i + w] + x[i + w + 1]) * 0.25f;
            }
        }
    }

    /**
     * {@link #avgBackward} for {@link #isPlain2x2} windows that tile the plane exactly ({@code h = 2*outH},
     * {@code w = 2*outW}): every input cell gets a quarter of its one window's gradient, so {@code gx}'s plane is
     * written rather than added to, and need not be zeroed first. ({@code gy * 0.25f} equals {@code gy / 4} exactly.)
     */
    static void avgBackward2x2(Pool2dShape s, float[] gy, int yOff, float[] gx, int xOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
        for (int oh = 0; oh < outH; oh++) {
            int top = xOff + 2 * oh * w;
            int o = yOff + oh * outW;
            for (int ow = 0; ow < outW; ow++) {
                float share = gy[o + ow] * 0.25f;
                int i = top + 2 * ow;
                gx[i] = share;
                gx[i + 1] = share;
                gx[i + w] = share;
                gx[i + w + 1] = share;
            }
        }
    }

    /** Adds each {@code gy / divisor} onto the real input cells of its window; {@code gx}'s plane must be zeroed. */
    static void avgBackward(Pool2dShape s, boolean countIncludePad, float[] gy, int yOff, float[] gx, int xOff) {
        int w = s.w();
        int outH = s.outH();
        int outW = s.outW();
        for (int oh = 0; oh < outH; oh++) {
            int h0 = oh * s.strideH() - s.padH();
            int h1 = Math.min(h0 + s.kh(), s.h() + s.padH());
            for (int ow = 0; ow < outW; ow++) {
                int w0 = ow * s.strideW() - s.padW();
                int w1 = Math.min(w0 + s.kw(), w + s.padW());
                int paddedCount = (h1 - h0) * (w1 - w0);
                int ch0 = Math.max(h0, 0);
                int cw0 = Math.max(w0, 0);
                int ch1 = Math.min(h1, s.h());
                int cw1 = Math.min(w1, w);
                if (ch0 >= ch1 || cw0 >= cw1) {
                    continue;
                }
                float share = gy[yOff + oh * outW + ow] / (countIncludePad ? paddedCount : (ch1 - ch0) * (cw1 - cw0));
                for (int ih = ch0; ih < ch1; ih++) {
                    for (int iw = cw0; iw < cw1; iw++) {
                        gx[xOff + ih * w + iw] += share;
                    }
                }
            }
        }
    }
}
