package vireo.keras.examples;

import java.io.IOException;
import vireo.data.MainRunner;
import vireo.keras.Datasets;
import vireo.keras.Fit;
import vireo.keras.Sequential;
import vireo.keras.layers.AveragePooling2D;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Flatten;
import vireo.keras.layers.Input;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.Adam;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * LeNet-5 (sigmoid, average pooling, 'same' first convolution) with the Keras face: {@code Adam(lr=0.01)},
 * {@code fit(batch_size=64, validation_split=0.2, shuffle=True)}, then evaluation on the Fashion-MNIST test set.
 *
 * <p>Run: {@code java ... vireo.keras.examples.LeNet5Keras --epochs 3}
 */
public final class LeNet5Keras {

    private LeNet5Keras() {
    }

    public static Sequential model() {
        return Sequential.of(
                Input.of(28, 28, 1),
                Conv2D.of(6, 5).padding("same").activation("sigmoid"),
                AveragePooling2D.of(2),
                Conv2D.of(16, 5).activation("sigmoid"),
                AveragePooling2D.of(2),
                Flatten.of(),
                Dense.of(120).activation("sigmoid"),
                Dense.of(84).activation("sigmoid"),
                Dense.of(10).activation("softmax"));
    }

    public static void main(String[] args) {
        MainRunner.main("keras-lenet5", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        ExampleArgs a = ExampleArgs.parse(args, 3);
        Vireo.manualSeed(a.seed());
        Datasets.Split d = Datasets.fashionMnist(a.data());
        Tensor xTrain = KerasCnn.images(d.xTrain(), a.limit());
        Tensor yTrain = KerasCnn.limit(d.yTrain(), a.limit());
        Tensor xTest = KerasCnn.images(d.xTest(), 0);

        var model = model();
        model.summary();
        model.compile(Adam.of(0.01), Losses.get("sparse_categorical_crossentropy"), Metrics.get("accuracy"));
        model.fit(xTrain, yTrain, Fit.batchSize(64).epochs(a.epochs()).validationSplit(0.2).shuffle(true)
                .verbose(a.verbose()));
        var score = model.evaluate(xTest, d.yTest(), 64, 0);
        System.out.printf("Test loss: %.4f%nTest accuracy: %.4f%n", score.get("loss"), score.get("accuracy"));
        if (a.save() != null) {
            model.save(a.save());
        }
    }
}
