package vireo.keras.layers;

import java.util.Arrays;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Input(shape)}: declares the per-sample input shape so that a model builds (and can print its
 * summary) before it sees data. Not counted among the model's layers, as in Keras's Sequential.
 *
 * <p><b>Layout.</b> By default (Keras's {@code channels_last}), a 3-D per-sample shape {@code (H, W, C)} means the
 * data arrives as {@code [N, H, W, C]}; the model permutes it once, at its input, to the channels-first
 * {@code [N, C, H, W]} the engine's convolutions use. With {@code channelsLast(false)} the data is already
 * {@code [N, C, H, W]} and passes unchanged.
 *
 * <pre>{@code
 * Sequential.of(Input.of(28, 28, 1), Conv2D.of(32, 3).activation("relu"), ...);
 * }</pre>
 */
public final class Input extends Layer {

    private final int[] shape;
    private boolean channelsLastData = true;

    private Input(int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Input: shape dimensions must be positive, received "
                        + Arrays.toString(shape));
            }
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("Input: expected a per-sample shape such as (28, 28, 1), received ()");
        }
        this.shape = shape.clone();
        name("input_layer");
    }

    /** The per-sample shape without the batch, as Keras writes it: {@code (28, 28, 1)} for grey images. */
    public static Input of(int... shape) {
        return new Input(shape);
    }

    /** Whether 3-D samples arrive channels-last {@code (H, W, C)} (default true) or channels-first. */
    public Input channelsLast(boolean value) {
        channelsLastData = value;
        return this;
    }

    public boolean isChannelsLast() {
        return channelsLastData;
    }

    /** The per-sample shape as given. */
    public int[] shape() {
        return shape.clone();
    }

    /** The per-sample shape inside the model: {@code (H, W, C)} becomes {@code [C, H, W]} when channels-last. */
    public int[] internalShape() {
        return toInternal(shape, channelsLastData);
    }

    /** The internal per-sample shape for data of per-sample {@code shape}. */
    public static int[] toInternal(int[] shape, boolean channelsLast) {
        if (shape.length == 3 && channelsLast) {
            return new int[]{shape[2], shape[0], shape[1]};
        }
        return shape.clone();
    }

    @Override
    protected int[] buildFor(int[] in) {
        return in;
    }

    /** {@code [N, H, W, C] -> [N, C, H, W]} when channels-last; other ranks unchanged. */
    @Override
    public Tensor forward(Tensor x) {
        return x.dim() == 4 && channelsLastData ? x.permute(0, 3, 1, 2).contiguous() : x;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("shape", shape.clone());
        c.put("channels_last", channelsLastData);
    }
}
