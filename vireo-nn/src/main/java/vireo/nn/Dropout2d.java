package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Channel dropout, PyTorch's {@code nn.Dropout2d}: zeroes whole channels of {@code [N, C, H, W]} and scales the
 * rest by {@code 1/(1−p)}. A 3-D input is read as {@code [N, C, L]} (1-D channel dropout), as PyTorch does.
 */
public class Dropout2d extends Module {

    private final double p;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this.p = Dropout.checkP(p);
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new InputShapeException(this, "expected input [N, C, H, W] or [N, C, L], received "
                    + Shapes.str(x.shape()));
        }
        return F.dropout2d(x, p, isTraining());
    }

    @Override
    public String extraRepr() {
        return "p=" + PyRepr.floating(p) + ", inplace=False";
    }
}
