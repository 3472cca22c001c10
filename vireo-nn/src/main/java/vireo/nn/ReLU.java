package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** Element-wise {@code relu}, PyTorch's {@code nn.ReLU}. Shapes: any, unchanged. */
public class ReLU extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return F.relu(x);
    }
}
