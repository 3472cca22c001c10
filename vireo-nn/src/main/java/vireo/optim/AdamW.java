package vireo.optim;

import java.util.List;
import vireo.tensor.Tensor;

/**
 * AdamW with PyTorch's formula ({@code torch.optim.AdamW}): the weights decay by {@code (1 − lr·weight_decay)} before
 * the Adam step instead of an L2 term entering the moments. The default weight decay is 0.01.
 *
 * <pre>
 * θ = θ·(1 − lr·weight_decay)
 * m = β1·m + (1 − β1)·g;   v = β2·v + (1 − β2)·g²;   t = t + 1
 * θ = θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
 * </pre>
 *
 * <pre>{@code
 * var opt = new AdamW(model.parameters(), AdamW.options(1e-3).betas(0.9, 0.999));
 * }</pre>
 */
public final class AdamW extends Optimizer {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01, amsgrad and maximize off. */
    public static AdamOptions options(double lr) {
        return new AdamOptions(lr, 0.9, 0.999, 1e-8, 0.01, false, false);
    }

    /** AdamW with lr 1e-3 and the other defaults. */
    public AdamW(Iterable<Tensor> params) {
        this(single(params), options(1e-3));
    }

    public AdamW(Iterable<Tensor> params, double lr) {
        this(single(params), options(lr));
    }

    public AdamW(Iterable<Tensor> params, AdamOptions options) {
        this(single(params), options);
    }

    public AdamW(List<ParamGroup> groups, AdamOptions defaults) {
        super("AdamW", groups, defaults.toMap());
    }

    @Override
    protected void validate(ParamGroup group) {
        AdamUpdate.validate("AdamW", group);
    }

    @Override
    protected void step(ParamGroup group) {
        AdamUpdate.step(this, group, true);
    }
}
