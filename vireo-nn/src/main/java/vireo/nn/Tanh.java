package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** Element-wise {@code tanh}, PyTorch's {@code nn.Tanh}. Shapes: any, unchanged. */
public class Tanh extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return F.tanh(x);
    }
}
