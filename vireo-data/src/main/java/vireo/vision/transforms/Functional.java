package vireo.vision.transforms;

import java.util.Objects;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * The deterministic operations behind the transforms, like {@code torchvision.transforms.functional}: the random
 * transforms draw their parameters and call these. On {@link Image}s they reproduce torchvision's PIL path (PIL's
 * resampling, warps and enhancers), so fixed parameters give torchvision's pixels.
 *
 * <p>Shapes: tensors are {@code [C, H, W]} (or {@code [..., H, W]} for flips).
 */
public final class Functional {

    private Functional() {
    }

    // ------------------------------------------------------------------ geometry

    /**
     * {@code F.resize(img, size)} with one int: the shorter side becomes {@code size}, the longer one
     * {@code int(size * long / short)} (truncated, as torchvision does).
     */
    public static Image resize(Image img, int size, Interpolation interpolation) {
        int w = img.width();
        int h = img.height();
        int shortSide = Math.min(w, h);
        int longSide = Math.max(w, h);
        if (size <= 0) {
            throw new IllegalArgumentException("resize: expected a positive size, received " + size);
        }
        if (shortSide == size) {
            return img; // torchvision returns the input unchanged
        }
        int newLong = (int) ((long) size * longSide / shortSide);
        return w <= h ? resize(img, newLong, size, interpolation) : resize(img, size, newLong, interpolation);
    }

