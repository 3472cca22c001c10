package vireo.optim;

import java.util.List;
import vireo.tensor.Tensor;

/**
 * Adam with PyTorch's formula ({@code torch.optim.Adam}): weight decay is an L2 term added to the gradient before the
 * moments, eps is added after the bias correction of the second moment, and {@code amsgrad} normalizes by the running
 * maximum of the second moment. For decoupled weight decay use {@link AdamW}.
 *
 * <pre>
 * g = ∇θ (negated when maximize) + weight_decay·θ
 * m = β1·m + (1 − β1)·g;   v = β2·v + (1 − β2)·g²;   t = t + 1
 * θ = θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
 * </pre>
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), Adam.options(1e-3).betas(0.9, 0.999));
 * }</pre>
 */
public final class Adam extends Optimizer {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0, amsgrad and maximize off. */
    public static AdamOptions options(double lr) {
        return new AdamOptions(lr, 0.9, 0.999, 1e-8, 0, false, false);
    }

    /** Adam with lr 1e-3 and the other defaults. */
    public Adam(Iterable<Tensor> params) {
        this(single(params), options(1e-3));
    }

    public Adam(Iterable<Tensor> params, double lr) {
        this(single(params), options(lr));
    }

    public Adam(Iterable<Tensor> params, AdamOptions options) {
        this(single(params), options);
    }

    public Adam(List<ParamGroup> groups, AdamOptions defaults) {
        super("Adam", groups, defaults.toMap());
    }

    @Override
    protected void validate(ParamGroup group) {
        AdamUpdate.validate("Adam", group);
    }

    @Override
    protected void step(ParamGroup group) {
        AdamUpdate.step(this, group, false);
    }
}
