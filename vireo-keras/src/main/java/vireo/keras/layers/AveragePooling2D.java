package vireo.keras.layers;

import vireo.autograd.GradMode;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Keras's {@code AveragePooling2D(pool_size=2, strides=pool_size, padding="valid")}. With 'same', padded cells are
 * left out of each window's divisor, as TensorFlow does. Shapes: {@code (None, H, W, C) -> (None, H', W', C)}.
 */
public final class AveragePooling2D extends Pooling2D {

    private AveragePooling2D(int[] pool) {
        super(pool);
    }

    public static AveragePooling2D of(int poolSize) {
        return new AveragePooling2D(new int[]{poolSize});
    }

    public static AveragePooling2D of(int poolH, int poolW) {
        return new AveragePooling2D(new int[]{poolH, poolW});
    }

    @Override
    protected Tensor pool(Tensor x, int[] pad) {
        int[] zero = {0, 0};
        if (!Padding.any(pad)) {
            return F.avgPool2d(x, pool, strides, zero, false, true);
        }
        Tensor sums = F.avgPool2d(Padding.constant(x, pad, 0f), pool, strides, zero, false, true);
        Tensor share;
        try (var g = GradMode.noGrad()) {
            // The fraction of each window that lies inside the image; dividing by it turns the mean over the
            // whole window into the mean over the real cells.
            Tensor ones = Padding.constant(Tensor.ones(1, 1, x.size(2), x.size(3)), pad, 0f);
            share = F.avgPool2d(ones, pool, strides, zero, false, true);
        }
        return sums.div(share);
    }
}