    /** {@code F.resize(img, [height, width])}: exactly that size, PIL's filter (bilinear antialiases). */
    public static Image resize(Image img, int height, int width, Interpolation interpolation) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("resize: expected a positive size, received " + height + "x" + width);
        }
        return switch (interpolation) {
            case BILINEAR -> PilResample.resize(img, width, height, PilResample.Filter.BILINEAR);
            case BICUBIC -> PilResample.resize(img, width, height, PilResample.Filter.BICUBIC);
            case NEAREST -> width == img.width() && height == img.height() ? img
                    : PilAffine.warp(img, width, height, new double[]{(double) img.width() / width, 0, 0, 0,
                            (double) img.height() / height, 0}, FillMode.CONSTANT, new int[3]);
        };
    }

    /**
     * {@code F.crop(img, top, left, height, width)}; the box may reach outside the image, where pixels are 0
     * (PIL's {@code crop}).
     */
    public static Image crop(Image img, int top, int left, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("crop: expected a positive size, received " + height + "x" + width);
        }
        if (top == 0 && left == 0 && height == img.height() && width == img.width()) {
            return img;
        }
        byte[] src = img.pixels();
        byte[] out = new byte[height * width * 3];
        int x0 = Math.max(left, 0);
        int x1 = Math.min(left + width, img.width());
        for (int y = 0; y < height; y++) {
            int sy = top + y;
            if (sy < 0 || sy >= img.height() || x1 <= x0) {
                continue;
            }
            System.arraycopy(src, (sy * img.width() + x0) * 3, out, (y * width + x0 - left) * 3, (x1 - x0) * 3);
        }
        return Image.wrap(width, height, out);
    }

    /**
     * {@code F.center_crop}: offsets {@code round((H - h) / 2)} with Python's round-half-to-even; an image smaller
     * than the crop is padded with 0 first, as torchvision does.
     */
    public static Image centerCrop(Image img, int height, int width) {
        int w = img.width();
        int h = img.height();
        int padLeft = width > w ? (width - w) / 2 : 0;
        int padTop = height > h ? (height - h) / 2 : 0;
        int pw = Math.max(w, width);
        int ph = Math.max(h, height);
        int top = (int) Math.rint((ph - height) / 2.0) - padTop;
        int left = (int) Math.rint((pw - width) / 2.0) - padLeft;
        return crop(img, top, left, height, width);
    }

    /** {@code F.resized_crop}: crop, then resize to {@code height x width}. */
    public static Image resizedCrop(Image img, int top, int left, int h, int w, int height, int width,
                                    Interpolation interpolation) {
        return resize(crop(img, top, left, h, w), height, width, interpolation);
    }

    public static Image hflip(Image img) {
        int w = img.width();
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < img.height(); y++) {
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int s = row + x * 3;
                int d = row + (w - 1 - x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return Image.wrap(w, img.height(), out);
    }

    public static Image vflip(Image img) {
        int stride = img.width() * 3;
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(src, y * stride, out, (img.height() - 1 - y) * stride, stride);
        }
        return Image.wrap(img.width(), img.height(), out);
    }

    /** Flips the last dimension. Shapes: {@code [..., H, W]}. */
    public static Tensor hflip(Tensor t) {
        return flip(t, t.dim() - 1);
    }

    /** Flips the second-to-last dimension. Shapes: {@code [..., H, W]}. */
    public static Tensor vflip(Tensor t) {
        return flip(t, t.dim() - 2);
    }

    private static Tensor flip(Tensor t, int dim) {
        if (dim < 0) {
            throw new IllegalArgumentException("flip: expected a tensor with at least 2 dimensions ([..., H, W]), "
                    + "received " + java.util.Arrays.toString(t.shape()));
        }
        int n = t.size(dim);
        long[] reversed = new long[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        return t.indexSelect(dim, Tensor.fromArray(reversed, n));
    }

    /**
     * {@code F.rotate(img, angle, NEAREST, expand=False, fill=fill)}: counter-clockwise by {@code angle} degrees
     * about the centre, same size, PIL's nearest-neighbour warp.
     *
     * @param fill one value for all channels or one per channel (used with {@link FillMode#CONSTANT})
     */
    public static Image rotate(Image img, double angle, FillMode fillMode, int... fill) {
        int[] f = fill3(fill);
        double a = angle % 360.0;
        if (a < 0) {
            a += 360.0; // Python's % keeps the sign of the divisor
        }
        int w = img.width();
        int h = img.height();
        if (a == 0.0) {
            return img;
        }
        if (a == 180.0) {
            return hflip(vflip(img));
        }
        if ((a == 90.0 || a == 270.0) && w == h) {
            return transposeRotate(img, a == 90.0);
        }
        double rad = -Math.toRadians(a);
        double[] m = {round15(Math.cos(rad)), round15(Math.sin(rad)), 0.0,
                round15(-Math.sin(rad)), round15(Math.cos(rad)), 0.0};
        double cx = w / 2.0;
        double cy = h / 2.0;
        m[2] = m[0] * -cx + m[1] * -cy + cx;
        m[5] = m[3] * -cx + m[4] * -cy + cy;
        return PilAffine.warp(img, w, h, m, fillMode, f);
    }

    /**
     * {@code F.affine(img, angle, [tx, ty], scale, [shearX, shearY], NEAREST, fill)} on a PIL image: rotation
     * {@code angle} degrees (clockwise as torchvision documents it), translation in pixels, scale, and shear in
     * degrees, about the image centre {@code (w / 2, h / 2)}.
     */
    public static Image affine(Image img, double angle, int tx, int ty, double scale, double shearX, double shearY,
                               FillMode fillMode, int... fill) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("affine: expected a positive scale, received " + scale);
        }
        double[] m = inverseAffineMatrix(img.width() * 0.5, img.height() * 0.5, angle, tx, ty, scale, shearX, shearY);
        return PilAffine.warp(img, img.width(), img.height(), m, fillMode, fill3(fill));
    }

    /** torchvision's {@code _get_inverse_affine_matrix}: output pixel to input pixel. */
    static double[] inverseAffineMatrix(double cx, double cy, double angle, double tx, double ty, double scale,
                                        double shearX, double shearY) {
        double rot = Math.toRadians(angle);
        double sx = Math.toRadians(shearX);
        double sy = Math.toRadians(shearY);
        double a = Math.cos(rot - sy) / Math.cos(sy);
        double b = -Math.cos(rot - sy) * Math.tan(sx) / Math.cos(sy) - Math.sin(rot);
        double c = Math.sin(rot - sy) / Math.cos(sy);
        double d = -Math.sin(rot - sy) * Math.tan(sx) / Math.cos(sy) + Math.cos(rot);
        double[] m = {d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0};
        m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
        m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
        m[2] += cx;
        m[5] += cy;
        return m;
    }

    private static Image transposeRotate(Image img, boolean counterClockwise) {
        int n = img.width();
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // 90° counter-clockwise: out(x, y) = in(n-1-y, x); clockwise: out(x, y) = in(y, n-1-x).
                int sx = counterClockwise ? n - 1 - y : y;
                int sy = counterClockwise ? x : n - 1 - x;
                int s = (sy * n + sx) * 3;
                int d = (y * n + x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return Image.wrap(n, n, out);
    }

    /** Python's {@code round(v, 15)}, which PIL applies to the rotation matrix to turn cos(90°) into 0. */
    private static double round15(double v) {
        return new java.math.BigDecimal(v).setScale(15, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    static int[] fill3(int... fill) {
        Objects.requireNonNull(fill, "fill");
        if (fill.length == 0) {
            return new int[3];
        }
        if (fill.length == 1) {
            return new int[]{fill[0], fill[0], fill[0]};
        }
        if (fill.length == 3) {
            return fill.clone();
        }
        throw new IllegalArgumentException("fill: expected one value or one per channel (3), received "
                + fill.length);
    }

    // ------------------------------------------------------------------ colour

    /** PIL's {@code ImageEnhance.Brightness(img).enhance(factor)}: blend with black. */
    public static Image adjustBrightness(Image img, double factor) {
        checkFactor("adjustBrightness", factor);
        return PilColor.blendConstant(img, 0, (float) factor);
    }

    /** PIL's {@code ImageEnhance.Contrast}: blend with the mean grey level. */
    public static Image adjustContrast(Image img, double factor) {
        checkFactor("adjustContrast", factor);
        return PilColor.blendConstant(img, PilColor.meanLuma(img), (float) factor);
    }

    /** PIL's {@code ImageEnhance.Color}: blend with the image's own grey version. */
    public static Image adjustSaturation(Image img, double factor) {
        checkFactor("adjustSaturation", factor);
        return PilColor.blendGray(img, (float) factor);
    }

    /** torchvision's PIL {@code adjust_hue}; {@code hueFactor} in [-0.5, 0.5]. */
    public static Image adjustHue(Image img, double hueFactor) {
        if (!(hueFactor >= -0.5 && hueFactor <= 0.5)) {
            throw new IllegalArgumentException("adjustHue: expected a factor in [-0.5, 0.5], received " + hueFactor);
        }
        return PilColor.shiftHue(img, hueFactor);
    }

    private static void checkFactor(String op, double factor) {
        if (!(factor >= 0)) {
            throw new IllegalArgumentException(op + ": expected a non-negative factor, received " + factor);
        }
    }

    // ------------------------------------------------------------------ to tensors

    /**
     * {@code F.to_tensor}: channels first, values divided by 255.
     *
     * <p>Shapes: image {@code H x W} → {@code [3, H, W]} float32 in [0, 1].
     */
    public static Tensor toTensor(Image img) {
        int plane = img.width() * img.height();
        byte[] src = img.pixels();
        float[] out = new float[plane * 3];
        for (int i = 0, p = 0; p < plane; p++, i += 3) {
            out[p] = (src[i] & 0xFF) / 255f;
            out[plane + p] = (src[i + 1] & 0xFF) / 255f;
            out[2 * plane + p] = (src[i + 2] & 0xFF) / 255f;
        }
        return Tensor.wrap(out, 3, img.height(), img.width());
    }

    /**
     * Keras's {@code img_to_array}: channels last, values 0..255 as floats.
     *
     * <p>Shapes: image {@code H x W} → {@code [H, W, 3]}.
     */
    public static Tensor toArray(Image img) {
        byte[] src = img.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = src[i] & 0xFF;
        }
        return Tensor.wrap(out, img.height(), img.width(), 3);
    }

    /**
     * {@code F.normalize}: {@code (x - mean[c]) / std[c]} per channel, in float32 like torchvision.
     *
     * <p>Shapes: {@code [C, H, W]} or {@code [B, C, H, W]}; {@code mean} and {@code std} have {@code C} entries.
     */
    public static Tensor normalize(Tensor t, double[] mean, double[] std) {
        int cDim = t.dim() - 3;
        if (cDim < 0) {
            throw new IllegalArgumentException("normalize: expected a [C, H, W] or [B, C, H, W] tensor, received "
                    + java.util.Arrays.toString(t.shape()));
        }
        int c = t.size(cDim);
        if (mean.length != c || std.length != c) {
            throw new IllegalArgumentException("normalize: a tensor with " + c + " channels needs " + c
                    + " means and stds, received " + mean.length + " and " + std.length);
        }
        float[] x = t.toFloatArray(); // a copy: the input stays as it was
        int plane = t.size(cDim + 1) * t.size(cDim + 2);
        for (int start = 0, ch = 0; start < x.length; start += plane, ch = (ch + 1) % c) {
            float m = (float) mean[ch];
            float s = (float) std[ch];
            for (int i = start; i < start + plane; i++) {
                x[i] = (x[i] - m) / s;
            }
        }
        return Tensor.wrap(x, t.shape());
    }
}
