package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.init.FanMode;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * {@code y = x·Wᵀ + b}, PyTorch's {@code nn.Linear}. Weight {@code [out, in]} and bias {@code [out]} start as
 * U(−1/√in, 1/√in), PyTorch's default, drawn from the default generator.
 *
 * <p>Shapes: {@code [*, in] -> [*, out]}.
 */
public class Linear extends Module {

    private int inFeatures;
    private final int outFeatures;
    private final boolean hasBias;
    private Tensor weight;
    private Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(outFeatures, bias);
        if (inFeatures < 0) {
            throw new IllegalArgumentException("Linear: inFeatures must be >= 0, received " + inFeatures);
        }
        materialize(inFeatures);
    }

    /** A linear layer whose input size is not known yet ({@link LazyLinear}). */
    Linear(int outFeatures, boolean bias) {
        if (outFeatures < 0) {
            throw new IllegalArgumentException("Linear: outFeatures must be >= 0, received " + outFeatures);
        }
        this.outFeatures = outFeatures;
        this.hasBias = bias;
    }

    /** Creates and initialises the parameters for {@code inFeatures} inputs. */
    final void materialize(int inFeatures) {
        this.inFeatures = inFeatures;
        weight = registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        bias = registerParameter("bias", hasBias ? Tensor.zeros(outFeatures) : null);
        resetParameters();
    }

    final boolean isMaterialized() {
        return weight != null;
    }

    /** Redraws the weight and bias with PyTorch's default initialisation. */
    public void resetParameters() {
        if (weight == null) {
            return; // a lazy layer is initialised when it materialises
        }
        Init.kaimingUniform_(weight, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu");
        if (bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != inFeatures) {
            throw new InputShapeException(this, "expected input [*, " + inFeatures + "], received "
                    + Shapes.str(x.shape()));
        }
        return F.linear(x, weight, bias);
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    /** The weight {@code [out, in]} (null for a lazy layer before its first forward). */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + PyRepr.bool(hasBias);
    }
}
