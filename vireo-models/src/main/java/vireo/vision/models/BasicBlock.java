package vireo.vision.models;

import vireo.nn.BatchNorm2d;
import vireo.nn.Conv2d;
import vireo.nn.ConvBatchNorm;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.tensor.Tensor;

/**
 * torchvision's {@code BasicBlock} (ResNet-18/34): two 3×3 convolutions without bias, each followed by batch norm,
 * plus the identity (or {@code downsample}) shortcut, then ReLU. The stride sits on {@code conv1}.
 *
 * <p>Shapes: {@code [N, inplanes, H, W] -> [N, planes, H/stride, W/stride]}. State-dict keys: {@code conv1.weight},
 * {@code bn1.*}, {@code conv2.weight}, {@code bn2.*}, and {@code downsample.0.weight}, {@code downsample.1.*} when
 * the shortcut changes the shape.
 */
public final class BasicBlock extends Module {

    /** Output channels per {@code planes}: 1. */
    public static final int EXPANSION = 1;

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Module downsample;

    /** {@code downsample} may be null (identity shortcut). */
    public BasicBlock(int inplanes, int planes, int stride, Module downsample) {
        conv1 = registerModule("conv1", ResNet.conv3x3(inplanes, planes, stride));
        bn1 = registerModule("bn1", new BatchNorm2d(planes));
        relu = registerModule("relu", new ReLU(true)); // inplace=True, as in torchvision
        conv2 = registerModule("conv2", ResNet.conv3x3(planes, planes, 1));
        bn2 = registerModule("bn2", new BatchNorm2d(planes));
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = relu.call(ConvBatchNorm.apply(conv1, bn1, x));
        out = ConvBatchNorm.apply(conv2, bn2, out);
        Tensor identity = ResNet.shortcut(downsample, x);
        return relu.call(ResNet.addShortcut(out, identity));
    }

    /** The last batch norm of the residual branch, the one {@code zero_init_residual} zeroes. */
    BatchNorm2d lastNorm() {
        return bn2;
    }
}
