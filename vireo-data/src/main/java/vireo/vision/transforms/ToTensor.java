package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * {@code transforms.ToTensor}: an image becomes a float tensor in [0, 1], channels first.
 *
 * <p>Shapes: image {@code H x W} → {@code [3, H, W]}.
 */
public final class ToTensor implements Transform<Image, Tensor> {

    @Override
    public Tensor apply(Image img, Generator random) {
        return Functional.toTensor(img);
    }

    @Override
    public String toString() {
        return "ToTensor()";
    }
}
