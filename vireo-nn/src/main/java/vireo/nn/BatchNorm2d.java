package vireo.nn;

import vireo.tensor.Tensor;

/**
 * Batch normalisation over {@code [N, C, H, W]} per channel, PyTorch's {@code nn.BatchNorm2d}
 * (eps 1e-5, momentum 0.1, affine, tracking running statistics). See {@link BatchNorm}.
 */
public class BatchNorm2d extends BatchNorm {

    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum == null}: cumulative moving average of the batch statistics. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInput(Tensor x) {
        if (x.dim() != 4 || x.size(1) != numFeatures()) {
            throw new InputShapeException(this, "expected input [N, " + numFeatures() + ", H, W], received "
                    + Shapes.str(x.shape()));
        }
    }
}
