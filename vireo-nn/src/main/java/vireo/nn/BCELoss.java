package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/**
 * Binary cross entropy of probabilities, PyTorch's {@code nn.BCELoss} (each log clamped at −100). Prefer
 * {@link BCEWithLogitsLoss} on raw scores: it is numerically stable. Shapes: input and target equal.
 */
public class BCELoss extends Loss {

    private Tensor weight;

    /** A weight broadcastable to the input, multiplying each element's loss. */
    public BCELoss weight(Tensor w) {
        this.weight = w;
        return this;
    }

    public BCELoss reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.bceLoss(input, target, weight, reduction);
    }
}
