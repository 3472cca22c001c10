package vireo.keras.layers;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Keras's {@code MaxPooling2D(pool_size=2, strides=pool_size, padding="valid")}; 'same' pads with −∞.
 * Shapes: {@code (None, H, W, C) -> (None, H', W', C)}.
 */
public final class MaxPooling2D extends Pooling2D {

    private MaxPooling2D(int[] pool) {
        super(pool);
    }

    public static MaxPooling2D of(int poolSize) {
        return new MaxPooling2D(new int[]{poolSize});
    }

    public static MaxPooling2D of(int poolH, int poolW) {
        return new MaxPooling2D(new int[]{poolH, poolW});
    }

    @Override
    protected Tensor pool(Tensor x, int[] pad) {
        Tensor in = Padding.any(pad) ? Padding.constant(x, pad, Float.NEGATIVE_INFINITY) : x;
        return F.maxPool2d(in, pool, strides, new int[]{0, 0}, new int[]{1, 1}, false);
    }
}
