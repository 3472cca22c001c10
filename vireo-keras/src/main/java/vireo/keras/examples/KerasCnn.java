package vireo.keras.examples;

import java.io.IOException;
import vireo.data.MainRunner;
import vireo.keras.Datasets;
import vireo.keras.Fit;
import vireo.keras.Sequential;
import vireo.keras.Utils;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Dropout;
import vireo.keras.layers.Flatten;
import vireo.keras.layers.Input;
import vireo.keras.layers.MaxPooling2D;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * The Keras MNIST tutorial CNN with the Keras face, on Fashion-MNIST: Adam, categorical cross-entropy, batch 128,
 * validation on the test set, as the tutorial writes it.
 *
 * <p>Run: {@code java ... vireo.keras.examples.KerasCnn --epochs 3 [--limit N] [--save cnn.vireo]}
 */
public final class KerasCnn {

    private KerasCnn() {
    }

    public static Sequential model() {
        return Sequential.of(
                Input.of(28, 28, 1),
                Conv2D.of(32, 3).activation("relu"),
                Conv2D.of(64, 3).activation("relu"),
                MaxPooling2D.of(2),
                Dropout.of(0.25),
                Flatten.of(),
                Dense.of(128).activation("relu"),
                Dropout.of(0.5),
                Dense.of(10).activation("softmax"));
    }

    public static void main(String[] args) {
        MainRunner.main("keras-cnn", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        ExampleArgs a = ExampleArgs.parse(args, 3);
        Vireo.manualSeed(a.seed());
        Datasets.Split d = Datasets.fashionMnist(a.data());
        Tensor xTrain = images(d.xTrain(), a.limit());
        Tensor yTrain = Utils.toCategorical(limit(d.yTrain(), a.limit()), 10);
        Tensor xTest = images(d.xTest(), 0);
        Tensor yTest = Utils.toCategorical(d.yTest(), 10);

        var model = model();
        model.summary();
        model.compile("adam", "categorical_crossentropy", "accuracy");
        model.fit(xTrain, yTrain, Fit.batchSize(128).epochs(a.epochs()).validationData(xTest, yTest)
                .verbose(a.verbose()));
        var score = model.evaluate(xTest, yTest, 128, 0);
        System.out.printf("Test loss: %.4f%nTest accuracy: %.4f%n", score.get("loss"), score.get("accuracy"));
        if (a.save() != null) {
            model.save(a.save());
        }
    }

    /** Keras's preprocessing: {@code x.astype("float32") / 255} and a channel axis, {@code [N, 28, 28, 1]}. */
    static Tensor images(Tensor x, int limit) {
        Tensor t = limit(x, limit);
        return t.div(255f).reshape(t.size(0), 28, 28, 1);
    }

    static Tensor limit(Tensor t, int limit) {
        return limit > 0 && limit < t.size(0) ? t.narrow(0, 0, limit).contiguous() : t;
    }
}
