package vireo.vision.transforms;

import vireo.vision.io.Image;

/**
 * PIL's nearest-neighbour affine warp ({@code libImaging/Geometry.c}), which torchvision's {@code rotate} and
 * {@code affine} use on PIL images: the output pixel centre {@code (x + 0.5, y + 0.5)} is mapped through the
 * inverse matrix {@code a} to the input. PIL picks one of three loops (scale only, 16.16 fixed point, floating
 * point) and each rounds slightly differently at pixel boundaries, so all three are reproduced.
 *
 * <p>Out-of-range pixels get {@code fill} in {@link FillMode#CONSTANT} mode or the clamped (edge) pixel in
 * {@link FillMode#NEAREST} mode (Keras; PIL has no such mode).
 */
final class PilAffine {

    private PilAffine() {
    }

    /** {@code a = {a0, a1, a2, a3, a4, a5}}: {@code xin = a0 x + a1 y + a2}, {@code yin = a3 x + a4 y + a5}. */
    static Image warp(Image in, int outW, int outH, double[] a, FillMode mode, int[] fill) {
        byte[] src = in.pixels();
        int inW = in.width();
        int inH = in.height();
        byte[] out = new byte[outW * outH * 3];
        boolean clamp = mode == FillMode.NEAREST;
        if (!clamp) {
            byte f0 = (byte) fill[0];
            byte f1 = (byte) fill[1];
            byte f2 = (byte) fill[2];
            if (f0 != 0 || f1 != 0 || f2 != 0) {
                for (int i = 0; i < out.length; i += 3) {
                    out[i] = f0;
                    out[i + 1] = f1;
                    out[i + 2] = f2;
                }
            }
        }
        if (a[1] == 0 && a[3] == 0) {
            scaleOnly(src, inW, inH, out, outW, outH, a, clamp);
        } else if (Math.abs(inW * a[0] + inH * a[1] + a[2]) < 32768.0
                && Math.abs(inW * a[3] + inH * a[4] + a[5]) < 32768.0) {
            fixedPoint(src, inW, inH, out, outW, outH, a, clamp);
        } else {
            floating(src, inW, inH, out, outW, outH, a, clamp);
        }
        return Image.wrap(outW, outH, out);
    }

    /** C's {@code COORD}: -1 for anything negative, else truncation. */
    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    private static int fix(double v) {
        double s = v * 65536.0 + 0.5;
        return s < 0.0 ? (int) Math.floor(s) : (int) s;
    }

    private static void copy(byte[] src, int inW, int xin, int yin, byte[] out, int o) {
        int p = (yin * inW + xin) * 3;
        out[o] = src[p];
        out[o + 1] = src[p + 1];
        out[o + 2] = src[p + 2];
    }

    private static void put(byte[] src, int inW, int inH, int xin, int yin, byte[] out, int o, boolean clamp) {
        if (xin >= 0 && xin < inW && yin >= 0 && yin < inH) {
            copy(src, inW, xin, yin, out, o);
        } else if (clamp) {
            copy(src, inW, Math.min(Math.max(xin, 0), inW - 1), Math.min(Math.max(yin, 0), inH - 1), out, o);
        }
    }

    private static void scaleOnly(byte[] src, int inW, int inH, byte[] out, int outW, int outH, double[] a,
                                  boolean clamp) {
        int[] xin = new int[outW];
        double xo = a[2] + a[0] * 0.5;
        for (int x = 0; x < outW; x++) {
            xin[x] = coord(xo);
            xo += a[0];
        }
        double yo = a[5] + a[4] * 0.5;
        for (int y = 0; y < outH; y++) {
            int yi = coord(yo);
            for (int x = 0; x < outW; x++) {
                put(src, inW, inH, xin[x], yi, out, (y * outW + x) * 3, clamp);
            }
            yo += a[4];
        }
    }

    private static void fixedPoint(byte[] src, int inW, int inH, byte[] out, int outW, int outH, double[] a,
                                   boolean clamp) {
        int a0 = fix(a[0]);
        int a1 = fix(a[1]);
        int a3 = fix(a[3]);
        int a4 = fix(a[4]);
        int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
        int a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
        for (int y = 0; y < outH; y++) {
            int xx = a2;
            int yy = a5;
            for (int x = 0; x < outW; x++) {
                put(src, inW, inH, xx >> 16, yy >> 16, out, (y * outW + x) * 3, clamp);
                xx += a0;
                yy += a3;
            }
            a2 += a1;
            a5 += a4;
        }
    }

    private static void floating(byte[] src, int inW, int inH, byte[] out, int outW, int outH, double[] a,
                                 boolean clamp) {
        double xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
        double yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
        for (int y = 0; y < outH; y++) {
            double xx = xo;
            double yy = yo;
            for (int x = 0; x < outW; x++) {
                put(src, inW, inH, coord(xx), coord(yy), out, (y * outW + x) * 3, clamp);
                xx += a[0];
                yy += a[3];
            }
            xo += a[1];
            yo += a[4];
        }
    }
}
