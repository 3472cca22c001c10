package vireo.vision.models;

import vireo.nn.AvgPool2d;
import vireo.nn.Conv2d;
import vireo.nn.Flatten;
import vireo.nn.Linear;
import vireo.nn.Sequential;
import vireo.nn.Sigmoid;

/**
 * LeNet-5 as the "Dive into Deep Learning" tutorial builds it: sigmoid activations, average pooling and a padded
 * first convolution so that 28×28 inputs work. Returns logits (train it with cross-entropy).
 *
 * <p>Shapes: input {@code [N, 1, 28, 28]}, output {@code [N, 10]}. Layers are indexed {@code 0..11} like
 * {@code nn.Sequential}, so state-dict keys are {@code 0.weight}, {@code 3.weight}, {@code 7.weight}, ...
 */
public final class LeNet5 {

    private LeNet5() {
    }

    public static Sequential create() {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, 5), new Sigmoid(), new AvgPool2d(2, 2),
                new Flatten(),
                new Linear(16 * 5 * 5, 120), new Sigmoid(),
                new Linear(120, 84), new Sigmoid(),
                new Linear(84, 10));
    }
}
