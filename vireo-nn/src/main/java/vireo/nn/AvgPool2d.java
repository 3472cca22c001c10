package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Average pooling, PyTorch's {@code nn.AvgPool2d}: stride defaults to the kernel size; by default
 * ({@code countIncludePad}) padded zeros count in the divisor.
 *
 * <p>Shapes: {@code [N, C, H, W] -> [N, C, H_out, W_out]} (or unbatched {@code [C, H, W]}).
 */
public class AvgPool2d extends Module {

    private final Pair kernel;
    private final Pair stride;
    private final Pair padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(Pair.of(kernelSize), Pair.of(stride), Pair.of(padding), false, true);
    }

    /** All options; {@code stride == null} means the kernel size. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this(Pair.of(kernelSize, "kernel_size"), stride == null ? null : Pair.of(stride, "stride"),
                Pair.of(padding, "padding"), ceilMode, countIncludePad);
    }

    private AvgPool2d(Pair kernel, Pair stride, Pair padding, boolean ceilMode, boolean countIncludePad) {
        this.kernel = kernel;
        this.stride = stride == null ? kernel : stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        Pools.checkPadding(this, kernel, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        Pools.checkInput(this, x, kernel, stride, padding, Pair.of(1));
        return F.avgPool2d(x, kernel.array(), stride.array(), padding.array(), ceilMode, countIncludePad);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
