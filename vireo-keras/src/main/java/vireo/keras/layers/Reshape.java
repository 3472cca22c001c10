package vireo.keras.layers;

import java.util.Arrays;
import java.util.Map;
import vireo.nn.InputShapeException;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Reshape(target_shape)}, one dimension may be −1. A three-dimensional target is read as Keras reads
 * it in a channels-last model, {@code (H, W, C)}, and becomes a channels-first image inside the model; so
 * {@code Dense(7*7*32)} followed by {@code Reshape(7, 7, 32)} feeds a Conv2D as in Keras.
 */
public final class Reshape extends Layer {

    private final int[] target;

    private Reshape(int[] target) {
        int unknown = 0;
        for (int d : target) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Reshape: target dimensions must be positive or -1, received "
                        + Arrays.toString(target));
            }
        }
        if (unknown > 1 || target.length == 0) {
            throw new IllegalArgumentException("Reshape: expected a non-empty target with at most one -1, received "
                    + Arrays.toString(target));
        }
        this.target = target.clone();
    }

    public static Reshape of(int... targetShape) {
        return new Reshape(targetShape);
    }

    @Override
    protected int[] buildFor(int[] in) {
        long n = 1;
        for (int d : in) {
            n *= d;
        }
        long known = 1;
        int free = -1;
        int[] out = target.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            if (n % known != 0) {
                throw new InputShapeException(this, "cannot reshape " + Shapes.keras(in) + " to "
                        + Arrays.toString(target));
            }
            out[free] = (int) (n / known);
        } else if (known != n) {
            throw new InputShapeException(this, "cannot reshape " + Shapes.keras(in) + " (" + n + " values) to "
                    + Arrays.toString(target) + " (" + known + " values)");
        }
        if (out.length == 3 && channelsLast()) {
            return new int[]{out[2], out[0], out[1]};
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        int[] out = outputShape();
        if (out.length == 3 && channelsLast()) {
            // Keras lays the values out as (H, W, C); reshape that way, then move channels first.
            return x.reshape(x.size(0), out[1], out[2], out[0]).permute(0, 3, 1, 2).contiguous();
        }
        int[] shape = new int[out.length + 1];
        shape[0] = x.size(0);
        System.arraycopy(out, 0, shape, 1, out.length);
        return x.reshape(shape);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("target_shape", target.clone());
    }
}
