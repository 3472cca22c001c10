package vireo.keras.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import vireo.nn.InputShapeException;
import vireo.nn.functional.F;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * Keras's {@code Conv2D(filters, kernel_size, strides, padding, activation)} with a glorot-uniform kernel and a zero
 * bias. {@code padding="same"} pads as TensorFlow does: output {@code ceil(in/stride)}, the odd pixel of the
 * padding at the bottom/right, so strided 'same' convolutions give Keras's values, not PyTorch's shifted ones.
 * The weight is stored as PyTorch's {@code [filters, in, kH, kW]} (Keras's kernel {@code [kH, kW, in, filters]}).
 *
 * <p>Shapes (Keras's channels-last view): {@code (None, H, W, C) -> (None, H', W', filters)}.
 *
 * <pre>{@code
 * Conv2D.of(32, 3).activation("relu");
 * Conv2D.of(64, 3).strides(2).padding("same");
 * }</pre>
 */
public final class Conv2D extends Layer {

    private final int filters;
    private final int[] kernel;
    private int[] strides = {1, 1};
    private int[] dilation = {1, 1};
    private String padding = "valid";
    private String activation = "linear";
    private UnaryOperator<Tensor> act = Activations.get(null);
    private boolean useBias = true;
    private Tensor weight;
    private Tensor bias;

    private Conv2D(int filters, int[] kernel) {
        if (filters <= 0) {
            throw new IllegalArgumentException("Conv2D: filters must be positive, received " + filters);
        }
        this.filters = filters;
        this.kernel = Shapes.pair(kernel, "kernel_size", "Conv2D");
        Shapes.positive(this.kernel, "kernel_size", "Conv2D");
    }

    public static Conv2D of(int filters, int kernelSize) {
        return new Conv2D(filters, new int[]{kernelSize});
    }

    public static Conv2D of(int filters, int kernelH, int kernelW) {
        return new Conv2D(filters, new int[]{kernelH, kernelW});
    }

    public Conv2D strides(int... s) {
        checkUnbuilt();
        strides = Shapes.pair(s, "strides", "Conv2D");
        Shapes.positive(strides, "strides", "Conv2D");
        return this;
    }

    public Conv2D dilationRate(int... d) {
        checkUnbuilt();
        dilation = Shapes.pair(d, "dilation_rate", "Conv2D");
        Shapes.positive(dilation, "dilation_rate", "Conv2D");
        return this;
    }

    /** {@code "valid"} (default, no padding) or {@code "same"} (TensorFlow's). */
    public Conv2D padding(String mode) {
        checkUnbuilt();
        padding = Padding.check(mode, "Conv2D");
        return this;
    }

    public Conv2D activation(String name) {
        this.activation = Activations.canonical(name);
        this.act = Activations.get(name);
        return this;
    }

    public Conv2D useBias(boolean value) {
        checkUnbuilt();
        useBias = value;
        return this;
    }

    private void checkUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(name() + " (Conv2D): options cannot change after the layer is built");
        }
    }

    public int filters() {
        return filters;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length != 3) {
            throw new InputShapeException(this, "expected an image input (None, H, W, C), received " + Shapes.keras(in));
        }
        int oh = Padding.outSize(padding, in[1], kernel[0], strides[0], dilation[0]);
        int ow = Padding.outSize(padding, in[2], kernel[1], strides[1], dilation[1]);
        if (oh <= 0 || ow <= 0) {
            throw new InputShapeException(this, "input " + Shapes.keras(in) + " is smaller than the kernel "
                    + kernel[0] + "x" + kernel[1] + " with padding 'valid'");
        }
        weight = registerParameter("weight", Tensor.zeros(filters, in[0], kernel[0], kernel[1]));
        Init.glorotUniform_(weight);
        bias = registerParameter("bias", useBias ? Tensor.zeros(filters) : null);
        return new int[]{filters, oh, ow};
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        if (x.dim() != 4 || x.size(1) != weight.size(1)) {
            throw new InputShapeException(this, "expected input [N, " + weight.size(1) + ", H, W] (channels-first "
                    + "inside the model), received " + Shapes.str(x.shape()));
        }
        int[] pad = Padding.amounts2d(padding, x.size(2), x.size(3), kernel, strides, dilation);
        return act.apply(F.conv2d(x, weight, bias, strides, pad, dilation, 1));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("filters", filters);
        c.put("kernel_size", kernel.clone());
        c.put("strides", strides.clone());
        c.put("padding", padding);
        c.put("dilation_rate", dilation.clone());
        c.put("activation", activation);
        c.put("use_bias", useBias);
    }
}
