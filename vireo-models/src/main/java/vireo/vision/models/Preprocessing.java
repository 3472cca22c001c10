package vireo.vision.models;

import java.util.List;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.transforms.CenterCrop;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Interpolation;
import vireo.vision.transforms.Normalize;
import vireo.vision.transforms.Resize;
import vireo.vision.transforms.ToTensor;

/**
 * The evaluation preprocessing a set of weights was measured with: torchvision's {@code ImageClassification}
 * preset. The shorter side is resized to {@code resizeSize}, the centre {@code cropSize} square is cut out, the
 * values are scaled to [0, 1] and normalized with ImageNet's mean and std.
 *
 * <p>Shapes: {@link #transform()} maps an RGB {@link Image} to {@code [3, cropSize, cropSize]}.
 */
public record Preprocessing(int resizeSize, int cropSize, Interpolation interpolation) {

    /** ImageNet's per-channel mean and std (RGB), the same as {@link Normalize#IMAGENET}. */
    public static final List<Double> MEAN = List.of(0.485, 0.456, 0.406);
    public static final List<Double> STD = List.of(0.229, 0.224, 0.225);

    /** torchvision's original recipe (V1 weights): resize 256, crop 224, bilinear. */
    public static final Preprocessing RESIZE_256_CROP_224 = new Preprocessing(256, 224, Interpolation.BILINEAR);
    /** torchvision's new recipe (ResNet V2 weights): resize 232, crop 224, bilinear. */
    public static final Preprocessing RESIZE_232_CROP_224 = new Preprocessing(232, 224, Interpolation.BILINEAR);

    public Preprocessing {
        if (cropSize <= 0 || resizeSize < cropSize) {
            throw new IllegalArgumentException("Preprocessing: expected 0 < cropSize <= resizeSize, received resize "
                    + resizeSize + ", crop " + cropSize);
        }
    }

    /** {@code Resize(resizeSize) → CenterCrop(cropSize) → ToTensor → Normalize(MEAN, STD)}. */
    public Compose<Image, Tensor> transform() {
        return Compose.of(new Resize(resizeSize, interpolation), new CenterCrop(cropSize), new ToTensor(),
                Normalize.IMAGENET);
    }
}
