package vireo.keras.losses;

import java.util.Map;
import vireo.tensor.Tensor;

/**
 * A Keras loss: per-sample values that {@code fit} averages over the batch (Keras's {@code sum_over_batch_size},
 * after multiplying by class or sample weights).
 *
 * <p>Shapes: {@code yPred [N, ...]}, {@code yTrue} as the loss expects (one-hot {@code [N, C]}, indices
 * {@code [N]}, ...), result {@code [N]}.
 */
public interface Loss {

    /** Keras's name, {@code categorical_crossentropy}. */
    String name();

    /** The loss of each sample, {@code [N]}, differentiable in {@code yPred}. */
    Tensor perSample(Tensor yTrue, Tensor yPred);

    /**
     * Checks that targets shaped like {@code yTrue} suit this loss for predictions shaped {@code [N, *predShape]};
     * throws IllegalArgumentException naming the loss that would fit.
     */
    default void checkTargets(Tensor yTrue, int[] predShape) {
    }

    /** The options to save with the model (besides the name). */
    default Map<String, Object> getConfig() {
        return Map.of();
    }
}
