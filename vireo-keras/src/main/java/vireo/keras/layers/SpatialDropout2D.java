package vireo.keras.layers;

import java.util.Map;
import vireo.nn.InputShapeException;
import vireo.tensor.NNOps;
import vireo.tensor.Tensor;

/**
 * Keras's {@code SpatialDropout2D(rate)}: drops whole feature maps (channels) in training, scaling the rest by
 * {@code 1/(1−rate)}. Shapes: {@code (None, H, W, C)} unchanged.
 */
public final class SpatialDropout2D extends Layer {

    private final double rate;

    private SpatialDropout2D(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("SpatialDropout2D: rate must be in [0, 1), received " + rate);
        }
        this.rate = rate;
    }

    public static SpatialDropout2D of(double rate) {
        return new SpatialDropout2D(rate);
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length != 3) {
            throw new InputShapeException(this, "expected an image input (None, H, W, C), received " + Shapes.keras(in));
        }
        return in;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        return NNOps.featureDropout(x, rate, isTraining(), generator());
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("rate", rate);
    }
}
