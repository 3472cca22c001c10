package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * {@code transforms.RandomHorizontalFlip(p)}: mirrors left-right with probability {@code p} (default 0.5). Works
 * on an {@link Image} or on a tensor {@code [..., H, W]}.
 */
public final class RandomHorizontalFlip implements Transform<Object, Object> {

    private final double p;

    public RandomHorizontalFlip() {
        this(0.5);
    }

    public RandomHorizontalFlip(double p) {
        this.p = RandomVerticalFlip.checkProbability("RandomHorizontalFlip", p);
    }

    @Override
    public Object apply(Object input, Generator random) {
        if (random.nextFloat() >= p) { // torch.rand(1) < p flips
            return RandomVerticalFlip.checkInput("RandomHorizontalFlip", input);
        }
        return input instanceof Image img ? Functional.hflip(img)
                : Functional.hflip((Tensor) RandomVerticalFlip.checkInput("RandomHorizontalFlip", input));
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + p + ")";
    }
}
