package vireo.nn;

import vireo.tensor.Tensor;

/** Returns its input, PyTorch's {@code nn.Identity}: a placeholder when replacing a layer (e.g. a model's head). */
public class Identity extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
