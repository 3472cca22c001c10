package vireo.nn;

import java.util.Map;
import vireo.nn.functional.F;
import vireo.nn.init.FanMode;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * 2-D convolution, PyTorch's {@code nn.Conv2d}, with stride, padding (ints, pairs, or {@code "same"} /
 * {@code "valid"}), dilation, groups and an optional bias. Weight {@code [out, in/groups, kH, kW]} and bias start as
 * U(−1/√fan_in, 1/√fan_in) with {@code fan_in = in/groups·kH·kW}.
 *
 * <p>Shapes: {@code [N, C_in, H, W] -> [N, C_out, H_out, W_out]} (or unbatched {@code [C_in, H, W]}), with
 * {@code H_out = floor((H + 2p − d(k−1) − 1)/s) + 1}.
 *
 * <pre>{@code
 * new Conv2d(1, 10, 5);                                                   // Conv2d(1, 10, kernel_size=(5, 5), stride=(1, 1))
 * Conv2d.builder(64, 64, 3).stride(2).padding(1).bias(false).build();
 * Conv2d.builder(16, 16, 3).padding("same").build();
 * }</pre>
 */
public class Conv2d extends Module {

    private int inChannels;
    private final int outChannels;
    private final Pair kernel;
    private final Pair stride;
    private final Pair padding;        // null when given as a string
    private final String paddingMode;  // "same" / "valid", or null
    private final Pair dilation;
    private final int groups;
    private final boolean hasBias;
    private Tensor weight;
    private Tensor bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    Conv2d(Builder b) {
        if (b.outChannels <= 0 || b.groups <= 0) {
            throw new IllegalArgumentException("Conv2d: outChannels and groups must be positive, received outChannels="
                    + b.outChannels + ", groups=" + b.groups);
        }
        if (b.outChannels % b.groups != 0) {
            throw new IllegalArgumentException("Conv2d: out_channels must be divisible by groups, received "
                    + b.outChannels + " and " + b.groups);
        }
        this.outChannels = b.outChannels;
        this.kernel = b.kernel.asTuple();
        this.stride = b.stride.asTuple();
        this.padding = b.paddingMode == null ? b.padding.asTuple() : null;
        this.paddingMode = b.paddingMode;
        this.dilation = b.dilation.asTuple();
        this.groups = b.groups;
        this.hasBias = b.bias;
        if (paddingMode != null) {
            // Validates the string and 'same' with a stride now rather than at the first forward.
            F.stringPadding(paddingMode, kernel.h(), kernel.w(), stride.array(), dilation.array());
        }
        if (!b.lazy) {
            materialize(b.inChannels);
        }
    }

