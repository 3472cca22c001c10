package vireo.bench;

import vireo.nn.Conv2d;
import vireo.nn.Dropout2d;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * The peer script's {@code Net}: PyTorch's MNIST example network, but returning the raw {@code fc2} output (no
 * log-softmax), trained with cross-entropy. {@code vireo.vision.models.MnistNet} ends in log-softmax and is trained
 * with NLL, which is the same loss; this copy mirrors the peer op for op so that both sides time the same work.
 *
 * <p>Shapes: input {@code [N, 1, 28, 28]}, output logits {@code [N, 10]}.
 */
final class PeerNet extends Module {

    private final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 10, 5));
    private final Conv2d conv2 = registerModule("conv2", new Conv2d(10, 20, 5));
    private final Dropout2d drop = registerModule("drop", new Dropout2d());
    private final Linear fc1 = registerModule("fc1", new Linear(320, 50));
    private final Linear fc2 = registerModule("fc2", new Linear(50, 10));

    @Override
    public Tensor forward(Tensor x) {
        x = F.relu(F.maxPool2d(conv1.call(x), 2));
        x = F.relu(F.maxPool2d(drop.call(conv2.call(x)), 2));
        x = F.relu(fc1.call(x.view(-1, 320)));
        x = F.dropout(x, 0.5, isTraining());
        return fc2.call(x);
    }
}
