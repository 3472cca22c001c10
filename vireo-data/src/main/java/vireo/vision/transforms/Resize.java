package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/**
 * {@code transforms.Resize}: with one size the shorter side becomes {@code size} (aspect kept); with two, the image
 * becomes exactly {@code height x width}. Bilinear by default, with PIL's antialiasing when shrinking, which is what
 * torchvision does to PIL images.
 */
public final class Resize implements Transform<Image, Image> {

    private final int size;   // > 0: shorter side
    private final int height; // used when size == 0
    private final int width;
    private final Interpolation interpolation;

    /** Shorter side to {@code size}, bilinear. */
    public Resize(int size) {
        this(size, Interpolation.BILINEAR);
    }

    public Resize(int size, Interpolation interpolation) {
        if (size <= 0) {
            throw new IllegalArgumentException("Resize: expected a positive size, received " + size);
        }
        this.size = size;
        this.height = 0;
        this.width = 0;
        this.interpolation = interpolation;
    }

    /** Exactly {@code height x width}. */
    public Resize(int height, int width, Interpolation interpolation) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Resize: expected a positive size, received " + height + "x" + width);
        }
        this.size = 0;
        this.height = height;
        this.width = width;
        this.interpolation = interpolation;
    }

    @Override
    public Image apply(Image img, Generator random) {
        return size > 0 ? Functional.resize(img, size, interpolation)
                : Functional.resize(img, height, width, interpolation);
    }

    @Override
    public String toString() {
        return "Resize(" + (size > 0 ? size : height + "x" + width) + ", " + interpolation + ")";
    }
}
