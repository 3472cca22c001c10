package vireo.vision.models;

import vireo.nn.Conv2d;
import vireo.nn.Dropout;
import vireo.nn.Flatten;
import vireo.nn.Linear;
import vireo.nn.MaxPool2d;
import vireo.nn.ReLU;
import vireo.nn.Sequential;

/**
 * The Keras MNIST tutorial's CNN written with the PyTorch face: Conv 32 (3×3) – Conv 64 (3×3) – max-pool –
 * dropout 0.25 – dense 128 – dropout 0.5 – dense 10. Returns logits (Keras ends in softmax and uses categorical
 * cross-entropy on probabilities; here cross-entropy on logits is the same loss, computed stably).
 *
 * <p>Shapes: input {@code [N, 1, 28, 28]}, output {@code [N, 10]}.
 */
public final class KerasTutorialCnn {

    private KerasTutorialCnn() {
    }

    public static Sequential create() {
        return new Sequential(
                new Conv2d(1, 32, 3), new ReLU(),
                new Conv2d(32, 64, 3), new ReLU(),
                new MaxPool2d(2),
                new Dropout(0.25),
                new Flatten(),
                new Linear(9216, 128), new ReLU(),
                new Dropout(0.5),
                new Linear(128, 10));
    }
}
