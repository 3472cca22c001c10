package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/** {@code transforms.CenterCrop}: the central {@code height x width} region, zero-padded if the image is smaller. */
public final class CenterCrop implements Transform<Image, Image> {

    private final int height;
    private final int width;

    public CenterCrop(int size) {
        this(size, size);
    }

    public CenterCrop(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("CenterCrop: expected a positive size, received " + height + "x"
                    + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public Image apply(Image img, Generator random) {
        return Functional.centerCrop(img, height, width);
    }

    @Override
    public String toString() {
        return "CenterCrop(" + height + "x" + width + ")";
    }
}
