package vireo.vision.transforms;

import vireo.vision.io.Image;

/**
 * PIL's separable resampling ({@code libImaging/Resample.c}), bit for bit for 8-bit images: a convolution whose
 * filter support grows with the downscaling factor (that is the antialiasing), coefficients normalised and turned
 * into 22-bit fixed point, a horizontal pass over the rows the vertical pass needs, then the vertical pass.
 * torchvision's {@code Resize} on a PIL image calls exactly this ({@code img.resize(size, BILINEAR)}).
 */
final class PilResample {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** The filter kernel and its support at scale 1. */
    enum Filter {
        BILINEAR(1.0) {
            @Override
            double weight(double x) {
                x = Math.abs(x);
                return x < 1.0 ? 1.0 - x : 0.0;
            }
        },
        BICUBIC(2.0) {
            @Override
            double weight(double x) {
                final double a = -0.5; // PIL's cubic
                x = Math.abs(x);
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double weight(double x);
    }

    /** Per output position: first input index, count, and fixed-point weights ({@code ksize} per position). */
    private record Coeffs(int ksize, int[] bounds, int[] weights) {
    }

    private PilResample() {
    }

    static Image resize(Image in, int outW, int outH, Filter filter) {
        int inW = in.width();
        int inH = in.height();
        if (outW == inW && outH == inH) {
            return in;
        }
        Coeffs horiz = coeffs(inW, outW, filter);
        Coeffs vert = coeffs(inH, outH, filter);
        byte[] src = in.pixels();
        int rowFirst = 0;
        int rows = inH;
        if (outH != inH) {
            // The horizontal pass only needs the input rows that some output row reads.
            rowFirst = vert.bounds[0];
            int last = vert.bounds[(outH - 1) * 2] + vert.bounds[(outH - 1) * 2 + 1];
            rows = last - rowFirst;
        }
        byte[] mid;
        int midW;
        if (outW != inW) {
            mid = horizontal(src, inW, rowFirst, rows, outW, horiz);
            midW = outW;
        } else {
            mid = src; // the vertical pass reads the whole input: its row indices need no shift
            midW = inW;
            rowFirst = 0;
        }
        if (outH == inH) {
            return Image.wrap(midW, outH, mid);
        }
        return Image.wrap(midW, outH, vertical(mid, midW, rowFirst, outH, vert));
    }

    private static Coeffs coeffs(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = filter.support * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        double ss = 1.0 / filterscale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                // C's (int) truncates toward zero, so PIL rounds by adding ±0.5 first.
                weights[xx * ksize + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                        : 0.5 + w * (1 << PRECISION_BITS));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return new Coeffs(ksize, bounds, weights);
    }

    private static byte[] horizontal(byte[] src, int inW, int rowFirst, int rows, int outW, Coeffs c) {
        byte[] out = new byte[rows * outW * 3];
        int[] b = c.bounds;
        int[] w = c.weights;
        int ksize = c.ksize;
        for (int y = 0; y < rows; y++) {
            int rowIn = (y + rowFirst) * inW * 3;
            int rowOut = y * outW * 3;
            for (int xx = 0; xx < outW; xx++) {
                int xmin = b[xx * 2];
                int xmax = b[xx * 2 + 1];
                int kOff = xx * ksize;
                int s0 = 1 << (PRECISION_BITS - 1);
                int s1 = s0;
                int s2 = s0;
                int p = rowIn + xmin * 3;
                for (int x = 0; x < xmax; x++, p += 3) {
                    int k = w[kOff + x];
                    s0 += (src[p] & 0xFF) * k;
                    s1 += (src[p + 1] & 0xFF) * k;
                    s2 += (src[p + 2] & 0xFF) * k;
                }
                int o = rowOut + xx * 3;
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] src, int width, int rowFirst, int outH, Coeffs c) {
        byte[] out = new byte[outH * width * 3];
        int[] b = c.bounds;
        int[] w = c.weights;
        int ksize = c.ksize;
        int stride = width * 3;
        int[] acc = new int[stride];
        for (int yy = 0; yy < outH; yy++) {
            int ymin = b[yy * 2] - rowFirst;
            int ymax = b[yy * 2 + 1];
            int kOff = yy * ksize;
            java.util.Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
            // Row by row so the inner loop runs over contiguous bytes.
            for (int y = 0; y < ymax; y++) {
                int k = w[kOff + y];
                int p = (ymin + y) * stride;
                for (int i = 0; i < stride; i++) {
                    acc[i] += (src[p + i] & 0xFF) * k;
                }
            }
            int o = yy * stride;
            for (int i = 0; i < stride; i++) {
                out[o + i] = clip8(acc[i]);
            }
        }
        return out;
    }

    private static byte clip8(int v) {
        if (v >= (256 << PRECISION_BITS)) {
            return (byte) 255;
        }
        if (v <= 0) {
            return 0;
        }
        return (byte) (v >> PRECISION_BITS);
    }
}
