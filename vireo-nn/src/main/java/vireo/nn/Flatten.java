package vireo.nn;

import vireo.tensor.Tensor;

/**
 * Flattens dimensions {@code startDim..endDim} into one, PyTorch's {@code nn.Flatten} (default 1..−1, keeping the
 * batch). Shapes: {@code [N, C, H, W] -> [N, C·H·W]}.
 */
public class Flatten extends Module {

    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        int rank = Math.max(1, x.dim());
        int s = startDim < 0 ? startDim + rank : startDim;
        int e = endDim < 0 ? endDim + rank : endDim;
        if (s < 0 || s >= rank || e < 0 || e >= rank || s > e) {
            throw new InputShapeException(this, "cannot flatten dims " + startDim + ".." + endDim + " of input "
                    + Shapes.str(x.shape()));
        }
        return x.flatten(startDim, endDim);
    }

    @Override
    public String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
