package vireo.vision.transforms;

import java.util.List;
import java.util.Objects;
import vireo.tensor.Generator;

/**
 * {@code transforms.Compose}: applies its transforms in order, all drawing from the one generator.
 *
 * <p>The chain is checked when it runs: a transform handed the wrong kind of input (a tensor to {@link Resize},
 * say) fails naming its position in the chain.
 *
 * @param <I> input of the first transform
 * @param <O> output of the last
 */
public final class Compose<I, O> implements Transform<I, O> {

    private final List<Transform<?, ?>> transforms;

    private Compose(List<Transform<?, ?>> transforms) {
        this.transforms = transforms;
    }

    /** The transforms in order; the caller states the chain's input and output types by assignment. */
    public static <I, O> Compose<I, O> of(Transform<?, ?>... transforms) {
        if (transforms.length == 0) {
            throw new IllegalArgumentException("Compose: expected at least one transform, received none");
        }
        for (int i = 0; i < transforms.length; i++) {
            Objects.requireNonNull(transforms[i], "transform " + i);
        }
        return new Compose<>(List.of(transforms));
    }

    public List<Transform<?, ?>> transforms() {
        return transforms;
    }

    @Override
    @SuppressWarnings("unchecked")
    public O apply(I input, Generator random) {
        Object x = input;
        for (int i = 0; i < transforms.size(); i++) {
            Transform<Object, Object> t = (Transform<Object, Object>) transforms.get(i);
            try {
                x = t.apply(x, random);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("Compose: transform " + i + " (" + t + ") cannot take a "
                        + x.getClass().getSimpleName() + "; images come before ToTensor, tensors after", e);
            }
        }
        return (O) x;
    }

    @Override
    public String toString() {
        return "Compose" + transforms;
    }
}
