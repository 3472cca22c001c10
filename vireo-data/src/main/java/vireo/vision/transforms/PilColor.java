package vireo.vision.transforms;

import vireo.vision.io.Image;

/**
 * PIL's colour operations as torchvision's {@code ColorJitter} uses them on PIL images: {@code ImageEnhance}
 * (a blend with a degenerate image), the {@code "L"} conversion and the HSV round trip of {@code adjust_hue}.
 * Rounding follows {@code libImaging} (truncation in blends, fixed-point luma).
 */
final class PilColor {

    private PilColor() {
    }

    /** PIL's {@code L24}: ITU-R 601-2 luma in 16.16 fixed point, rounded. */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /**
     * {@code Image.blend(degenerate, img, factor)} with a constant degenerate colour. The result of a value
     * depends on nothing else, so the 256 possible results are computed once and looked up.
     */
    static Image blendConstant(Image img, int degenerate, float alpha) {
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = blend(degenerate, v, alpha);
        }
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = lut[src[i] & 0xFF];
        }
        return Image.wrap(img.width(), img.height(), out);
    }

    /** {@code Image.blend(img.convert("L").convert("RGB"), img, factor)}: saturation. */
    static Image blendGray(Image img, float alpha) {
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            int r = src[i] & 0xFF;
            int g = src[i + 1] & 0xFF;
            int b = src[i + 2] & 0xFF;
            int l = luma(r, g, b);
            out[i] = blend(l, r, alpha);
            out[i + 1] = blend(l, g, alpha);
            out[i + 2] = blend(l, b, alpha);
        }
        return Image.wrap(img.width(), img.height(), out);
    }

    /** {@code int(mean(img.convert("L")) + 0.5)}, the grey level {@code ImageEnhance.Contrast} blends with. */
    static int meanLuma(Image img) {
        byte[] src = img.pixels();
        long sum = 0;
        for (int i = 0; i < src.length; i += 3) {
            sum += luma(src[i] & 0xFF, src[i + 1] & 0xFF, src[i + 2] & 0xFF);
        }
        return (int) ((double) sum / (src.length / 3) + 0.5);
    }

    /** libImaging's {@code ImagingBlend} for one value, in float like the C code; truncates. */
    private static byte blend(int in1, int in2, float alpha) {
        float t = in1 + alpha * (in2 - in1);
        if (t <= 0f) {
            return 0;
        }
        if (t >= 255f) {
            return (byte) 255;
        }
        return (byte) (int) t;
    }

    /**
     * Per 8-bit hue: {@code floor(h * 6 / 255)} and the fraction after it, as {@link #hsvToRgb} computes them
     * (the sector index kept below 6 the way its {@code i % 6} does).
     */
    private static final int[] HUE_SECTOR = new int[256];
    private static final float[] HUE_FRACTION = new float[256];
    /** Per 8-bit saturation: {@code (float) (s / 255.0)}. */
    private static final float[] SATURATION = new float[256];

    /** {@code (float) d / c} for {@code (c << 8) | d}: the hue's divisions by the chroma, looked up. */
    private static final float[] QUOTIENT = new float[256 * 256];
    /** {@code clip8((int) ((float) c / v * 255.0))} for {@code (v << 8) | c}: the 8-bit saturation. */
    private static final byte[] SATURATION8 = new byte[256 * 256];
    /** {@code clip8(round(v * (1 - s / 255)))} for {@code (v << 8) | s}: the smallest channel of the RGB result. */
    private static final byte[] LOW = new byte[256 * 256];

    static {
        for (int h = 0; h < 256; h++) {
            int i = (int) Math.floor((float) h * 6.0 / 255.0);
            HUE_FRACTION[h] = (float) ((float) h * 6.0 / 255.0 - (float) i);
            HUE_SECTOR[h] = i % 6;
            SATURATION[h] = (float) (h / 255.0);
        }
        for (int a = 1; a < 256; a++) {
            float fa = a;
            for (int b = 0; b <= a; b++) {
                QUOTIENT[(a << 8) | b] = b / fa; // b / chroma, b <= chroma
                float s = b / fa; // chroma b over value a, the same quotient
                SATURATION8[(a << 8) | b] = (byte) clip8((int) (s * 255.0));
            }
        }
        for (int v = 0; v < 256; v++) {
            for (int s = 0; s < 256; s++) {
                LOW[(v << 8) | s] = (byte) clip8((int) Math.round(v * (1.0 - SATURATION[s])));
            }
        }
    }

    /** torchvision's PIL {@code adjust_hue}: RGB to PIL's 8-bit HSV, {@code h += uint8(factor * 255)}, back. */
    static Image shiftHue(Image img, double hueFactor) {
        int shift = ((int) (hueFactor * 255)) & 0xFF; // numpy's uint8 cast of a negative float wraps
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            int r = src[i] & 0xFF;
            int g = src[i + 1] & 0xFF;
            int b = src[i + 2] & 0xFF;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int uh;
            int us;
            if (min == max) {
                uh = 0;
                us = 0;
            } else {
                int cr = max - min;
                // PIL's float quotients (max - x) / cr and cr / max, looked up: the same IEEE divisions.
                int row = cr << 8;
                float h;
                if (r == max) {
                    h = QUOTIENT[row | (max - b)] - QUOTIENT[row | (max - g)];
                } else if (g == max) {
                    h = (float) (2.0 + QUOTIENT[row | (max - r)] - QUOTIENT[row | (max - b)]);
                } else {
                    h = (float) (4.0 + QUOTIENT[row | (max - g)] - QUOTIENT[row | (max - r)]);
                }
                // (h / 6 + 1) % 1: the sum lies in [5/6, 11/6), where the remainder is exact subtraction of 1
                // (and the double remainder is a slow library call).
                double wrapped = h / 6.0 + 1.0;
                h = (float) (wrapped >= 1.0 ? wrapped - 1.0 : wrapped);
                uh = clip8((int) (h * 255.0));
                us = SATURATION8[(max << 8) | cr] & 0xFF;
            }
            uh = (uh + shift) & 0xFF;
            hsvToRgb(uh, us, max, out, i);
        }
        return Image.wrap(img.width(), img.height(), out);
    }

    private static void hsvToRgb(int h, int s, int v, byte[] out, int o) {
        if (s == 0) {
            out[o] = (byte) v;
            out[o + 1] = (byte) v;
            out[o + 2] = (byte) v;
            return;
        }
        float f = HUE_FRACTION[h];
        float fs = SATURATION[s];
        int p = LOW[(v << 8) | s] & 0xFF;
        int q = clip8((int) Math.round(v * (1.0 - fs * f)));
        int t = clip8((int) Math.round(v * (1.0 - fs * (1.0 - f))));
        int r;
        int g;
        int b;
        switch (HUE_SECTOR[h]) {
            case 0 -> { r = v; g = t; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = t; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = t; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        out[o] = (byte) r;
        out[o + 1] = (byte) g;
        out[o + 2] = (byte) b;
    }

    private static int clip8(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
