package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/**
 * {@code transforms.RandomAffine(degrees, translate, scale, shear, fill=fill)}, nearest neighbour, about the image
 * centre. Options are added with the {@code with}-style methods, each returning a new transform:
 *
 * <pre>{@code
 * var aug = new RandomAffine(10).translate(0.1, 0.1).scale(0.9, 1.1).shear(5).fillMode(FillMode.NEAREST);
 * }</pre>
 *
 * <p>Parameters are drawn in torchvision's order: angle, translation ({@code round(uniform(-dx, dx))} pixels with
 * {@code dx = translate[0] * width}), scale, shear x, shear y.
 */
public final class RandomAffine implements Transform<Image, Image> {

    /** Drawn parameters: angle and shears in degrees, translation in pixels. */
    public record Params(double angle, int tx, int ty, double scale, double shearX, double shearY) {
    }

    private final double degMin;
    private final double degMax;
    private final double[] translate; // null: none
    private final double[] scale;     // null: 1
    private final double[] shear;     // null, {xmin, xmax} or {xmin, xmax, ymin, ymax}
    private final FillMode fillMode;
    private final int[] fill;

    /** Rotation in {@code [-degrees, degrees]} and nothing else yet. */
    public RandomAffine(double degrees) {
        this(-RandomRotation.checkDegrees(degrees), degrees, null, null, null, FillMode.CONSTANT, new int[3]);
    }

    private RandomAffine(double degMin, double degMax, double[] translate, double[] scale, double[] shear,
                         FillMode fillMode, int[] fill) {
        this.degMin = degMin;
        this.degMax = degMax;
        this.translate = translate;
        this.scale = scale;
        this.shear = shear;
        this.fillMode = fillMode;
        this.fill = fill;
    }

    /** Rotation in {@code [min, max]} degrees. */
    public RandomAffine degrees(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("RandomAffine: expected min <= max degrees, received (" + min + ", "
                    + max + ")");
        }
        return new RandomAffine(min, max, translate, scale, shear, fillMode, fill);
    }

    /** Maximum translation as fractions of the width and height, each in [0, 1]. */
    public RandomAffine translate(double fx, double fy) {
        if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) {
            throw new IllegalArgumentException("RandomAffine: translation values should be between 0 and 1, received ("
                    + fx + ", " + fy + ")");
        }
        return new RandomAffine(degMin, degMax, new double[]{fx, fy}, scale, shear, fillMode, fill);
    }

    /** Scale factor uniform in {@code [min, max]}, both positive. */
    public RandomAffine scale(double min, double max) {
        if (!(min > 0 && min <= max)) {
            throw new IllegalArgumentException("RandomAffine: scale values should be positive with min <= max, "
                    + "received (" + min + ", " + max + ")");
        }
        return new RandomAffine(degMin, degMax, translate, new double[]{min, max}, shear, fillMode, fill);
    }

    /** Shear along x uniform in {@code [-degrees, degrees]}. */
    public RandomAffine shear(double degrees) {
        RandomRotation.checkDegrees(degrees);
        return new RandomAffine(degMin, degMax, translate, scale, new double[]{-degrees, degrees}, fillMode, fill);
    }

    /** Shear along x in {@code [xMin, xMax]} and along y in {@code [yMin, yMax]} degrees. */
    public RandomAffine shear(double xMin, double xMax, double yMin, double yMax) {
        return new RandomAffine(degMin, degMax, translate, scale, new double[]{xMin, xMax, yMin, yMax}, fillMode,
                fill);
    }

    /** Colour for pixels with no source: one value or one per channel, 0..255 ({@link FillMode#CONSTANT}). */
    public RandomAffine fill(int... fill) {
        return new RandomAffine(degMin, degMax, translate, scale, shear, fillMode, Functional.fill3(fill));
    }

    public RandomAffine fillMode(FillMode mode) {
        return new RandomAffine(degMin, degMax, translate, scale, shear, java.util.Objects.requireNonNull(mode), fill);
    }

    /** Draws the parameters for an image of {@code width x height}. */
    public Params params(int width, int height, Generator random) {
        double angle = RandomResizedCrop.uniform(random, degMin, degMax);
        int tx = 0;
        int ty = 0;
        if (translate != null) {
            double maxDx = translate[0] * width;
            double maxDy = translate[1] * height;
            tx = (int) Math.rint(RandomResizedCrop.uniform(random, -maxDx, maxDx));
            ty = (int) Math.rint(RandomResizedCrop.uniform(random, -maxDy, maxDy));
        }
        double s = scale == null ? 1.0 : RandomResizedCrop.uniform(random, scale[0], scale[1]);
        double shx = 0;
        double shy = 0;
        if (shear != null) {
            shx = RandomResizedCrop.uniform(random, shear[0], shear[1]);
            if (shear.length == 4) {
                shy = RandomResizedCrop.uniform(random, shear[2], shear[3]);
            }
        }
        return new Params(angle, tx, ty, s, shx, shy);
    }

    @Override
    public Image apply(Image img, Generator random) {
        Params p = params(img.width(), img.height(), random);
        return Functional.affine(img, p.angle, p.tx, p.ty, p.scale, p.shearX, p.shearY, fillMode, fill);
    }

    @Override
    public String toString() {
        return "RandomAffine(degrees=(" + degMin + ", " + degMax + "), translate="
                + java.util.Arrays.toString(translate) + ", scale=" + java.util.Arrays.toString(scale) + ", shear="
                + java.util.Arrays.toString(shear) + ", " + fillMode + ")";
    }
}
