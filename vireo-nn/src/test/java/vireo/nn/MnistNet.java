package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/** The PyTorch MNIST example's {@code Net}, written against vireo.nn as a user would. */
class MnistNet extends Module {
    final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 10, 5));
    final Conv2d conv2 = registerModule("conv2", new Conv2d(10, 20, 5));
    final Dropout2d conv2Drop = registerModule("conv2_drop", new Dropout2d());
    final Linear fc1 = registerModule("fc1", new Linear(320, 50));
    final Linear fc2 = registerModule("fc2", new Linear(50, 10));

    @Override
    public Tensor forward(Tensor x) {
        x = F.relu(F.maxPool2d(conv1.call(x), 2));
        x = F.relu(F.maxPool2d(conv2Drop.call(conv2.call(x)), 2));
        x = x.reshape(x.size(0), -1);
        x = F.relu(fc1.call(x));
        x = F.dropout(x, 0.5, isTraining());
        return F.logSoftmax(fc2.call(x), 1);
    }
}
