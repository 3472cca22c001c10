package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * {@code transforms.RandomVerticalFlip(p)}: mirrors top-bottom with probability {@code p} (default 0.5). Works on
 * an {@link Image} or on a tensor {@code [..., H, W]}.
 */
public final class RandomVerticalFlip implements Transform<Object, Object> {

    private final double p;

    public RandomVerticalFlip() {
        this(0.5);
    }

    public RandomVerticalFlip(double p) {
        this.p = checkProbability("RandomVerticalFlip", p);
    }

    @Override
    public Object apply(Object input, Generator random) {
        if (random.nextFloat() >= p) {
            return checkInput("RandomVerticalFlip", input);
        }
        return input instanceof Image img ? Functional.vflip(img)
                : Functional.vflip((Tensor) checkInput("RandomVerticalFlip", input));
    }

    static double checkProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": expected a probability in [0, 1], received " + p);
        }
        return p;
    }

    static Object checkInput(String op, Object input) {
        if (!(input instanceof Image) && !(input instanceof Tensor)) {
            throw new IllegalArgumentException(op + ": expected an Image or a Tensor, received "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        return input;
    }

    @Override
    public String toString() {
        return "RandomVerticalFlip(p=" + p + ")";
    }
}
