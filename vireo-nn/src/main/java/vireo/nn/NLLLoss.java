package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities, PyTorch's {@code nn.NLLLoss}: {@code l = −w[y]·input[y]}. Pair it
 * with a {@code LogSoftmax(1)} output. Shapes: as {@link CrossEntropyLoss} with class indices.
 */
public class NLLLoss extends Loss {

    private Tensor weight;
    private long ignoreIndex = F.IGNORE_INDEX;

    public NLLLoss weight(Tensor w) {
        this.weight = w;
        return this;
    }

    public NLLLoss ignoreIndex(long index) {
        this.ignoreIndex = index;
        return this;
    }

    public NLLLoss reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
