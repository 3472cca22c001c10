package vireo.vision.transforms;

import java.util.Objects;
import vireo.tensor.Generator;
import vireo.tensor.Vireo;

/**
 * One preprocessing step, like a torchvision transform: {@link vireo.vision.io.Image} to image before
 * {@link ToTensor}, tensor to tensor after it.
 *
 * <p>Random transforms draw every parameter from the generator they are given. Inside a data set's
 * {@code get(i, random)} that is the loader's per-sample generator, derived from (seed, epoch, index), so the same
 * seed gives the same augmented batches whatever the number of workers. Transforms hold no mutable state and may
 * be shared by all workers.
 *
 * <pre>{@code
 * Transform<Image, Tensor> train = Compose.of(new RandomResizedCrop(224), new RandomHorizontalFlip(),
 *         new ToTensor(), Normalize.IMAGENET);
 * Tensor x = train.apply(image, new Generator(1));
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Transform<I, O> {

    /** Applies the transform, drawing any randomness from {@code random}. */
    O apply(I input, Generator random);

    /** Applies the transform with the default generator ({@link Vireo#defaultGenerator()}), like torch's global RNG. */
    default O apply(I input) {
        return apply(input, Vireo.defaultGenerator());
    }

    /** This transform, then {@code next}, sharing one generator. */
    default <R> Transform<I, R> andThen(Transform<? super O, ? extends R> next) {
        Objects.requireNonNull(next, "next");
        return (input, random) -> next.apply(apply(input, random), random);
    }
}
