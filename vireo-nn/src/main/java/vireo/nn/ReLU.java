package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Element-wise {@code relu}, PyTorch's {@code nn.ReLU}. Shapes: any, unchanged.
 *
 * <p>{@code new ReLU(true)} is {@code nn.ReLU(inplace=True)}, as torchvision's models use it: the result overwrites
 * the input, which saves allocating and filling a second activation of the same size (see {@link F#relu(Tensor,
 * boolean)} for when it does).
 */
public class ReLU extends Module {

    private final boolean inplace;

    public ReLU() {
        this(false);
    }

    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.relu(x, inplace);
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
