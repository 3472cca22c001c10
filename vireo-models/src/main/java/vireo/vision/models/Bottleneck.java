package vireo.vision.models;

import vireo.nn.BatchNorm2d;
import vireo.nn.Conv2d;
import vireo.nn.ConvBatchNorm;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.tensor.Tensor;

/**
 * torchvision's {@code Bottleneck} (ResNet-50/101/152), "ResNet v1.5": 1×1 reduce, 3×3 (carrying the stride), 1×1
 * expand by 4, each convolution without bias and followed by batch norm, plus the identity (or {@code downsample})
 * shortcut, then ReLU. Putting the stride on the 3×3 rather than the first 1×1 (v1, Keras) is what makes
 * torchvision's weights load here and Keras's not.
 *
 * <p>Shapes: {@code [N, inplanes, H, W] -> [N, 4·planes, H/stride, W/stride]}. State-dict keys:
 * {@code conv1..3.weight}, {@code bn1..3.*}, and {@code downsample.0.weight}, {@code downsample.1.*} when present.
 */
public final class Bottleneck extends Module {

    /** Output channels per {@code planes}: 4. */
    public static final int EXPANSION = 4;

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final BatchNorm2d bn3;
    private final ReLU relu;
    private final Module downsample;

    /** {@code downsample} may be null (identity shortcut). */
    public Bottleneck(int inplanes, int planes, int stride, Module downsample) {
        conv1 = registerModule("conv1", ResNet.conv1x1(inplanes, planes, 1));
        bn1 = registerModule("bn1", new BatchNorm2d(planes));
        conv2 = registerModule("conv2", ResNet.conv3x3(planes, planes, stride));
        bn2 = registerModule("bn2", new BatchNorm2d(planes));
        conv3 = registerModule("conv3", ResNet.conv1x1(planes, planes * EXPANSION, 1));
        bn3 = registerModule("bn3", new BatchNorm2d(planes * EXPANSION));
        relu = registerModule("relu", new ReLU(true)); // inplace=True, as in torchvision
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = relu.call(ConvBatchNorm.apply(conv1, bn1, x));
        out = relu.call(ConvBatchNorm.apply(conv2, bn2, out));
        out = ConvBatchNorm.apply(conv3, bn3, out);
        Tensor identity = ResNet.shortcut(downsample, x);
        return relu.call(ResNet.addShortcut(out, identity));
    }

    /** The last batch norm of the residual branch, the one {@code zero_init_residual} zeroes. */
    BatchNorm2d lastNorm() {
        return bn3;
    }
}
