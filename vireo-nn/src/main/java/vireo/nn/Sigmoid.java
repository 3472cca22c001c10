package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** Element-wise {@code sigmoid}, PyTorch's {@code nn.Sigmoid}. Shapes: any, unchanged. */
public class Sigmoid extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return F.sigmoid(x);
    }
}
