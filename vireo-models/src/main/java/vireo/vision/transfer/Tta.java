package vireo.vision.transfer;

import java.util.function.UnaryOperator;
import vireo.tensor.Tensor;
import vireo.vision.transforms.Functional;

/**
 * Views of a batch for test-time augmentation ({@link Evaluation#predict(vireo.nn.Module, vireo.data.DataLoader, java.util.List)}):
 * each maps an input batch to another batch the model scores; the predictions average the softmax over the views.
 *
 * <p>Shapes: input {@code [B, C, H, W]}; {@link #crop} gives {@code [B, C, h, w]} (the model must accept that size,
 * as ResNet and VGG do with their adaptive pooling).
 */
public final class Tta {

    private Tta() {
    }

    /** The batch as it is. */
    public static UnaryOperator<Tensor> identity() {
        return x -> x;
    }

    /** Mirrored left to right. */
    public static UnaryOperator<Tensor> hflip() {
        return Functional::hflip;
    }

    /** The window of {@code height} × {@code width} pixels whose top-left corner is ({@code top}, {@code left}). */
    public static UnaryOperator<Tensor> crop(int top, int left, int height, int width) {
        if (top < 0 || left < 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Tta.crop: expected top, left >= 0 and a positive size, received top "
                    + top + ", left " + left + ", " + height + "x" + width);
        }
        return x -> {
            int h = x.size(x.dim() - 2);
            int w = x.size(x.dim() - 1);
            if (top + height > h || left + width > w) {
                throw new IllegalArgumentException("Tta.crop: the window " + height + "x" + width + " at (" + top + ", "
                        + left + ") does not fit a " + h + "x" + w + " image");
            }
            return x.narrow(x.dim() - 2, top, height).narrow(x.dim() - 1, left, width).contiguous();
        };
    }
}
