package vireo.keras;

import java.nio.file.Path;
import vireo.tensor.Tensor;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.IdxImageDataset;
import vireo.vision.datasets.MNIST;

/**
 * Keras's {@code keras.datasets} loaders: {@code (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()}.
 * Images come as Keras gives them, {@code [N, 28, 28]} pixel values 0–255 (as float32), labels int64 {@code [N]};
 * scale with {@code x.div(255f)} and add the channel axis with {@code x.reshape(n, 28, 28, 1)}, as the tutorials do.
 */
public final class Datasets {

    /** The four arrays of {@code load_data()}. */
    public record Split(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {
    }

    private Datasets() {
    }

    /** Fashion-MNIST from Debian's {@code /usr/share/datasets/fashion-mnist} (package dataset-fashion-mnist). */
    public static Split fashionMnist() {
        return fashionMnist(FashionMNIST.DEBIAN_ROOT);
    }

    public static Split fashionMnist(Path root) {
        return split(FashionMNIST.builder(root).train(true).build(), FashionMNIST.builder(root).train(false).build());
    }

    /** MNIST from the IDX files under {@code root}. */
    public static Split mnist(Path root) {
        return split(MNIST.builder(root).train(true).build(), MNIST.builder(root).train(false).build());
    }

    private static Split split(IdxImageDataset train, IdxImageDataset test) {
        return new Split(pixels(train), train.labels(), pixels(test), test.labels());
    }

    /** {@code [N, 1, H, W]} in [0, 1] back to Keras's {@code [N, H, W]} 0–255 (exact: k/255·255 rounds to k). */
    private static Tensor pixels(IdxImageDataset d) {
        Tensor img = d.images();
        return img.reshape(img.size(0), img.size(2), img.size(3)).mul(255f).add(0.5f).toLong().toFloat();
    }
}
