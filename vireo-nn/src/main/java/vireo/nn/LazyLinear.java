package vireo.nn;

import java.util.Map;
import vireo.tensor.Tensor;

/**
 * A {@link Linear} whose {@code in_features} is read from its first input, like {@code nn.LazyLinear}.
 *
 * <p>Until the first {@code forward} (or a {@code loadStateDict} holding its weight) it has no parameters:
 * {@code parameters()} does not list any, so <b>create the optimizer after one forward pass</b> (a dummy batch
 * will do) or after loading a state dict; an optimizer made earlier would not see these weights. Once
 * materialised it prints and behaves as a {@code Linear}, as PyTorch's does.
 */
public class LazyLinear extends Linear {

    public LazyLinear(int outFeatures) {
        this(outFeatures, true);
    }

    public LazyLinear(int outFeatures, boolean bias) {
        super(outFeatures, bias);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isMaterialized()) {
            if (x.dim() == 0) {
                throw new InputShapeException(this, "expected input [*, in_features], received a 0-d tensor");
            }
            materialize(x.size(-1));
        }
        return super.forward(x);
    }

    @Override
    protected void beforeLoad(String prefix, Map<String, Tensor> state) {
        Tensor w = state.get(prefix + "weight");
        if (!isMaterialized() && w != null && w.dim() == 2) {
            materialize(w.size(1));
        }
    }

    /** True once the input size is known and the parameters exist. */
    public boolean hasParameters() {
        return isMaterialized();
    }

    @Override
    public String typeName() {
        return isMaterialized() ? "Linear" : "LazyLinear";
    }
}
