package vireo.vision.models;

import vireo.nn.Conv2d;
import vireo.nn.Dropout2d;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * The {@code Net} of PyTorch's MNIST example: two 5×5 convolutions (10 and 20 channels) with max-pooling,
 * channel dropout, then 320 → 50 → 10 with dropout, ending in log-softmax (train it with {@code nllLoss}).
 *
 * <p>Shapes: input {@code [N, 1, 28, 28]}, output log-probabilities {@code [N, 10]}. State-dict keys are the
 * Python example's: {@code conv1.*}, {@code conv2.*}, {@code fc1.*}, {@code fc2.*}.
 */
public final class MnistNet extends Module {

    private final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 10, 5));
    private final Conv2d conv2 = registerModule("conv2", new Conv2d(10, 20, 5));
    private final Dropout2d conv2Drop = registerModule("conv2_drop", new Dropout2d());
    private final Linear fc1 = registerModule("fc1", new Linear(320, 50));
    private final Linear fc2 = registerModule("fc2", new Linear(50, 10));

    @Override
    public Tensor forward(Tensor x) {
        x = F.relu(F.maxPool2d(conv1.call(x), 2));
        x = F.relu(F.maxPool2d(conv2Drop.call(conv2.call(x)), 2));
        x = x.view(-1, 320);
        x = F.relu(fc1.call(x));
        x = F.dropout(x, 0.5, isTraining());
        x = fc2.call(x);
        return F.logSoftmax(x, 1);
    }
}
