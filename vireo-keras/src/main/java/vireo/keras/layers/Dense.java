package vireo.keras.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import vireo.nn.InputShapeException;
import vireo.nn.functional.F;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Dense(units, activation)}: {@code activation(x · Wᵀ + b)} on the last axis, with a glorot-uniform
 * kernel and a zero bias. The weight is stored as PyTorch's {@code [units, in]} (Keras's {@code kernel} transposed).
 *
 * <p>Shapes: {@code [N, *, in] -> [N, *, units]}. An image-shaped input {@code (None, H, W, C)} is refused: add
 * {@link Flatten} or {@link GlobalAveragePooling2D} first.
 *
 * <pre>{@code
 * Dense.of(128).activation("relu");
 * }</pre>
 */
public final class Dense extends Layer {

    private final int units;
    private String activation = "linear";
    private UnaryOperator<Tensor> act = Activations.get(null);
    private boolean useBias = true;
    private Tensor weight;
    private Tensor bias;

    private Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, received " + units);
        }
        this.units = units;
    }

    public static Dense of(int units) {
        return new Dense(units);
    }

    /** A Keras activation name ({@link Activations#NAMES}); default {@code "linear"}. */
    public Dense activation(String name) {
        this.activation = Activations.canonical(name);
        this.act = Activations.get(name);
        return this;
    }

    public Dense useBias(boolean value) {
        checkUnbuilt();
        this.useBias = value;
        return this;
    }

    private void checkUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(name() + " (Dense): options cannot change after the layer is built");
        }
    }

    public int units() {
        return units;
    }

    public String activation() {
        return activation;
    }

    /** {@code [units, in]}, or null before build. */
    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length == 0 || in.length == 3) {
            throw new InputShapeException(this, "expected a flat input (None, features), received "
                    + Shapes.keras(in) + "; add Flatten() or GlobalAveragePooling2D() before Dense");
        }
        weight = registerParameter("weight", Tensor.zeros(units, in[in.length - 1]));
        Init.glorotUniform_(weight);
        bias = registerParameter("bias", useBias ? Tensor.zeros(units) : null);
        int[] out = in.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        if (x.dim() < 2 || x.size(-1) != weight.size(1)) {
            throw new InputShapeException(this, "expected input [N, " + weight.size(1) + "], received "
                    + Shapes.str(x.shape()));
        }
        return act.apply(F.linear(x, weight, bias));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("units", units);
        c.put("activation", activation);
        c.put("use_bias", useBias);
    }
}
