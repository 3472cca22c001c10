package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/**
 * Sigmoid and binary cross entropy in one stable expression, PyTorch's {@code nn.BCEWithLogitsLoss}.
 * Shapes: input and target equal; {@code posWeight} broadcast along the last (class) dimension, e.g. {@code [C]}.
 */
public class BCEWithLogitsLoss extends Loss {

    private Tensor weight;
    private Tensor posWeight;

    public BCEWithLogitsLoss weight(Tensor w) {
        this.weight = w;
        return this;
    }

    /** Weight of positive examples per class ({@code negatives/positives} balances a skewed class). */
    public BCEWithLogitsLoss posWeight(Tensor w) {
        this.posWeight = w;
        return this;
    }

    public BCEWithLogitsLoss reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.bceWithLogitsLoss(input, target, weight, posWeight, reduction);
    }
}
