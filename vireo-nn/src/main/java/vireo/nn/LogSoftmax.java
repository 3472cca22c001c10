package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** {@code logSoftmax} along {@code dim}, PyTorch's {@code nn.LogSoftmax}. Shapes: any, unchanged. */
public class LogSoftmax extends Module {

    private final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (dim >= x.dim() || dim < -Math.max(1, x.dim())) {
            throw new InputShapeException(this, "dim " + dim + " is out of range for input " + Shapes.str(x.shape()));
        }
        return F.logSoftmax(x, dim);
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim;
    }
}
