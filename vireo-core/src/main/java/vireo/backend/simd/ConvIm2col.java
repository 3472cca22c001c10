package vireo.backend.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Conv2dShape;

/**
 * Unfolds a band of output rows of one image and one channel group into a column matrix (im2col), and folds a
 * column-matrix gradient back onto the image (col2im).
 *
 * <p>Shapes: the column matrix is {@code [cInPerGroup * kh * kw, (oh1 - oh0) * outW]} row-major with leading
 * dimension {@code (oh1 - oh0) * outW}; row {@code (c*kh + ki)*kw + kj} holds, for each output cell of the band, the
 * input cell that tap {@code (ki, kj)} of channel {@code c} reads (zero in the padding).
 */
final class ConvIm2col {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ConvIm2col() {
    }

    /**
     * Fills {@code col} for output rows {@code [oh0, oh1)}.
     *
     * @param xOff offset of channel 0 of the group in {@code x} (that is, of {@code x[n, g*cInPerGroup, 0, 0]})
     */
    static void im2col(Conv2dShape s, float[] x, int xOff, int oh0, int oh1, float[] col) {
        im2col(s, x, xOff, oh0, oh1, col, 0, (oh1 - oh0) * s.outW());
    }

    /**
     * Fills the band's columns of a wider column matrix: row {@code r} of the band starts at {@code col[colOff +
     * r*ld]} ({@code ld} at least the band's width), so that several images can sit side by side.
     */
    static void im2col(Conv2dShape s, float[] x, int xOff, int oh0, int oh1, float[] col, int colOff, int ld) {
        int outW = s.outW();
        int band = ld;
        int h = s.h();
        int w = s.w();
        int sw = s.strideW();
        int row = 0;
        for (int c = 0; c < s.cInPerGroup(); c++) {
            int plane = xOff + c * h * w;
            for (int ki = 0; ki < s.kh(); ki++) {
                for (int kj = 0; kj < s.kw(); kj++, row++) {
                    int shift = kj * s.dilationW() - s.padLeft(); // iw = ow*sw + shift
                    int owLo = validLo(shift, sw);
                    int owHi = validHi(shift, sw, w, outW);
                    int dst = colOff + row * band;
                    for (int oh = oh0; oh < oh1; oh++, dst += outW) {
                        int ih = oh * s.strideH() - s.padTop() + ki * s.dilationH();
                        if (ih < 0 || ih >= h || owLo >= owHi) {
                            Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        Arrays.fill(col, dst, dst + owLo, 0f);
                        int src = plane + ih * w + shift;
                        if (sw == 1) {
                            System.arraycopy(x, src + owLo, col, dst + owLo, owHi - owLo);
                        } else {
                            for (int ow = owLo; ow < owHi; ow++) {
                                col[dst + ow] = x[src + ow * sw];
                            }
                        }
                        Arrays.fill(col, dst + owHi, dst + outW, 0f);
                    }
                }
            }
        }
    }

    /**
     * Adds the column-matrix gradient of output rows {@code [oh0, oh1)} onto {@code gx} (which the caller zeroed).
     *
     * @param gxOff offset of channel 0 of the group in {@code gx}
     */
    static void col2imAdd(Conv2dShape s, float[] col, int oh0, int oh1, float[] gx, int gxOff) {
        int outW = s.outW();
        int band = (oh1 - oh0) * outW;
        int h = s.h();
        int w = s.w();
        int sw = s.strideW();
        int row = 0;
        for (int c = 0; c < s.cInPerGroup(); c++) {
            int plane = gxOff + c * h * w;
            for (int ki = 0; ki < s.kh(); ki++) {
                for (int kj = 0; kj < s.kw(); kj++, row++) {
                    int shift = kj * s.dilationW() - s.padLeft();
                    int owLo = validLo(shift, sw);
                    int owHi = validHi(shift, sw, w, outW);
                    int src = row * band;
                    for (int oh = oh0; oh < oh1; oh++, src += outW) {
                        int ih = oh * s.strideH() - s.padTop() + ki * s.dilationH();
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int dst = plane + ih * w + shift;
                        if (sw == 1) {
                            addRow(col, src + owLo, gx, dst + owLo, owHi - owLo);
                        } else {
                            for (int ow = owLo; ow < owHi; ow++) {
                                gx[dst + ow * sw] += col[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len}. */
    private static void addRow(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        for (int upper = S.loopBound(len); i < upper; i += S.length()) {
            FloatVector.fromArray(S, dst, dOff + i).add(FloatVector.fromArray(S, src, sOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }

    /** The first output column whose tap {@code iw = ow*sw + shift} is inside the image. */
    private static int validLo(int shift, int sw) {
        return shift >= 0 ? 0 : Math.ceilDiv(-shift, sw);
    }

    /** One past the last output column whose tap is inside the image; may be at or below {@link #validLo} (no column is). */
    private static int validHi(int shift, int sw, int w, int outW) {
        int last = w - 1 - shift; // ow*sw <= last
        if (last < 0) {
            return 0;
        }
        return Math.min(outW, last / sw + 1);
    }
}
