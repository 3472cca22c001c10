package vireo.nn.init;

import java.util.Locale;
import vireo.autograd.GradMode;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * In-place weight initialisers with PyTorch's formulas, {@code torch.nn.init}. Each fills the tensor's existing
 * storage (so modules and optimizers keep their references), is not recorded by autograd, and returns the tensor.
 * Random ones draw from {@link Vireo#defaultGenerator()} unless given a generator, so {@link Vireo#manualSeed}
 * repeats them.
 *
 * <pre>{@code
 * Init.kaimingNormal_(conv.weight(), 0, FanMode.FAN_OUT, "relu");   // torchvision's ResNet init
 * Init.zeros_(conv.bias());
 * }</pre>
 */
public final class Init {

    private Init() {
    }

    // ------------------------------------------------------------ plain distributions

    /** Fills with U(a, b). */
    public static Tensor uniform_(Tensor t, double a, double b) {
        return uniform_(t, a, b, Vireo.defaultGenerator());
    }

    public static Tensor uniform_(Tensor t, double a, double b, Generator g) {
        if (!(a <= b)) {
            throw new IllegalArgumentException("uniform_: expected a <= b, received a=" + a + ", b=" + b);
        }
        return fill(t, Tensor.uniform(g, (float) a, (float) b, t.shape()));
    }

    /** Fills with N(mean, std²). */
    public static Tensor normal_(Tensor t, double mean, double std) {
        return normal_(t, mean, std, Vireo.defaultGenerator());
    }

    public static Tensor normal_(Tensor t, double mean, double std, Generator g) {
        if (std < 0) {
            throw new IllegalArgumentException("normal_: expected std >= 0, received " + std);
        }
        try (var s = GradMode.noGrad()) {
            return fill(t, Tensor.randn(g, t.shape()).mul((float) std).add((float) mean));
        }
    }

    public static Tensor constant_(Tensor t, double value) {
        return t.fill_((float) value);
    }

    public static Tensor zeros_(Tensor t) {
        return t.fill_(0f);
    }

    public static Tensor ones_(Tensor t) {
        return t.fill_(1f);
    }

    // ------------------------------------------------------------ gains and fans

    /**
     * The recommended gain for a nonlinearity, {@code calculate_gain}: 1 for linear/conv/sigmoid, 5/3 for tanh,
     * √2 for relu, √(2/(1+slope²)) for leaky_relu (slope {@code param}, default 0.01), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, Double param) {
        return switch (nonlinearity.toLowerCase(Locale.ROOT)) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = param == null ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity + "'");
        };
    }

    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /** PyTorch's {@code _calculate_fan_in_and_fan_out}. */
    public static Fans calculateFanInAndFanOut(Tensor t) {
        return Fans.of(t.shape());
    }

    // ------------------------------------------------------------ Xavier / Glorot

    /** U(−a, a) with {@code a = gain·√(6/(fan_in+fan_out))} (Keras's glorot_uniform with gain 1). */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        Fans f = Fans.of(t.shape());
        double a = gain * Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
        return uniform_(t, -a, a);
    }

    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1.0);
    }

    /** N(0, std²) with {@code std = gain·√(2/(fan_in+fan_out))}. */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        Fans f = Fans.of(t.shape());
        return normal_(t, 0, gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut())));
    }

    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1.0);
    }

    /** Keras's name for {@link #xavierUniform_(Tensor)}. */
    public static Tensor glorotUniform_(Tensor t) {
        return xavierUniform_(t, 1.0);
    }

    /** Keras's name for {@link #xavierNormal_(Tensor)}. */
    public static Tensor glorotNormal_(Tensor t) {
        return xavierNormal_(t, 1.0);
    }

    // ------------------------------------------------------------ Kaiming / He

    /**
     * U(−bound, bound) with {@code bound = gain·√(3/fan)}, gain from {@link #calculateGain(String, Double)} with
     * {@code a} as the negative slope. PyTorch's layer default is {@code a = √5, FAN_IN, "leaky_relu"}, which gives
     * {@code bound = 1/√fan_in}.
     */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, String nonlinearity) {
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound);
    }

    /** PyTorch's defaults: {@code a = 0, FAN_IN, "leaky_relu"} (He uniform). */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, FanMode.FAN_IN, "leaky_relu");
    }

    /** N(0, std²) with {@code std = gain/√fan}. */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, String nonlinearity) {
        return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)));
    }

    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, FanMode.FAN_IN, "leaky_relu");
    }

    private static int fan(Tensor t, FanMode mode) {
        int fan = Fans.of(t.shape()).of(mode);
        if (fan == 0) {
            throw new IllegalArgumentException("init: cannot initialise a tensor with zero elements, received shape "
                    + java.util.Arrays.toString(t.shape()));
        }
        return fan;
    }

    private static Tensor fill(Tensor t, Tensor values) {
        return t.copy_(values);
    }
}
