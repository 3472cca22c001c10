package vireo.nn;

import vireo.tensor.Tensor;

/** Input checks shared by the pooling layers, so that they fail with the layer's name and path. */
final class Pools {

    private Pools() {
    }

    static void checkPadding(Module m, Pair kernel, Pair padding) {
        if (padding.h() > kernel.h() / 2 || padding.w() > kernel.w() / 2) {
            throw new IllegalArgumentException(m.typeName() + ": padding should be at most half of the kernel size, "
                    + "received padding=" + padding + ", kernel_size=" + kernel);
        }
    }

    static void checkInput(Module m, Tensor x, Pair kernel, Pair stride, Pair padding, Pair dilation) {
        if (x.dim() != 4 && x.dim() != 3) {
            throw new InputShapeException(m, "expected input [N, C, H, W] or [C, H, W], received "
                    + Shapes.str(x.shape()));
        }
        int h = x.size(-2) + 2 * padding.h();
        int w = x.size(-1) + 2 * padding.w();
        int kh = dilation.h() * (kernel.h() - 1) + 1;
        int kw = dilation.w() * (kernel.w() - 1) + 1;
        if (h < kh || w < kw) {
            throw new InputShapeException(m, "input " + Shapes.str(x.shape()) + " is smaller than the kernel: "
                    + "padded size " + h + "x" + w + " < kernel size " + kh + "x" + kw);
        }
    }
}
