package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** {@code softmax} along {@code dim}, PyTorch's {@code nn.Softmax}. Shapes: any, unchanged. */
public class Softmax extends Module {

    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (dim >= x.dim() || dim < -Math.max(1, x.dim())) {
            throw new InputShapeException(this, "dim " + dim + " is out of range for input " + Shapes.str(x.shape()));
        }
        return F.softmax(x, dim);
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim;
    }
}
