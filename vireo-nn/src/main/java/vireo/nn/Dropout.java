package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Inverted dropout, PyTorch's {@code nn.Dropout}: in training each element is zeroed with probability {@code p}
 * and survivors are scaled by {@code 1/(1−p)}; in evaluation it is the identity. Masks come from the default
 * generator. Shapes: any, unchanged.
 */
public class Dropout extends Module {

    private final double p;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this.p = checkP(p);
    }

    static double checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        return p;
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.dropout(x, p, isTraining());
    }

    @Override
    public String extraRepr() {
        return "p=" + PyRepr.floating(p) + ", inplace=False";
    }
}
