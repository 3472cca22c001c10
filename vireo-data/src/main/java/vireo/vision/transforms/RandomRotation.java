package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/**
 * {@code transforms.RandomRotation(degrees, fill=fill)}: rotates counter-clockwise by an angle uniform in
 * {@code [-degrees, degrees]} (or {@code [min, max]}) about the centre, keeping the size, nearest neighbour (the
 * torchvision default). {@link FillMode#NEAREST} repeats the edge pixels as Keras's {@code RandomRotation} does.
 */
public final class RandomRotation implements Transform<Image, Image> {

    private final double min;
    private final double max;
    private final FillMode fillMode;
    private final int[] fill;

    /** Angles in {@code [-degrees, degrees]}, filled with black. */
    public RandomRotation(double degrees) {
        this(-checkDegrees(degrees), degrees, FillMode.CONSTANT, 0);
    }

    /**
     * @param fill one value or one per channel, 0..255, used with {@link FillMode#CONSTANT}
     */
    public RandomRotation(double min, double max, FillMode fillMode, int... fill) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("RandomRotation: expected min <= max degrees, received (" + min + ", "
                    + max + ")");
        }
        this.min = min;
        this.max = max;
        this.fillMode = fillMode;
        this.fill = Functional.fill3(fill);
    }

    static double checkDegrees(double degrees) {
        if (!(degrees >= 0)) {
            throw new IllegalArgumentException("degrees: if it is a single number, it must be non-negative, received "
                    + degrees);
        }
        return degrees;
    }

    /** The angle in degrees. */
    public double params(Generator random) {
        return RandomResizedCrop.uniform(random, min, max);
    }

    @Override
    public Image apply(Image img, Generator random) {
        return Functional.rotate(img, params(random), fillMode, fill);
    }

    @Override
    public String toString() {
        return "RandomRotation(degrees=(" + min + ", " + max + "), " + fillMode + ")";
    }
}
