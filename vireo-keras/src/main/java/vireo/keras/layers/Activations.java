package vireo.keras.layers;

import java.util.List;
import java.util.function.UnaryOperator;
import vireo.tensor.Tensor;

/**
 * Keras activations by name. {@code softmax} and {@code log_softmax} work on the channel axis, which is the last
 * one in Keras's channels-last layout: dimension 1 of an internal {@code [N, C, H, W]} image, the last otherwise.
 */
public final class Activations {

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax",
            "gelu", "swish", "silu", "elu", "softplus", "relu6");

    private Activations() {
    }

    /** The activation called {@code name}; null or {@code "linear"} is the identity. */
    public static UnaryOperator<Tensor> get(String name) {
        return switch (canonical(name)) {
            case "linear" -> x -> x;
            case "relu" -> Tensor::relu;
            case "sigmoid" -> Tensor::sigmoid;
            case "tanh" -> Tensor::tanh;
            case "softmax" -> x -> x.softmax(channelDim(x));
            case "log_softmax" -> x -> x.logSoftmax(channelDim(x));
            case "gelu" -> Tensor::gelu;
            case "swish", "silu" -> x -> x.mul(x.sigmoid());
            case "elu" -> x -> Tensor.where(x.gt(0f), x, x.exp().sub(1f));
            case "softplus" -> x -> x.exp().add(1f).log();
            case "relu6" -> x -> x.clamp(0f, 6f);
            default -> throw new AssertionError(name);
        };
    }

    /** Validates {@code name} and returns its canonical form ({@code "linear"} for null). */
    public static String canonical(String name) {
        if (name == null) {
            return "linear";
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("Unknown activation '" + name + "'; known activations: " + NAMES);
        }
        return name;
    }

    private static int channelDim(Tensor x) {
        return x.dim() == 4 ? 1 : x.dim() - 1;
    }
}
