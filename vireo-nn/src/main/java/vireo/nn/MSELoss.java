package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/** Squared error, PyTorch's {@code nn.MSELoss}. Shapes: input and target equal. */
public class MSELoss extends Loss {

    public MSELoss reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction);
    }
}
