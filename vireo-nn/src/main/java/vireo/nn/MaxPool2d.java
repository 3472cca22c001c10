package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Max pooling, PyTorch's {@code nn.MaxPool2d} (stride defaults to the kernel size; padding counts as −∞;
 * with {@code ceilMode} a last partial window is kept unless it would start in the padding).
 *
 * <p>Shapes: {@code [N, C, H, W] -> [N, C, H_out, W_out]} (or unbatched {@code [C, H, W]}).
 */
public class MaxPool2d extends Module {

    private final Pair kernel;
    private final Pair stride;
    private final Pair padding;
    private final Pair dilation;
    private final boolean ceilMode;

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(Pair.of(kernelSize), Pair.of(stride), Pair.of(padding), Pair.of(1), false);
    }

    /** All options; {@code stride == null} means the kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this(Pair.of(kernelSize, "kernel_size"), stride == null ? null : Pair.of(stride, "stride"),
                Pair.of(padding, "padding"), Pair.of(dilation, "dilation"), ceilMode);
    }

    private MaxPool2d(Pair kernel, Pair stride, Pair padding, Pair dilation, boolean ceilMode) {
        this.kernel = kernel;
        this.stride = stride == null ? kernel : stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        Pools.checkPadding(this, kernel, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        Pools.checkInput(this, x, kernel, this.stride, padding, dilation);
        return F.maxPool2d(x, kernel.array(), stride.array(), padding.array(), dilation.array(), ceilMode);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + PyRepr.bool(ceilMode);
    }
}
