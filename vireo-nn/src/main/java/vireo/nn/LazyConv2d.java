package vireo.nn;

import vireo.tensor.Tensor;

/**
 * A {@link Conv2d} whose {@code in_channels} is read from its first input, like {@code nn.LazyConv2d}.
 *
 * <p>Until the first {@code forward} (or a {@code loadStateDict} holding its weight) it has no parameters and
 * {@code parameters()} lists none: <b>create the optimizer after one forward pass</b>. Once materialised it prints
 * and behaves as a {@code Conv2d}.
 */
public class LazyConv2d extends Conv2d {

    public LazyConv2d(int outChannels, int kernelSize) {
        this(builder(outChannels, kernelSize));
    }

    public LazyConv2d(int outChannels, int kernelSize, int stride, int padding) {
        this(builder(outChannels, kernelSize).stride(stride).padding(padding));
    }

    LazyConv2d(Builder b) {
        super(b);
    }

    /** Options as for {@link Conv2d#builder}, without the input channels. */
    public static Builder builder(int outChannels, int kernelSize) {
        return new Builder(0, outChannels, Pair.of(kernelSize), true);
    }

    public static Builder builder(int outChannels, int[] kernelSize) {
        return new Builder(0, outChannels, Pair.of(kernelSize, "kernel_size"), true);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isMaterialized()) {
            if (x.dim() != 4 && x.dim() != 3) {
                throw new InputShapeException(this, "expected input [N, C, H, W], received " + Shapes.str(x.shape()));
            }
            materialize(x.size(-3));
        }
        return super.forward(x);
    }

    /** True once the input channels are known and the parameters exist. */
    public boolean hasParameters() {
        return isMaterialized();
    }

    @Override
    public String typeName() {
        return isMaterialized() ? "Conv2d" : "LazyConv2d";
    }
}
