package vireo.keras.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import vireo.tensor.Tensor;

/** Keras's {@code Activation(name)} as a layer of its own. Shapes: unchanged. */
public final class Activation extends Layer {

    private final String activation;
    private final UnaryOperator<Tensor> act;

    private Activation(String name) {
        this.activation = Activations.canonical(name);
        this.act = Activations.get(name);
    }

    /** One of {@link Activations#NAMES}. */
    public static Activation of(String name) {
        return new Activation(name);
    }

    @Override
    protected int[] buildFor(int[] in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        return act.apply(x);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("activation", activation);
    }
}