    /** Options for a convolution: {@code Conv2d.builder(in, out, k).stride(2).padding(1).build()}. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, Pair.of(kernelSize), false);
    }

    public static Builder builder(int inChannels, int outChannels, int[] kernelSize) {
        return new Builder(inChannels, outChannels, Pair.of(kernelSize, "kernel_size"), false);
    }

    final void materialize(int in) {
        if (in <= 0 || in % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in_channels must be positive and divisible by groups, received "
                    + in + " and " + groups);
        }
        this.inChannels = in;
        weight = registerParameter("weight", Tensor.zeros(outChannels, in / groups, kernel.h(), kernel.w()));
        bias = registerParameter("bias", hasBias ? Tensor.zeros(outChannels) : null);
        resetParameters();
    }

    final boolean isMaterialized() {
        return weight != null;
    }

    /** Redraws weight and bias with PyTorch's default initialisation. */
    public void resetParameters() {
        if (weight == null) {
            return;
        }
        Init.kaimingUniform_(weight, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu");
        if (bias != null) {
            int fanIn = Init.calculateFanInAndFanOut(weight).fanIn();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return convolve(x, weight, bias);
    }

    /**
     * {@link #forward} with {@code useWeight} and {@code useBias} in place of this layer's weight and bias (same
     * shapes; {@code useBias} may be null): how {@link ConvBatchNorm} runs a convolution with a batch norm folded in.
     */
    Tensor convolve(Tensor x, Tensor useWeight, Tensor useBias) {
        checkInput(x);
        int[] pad = paddingMode != null
                ? F.stringPadding(paddingMode, kernel.h(), kernel.w(), stride.array(), dilation.array())
                : new int[]{padding.h(), padding.w(), padding.h(), padding.w()};
        int h = x.size(-2) + pad[0] + pad[2];
        int w = x.size(-1) + pad[1] + pad[3];
        int kh = dilation.h() * (kernel.h() - 1) + 1;
        int kw = dilation.w() * (kernel.w() - 1) + 1;
        if (h < kh || w < kw) {
            throw new InputShapeException(this, "input " + Shapes.str(x.shape()) + " is smaller than the kernel: "
                    + "padded size " + h + "x" + w + " < (dilated) kernel size " + kh + "x" + kw);
        }
        return F.conv2d(x, useWeight, useBias, stride.array(), pad, dilation.array(), groups);
    }

    void checkInput(Tensor x) {
        if ((x.dim() != 4 && x.dim() != 3) || x.size(-3) != inChannels) {
            throw new InputShapeException(this, "expected input [N, " + inChannels + ", H, W], received "
                    + Shapes.str(x.shape()));
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int[] kernelSize() {
        return kernel.array();
    }

    public int[] stride() {
        return stride.array();
    }

    public int[] dilation() {
        return dilation.array();
    }

    public int groups() {
        return groups;
    }

    /** The weight {@code [out, in/groups, kH, kW]} (null for a lazy layer before its first forward). */
    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    protected void beforeLoad(String prefix, Map<String, Tensor> state) {
        Tensor w = state.get(prefix + "weight");
        if (!isMaterialized() && w != null && w.dim() == 4) {
            materialize(w.size(1) * groups);
        }
    }

    @Override
    public String extraRepr() {
        StringBuilder b = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(kernel).append(", stride=").append(stride);
        if (paddingMode != null) {
            b.append(", padding=").append(paddingMode);
        } else if (!padding.is(0)) {
            b.append(", padding=").append(padding);
        }
        if (!dilation.is(1)) {
            b.append(", dilation=").append(dilation);
        }
        if (groups != 1) {
            b.append(", groups=").append(groups);
        }
        if (!hasBias) {
            b.append(", bias=False");
        }
        return b.toString();
    }

    /** Convolution options with PyTorch's names and defaults (stride 1, padding 0, dilation 1, groups 1, bias). */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final Pair kernel;
        private final boolean lazy;
        private Pair stride = Pair.of(1);
        private Pair padding = Pair.of(0);
        private String paddingMode;
        private Pair dilation = Pair.of(1);
        private int groups = 1;
        private boolean bias = true;

        Builder(int inChannels, int outChannels, Pair kernel, boolean lazy) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel;
            this.lazy = lazy;
        }

        public Builder stride(int s) {
            stride = Pair.of(s);
            return this;
        }

        public Builder stride(int sh, int sw) {
            stride = Pair.of(new int[]{sh, sw}, "stride");
            return this;
        }

        public Builder padding(int p) {
            padding = Pair.of(p);
            paddingMode = null;
            return this;
        }

        public Builder padding(int ph, int pw) {
            padding = Pair.of(new int[]{ph, pw}, "padding");
            paddingMode = null;
            return this;
        }

        /** {@code "same"} (output size = input size; stride 1 only) or {@code "valid"} (no padding). */
        public Builder padding(String mode) {
            paddingMode = mode;
            return this;
        }

        public Builder dilation(int d) {
            dilation = Pair.of(d);
            return this;
        }

        public Builder dilation(int dh, int dw) {
            dilation = Pair.of(new int[]{dh, dw}, "dilation");
            return this;
        }

        public Builder groups(int g) {
            groups = g;
            return this;
        }

        public Builder bias(boolean b) {
            bias = b;
            return this;
        }

        /** A {@link Conv2d}, or a {@link LazyConv2d} when started from {@link LazyConv2d#builder}. */
        public Conv2d build() {
            return lazy ? new LazyConv2d(this) : new Conv2d(this);
        }
    }
}
