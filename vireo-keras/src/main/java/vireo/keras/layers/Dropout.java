package vireo.keras.layers;

import java.util.Map;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Dropout(rate)}: in training zeroes each value with probability {@code rate} and scales the rest by
 * {@code 1/(1−rate)}; identity in inference. Masks come from the model's generator. Shapes: unchanged.
 */
public final class Dropout extends Layer {

    private final double rate;

    private Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), received " + rate);
        }
        this.rate = rate;
    }

    public static Dropout of(double rate) {
        return new Dropout(rate);
    }

    public double rate() {
        return rate;
    }

    @Override
    protected int[] buildFor(int[] in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        return F.dropout(x, rate, isTraining(), generator());
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("rate", rate);
    }
}
