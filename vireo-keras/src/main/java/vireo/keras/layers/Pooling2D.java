package vireo.keras.layers;

import java.util.Map;
import vireo.nn.InputShapeException;
import vireo.tensor.Tensor;

/** Shared body of {@link MaxPooling2D} and {@link AveragePooling2D}: pool size, strides and TF padding. */
public abstract sealed class Pooling2D extends Layer permits MaxPooling2D, AveragePooling2D {

    protected final int[] pool;
    protected int[] strides;
    protected String padding = "valid";

    Pooling2D(int[] poolSize) {
        this.pool = Shapes.pair(poolSize, "pool_size", className());
        Shapes.positive(pool, "pool_size", className());
        this.strides = pool.clone();
    }

    /** Strides; default the pool size, as in Keras. */
    public Pooling2D strides(int... s) {
        strides = Shapes.pair(s, "strides", className());
        Shapes.positive(strides, "strides", className());
        return this;
    }

    /** {@code "valid"} (default) or {@code "same"} (TensorFlow's, odd pixel at the bottom/right). */
    public Pooling2D padding(String mode) {
        padding = Padding.check(mode, className());
        return this;
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length != 3) {
            throw new InputShapeException(this, "expected an image input (None, H, W, C), received " + Shapes.keras(in));
        }
        int oh = Padding.outSize(padding, in[1], pool[0], strides[0], 1);
        int ow = Padding.outSize(padding, in[2], pool[1], strides[1], 1);
        if (oh <= 0 || ow <= 0) {
            throw new InputShapeException(this, "input " + Shapes.keras(in) + " is smaller than the pool "
                    + pool[0] + "x" + pool[1]);
        }
        return new int[]{in[0], oh, ow};
    }

    @Override
    public final Tensor forward(Tensor x) {
        ensureBuilt(x);
        if (x.dim() != 4) {
            throw new InputShapeException(this, "expected input [N, C, H, W], received " + Shapes.str(x.shape()));
        }
        return pool(x, Padding.amounts2d(padding, x.size(2), x.size(3), pool, strides, new int[]{1, 1}));
    }

    /** Pools {@code x} with the {@code {top, left, bottom, right}} padding 'same' needs (zeros for 'valid'). */
    protected abstract Tensor pool(Tensor x, int[] pad);

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("pool_size", pool.clone());
        c.put("strides", strides.clone());
        c.put("padding", padding);
    }
}
