package vireo.keras.metrics;

import vireo.tensor.Tensor;

/**
 * A Keras metric computed per sample and averaged over the samples seen (Keras's {@code MeanMetricWrapper}).
 * Shapes: {@code yPred [N, ...]}, {@code yTrue} one-hot {@code [N, C]} or indices {@code [N]}; result {@code [N]}.
 */
public interface Metric {

    /** The name shown in logs and History: {@code accuracy}. */
    String name();

    /** The value for each sample, {@code [N]} float32 (no gradient needed). */
    Tensor perSample(Tensor yTrue, Tensor yPred);

    /** The name to save with the model, which {@link Metrics#get} maps back to this metric. */
    default String configName() {
        return name();
    }
}
