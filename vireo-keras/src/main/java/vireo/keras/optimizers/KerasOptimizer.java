package vireo.keras.optimizers;

import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

/**
 * A Keras optimizer's settings. Keras creates an optimizer before the model has weights, so this is a
 * description; {@link #create} makes the {@link Optimizer} (with Keras's update formula) once the parameters
 * exist. The created optimizer keeps its learning rate under {@code "lr"} in its param group, where
 * learning-rate callbacks change it.
 */
public sealed interface KerasOptimizer permits Adam, SGD, RMSprop {

    /** Keras's class name: {@code Adam}. */
    String className();

    double learningRate();

    /** The options under Keras's names ({@code learning_rate}, {@code beta_1}, ...). */
    Map<String, Object> getConfig();

    /** An optimizer over {@code params} applying this update. */
    Optimizer create(List<Tensor> params);

    /**
     * Variables per parameter element that Keras counts as "Optimizer params" in {@code summary()} (Adam: 2, its
     * two moments); Keras adds 2 more for {@code iterations} and {@code learning_rate}.
     */
    int slotsPerParameter();
}
