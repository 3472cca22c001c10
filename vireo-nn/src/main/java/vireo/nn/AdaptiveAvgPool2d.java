package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Average pooling to a fixed output size whatever the input size, PyTorch's {@code nn.AdaptiveAvgPool2d}
 * (window {@code [floor(i·in/out), ceil((i+1)·in/out))}). A size of {@code -1} in the pair keeps that input
 * dimension (PyTorch's {@code None}).
 *
 * <p>Shapes: {@code [N, C, H, W] -> [N, C, outH, outW]} (or unbatched {@code [C, H, W]}).
 */
public class AdaptiveAvgPool2d extends Module {

    private final Pair output;

    public AdaptiveAvgPool2d(int outputSize) {
        this.output = Pair.of(outputSize);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        this.output = new Pair(outH, outW, false);
    }

    @Override
    public Tensor forward(Tensor x) {
        if ((x.dim() != 4 && x.dim() != 3) || x.size(-1) == 0 || x.size(-2) == 0) {
            throw new InputShapeException(this, "expected a non-empty input [N, C, H, W] or [C, H, W], received "
                    + Shapes.str(x.shape()));
        }
        int oh = output.h() < 0 ? x.size(-2) : output.h();
        int ow = output.w() < 0 ? x.size(-1) : output.w();
        return F.adaptiveAvgPool2d(x, oh, ow);
    }

    @Override
    public String extraRepr() {
        String h = output.h() < 0 ? "None" : Integer.toString(output.h());
        String w = output.w() < 0 ? "None" : Integer.toString(output.w());
        return "output_size=" + (output.scalar() ? h : "(" + h + ", " + w + ")");
    }
}
