package vireo.keras.layers;

import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Flatten()}: {@code (None, d1, d2, ...) -> (None, d1·d2·...)}.
 *
 * <p><b>Order differs from Keras.</b> Images are channels-first inside a Vireo model, so an image flattens in
 * (C, H, W) order where Keras flattens (H, W, C). Training is unaffected (the next Dense learns either order); only
 * a Dense kernel imported from a Keras file needs its rows permuted (Keras's
 * {@code convert_dense_weights_data_format} does the same conversion).
 */
public final class Flatten extends Layer {

    private Flatten() {
    }

    public static Flatten of() {
        return new Flatten();
    }

    @Override
    protected int[] buildFor(int[] in) {
        long n = 1;
        for (int d : in) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name() + " (Flatten): " + n + " features do not fit an int");
        }
        return new int[]{(int) n};
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        return x.dim() <= 2 ? x : x.flatten(1, -1);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
    }
}
