package vireo.vision.models;

import vireo.nn.BatchNorm;
import vireo.nn.Module;

/**
 * Freezing and unfreezing subtrees for transfer learning.
 *
 * <pre>{@code
 * ResNet net = ResNet.resnet50();
 * Freezing.freeze(net, BatchNormMode.EVAL);     // backbone: no gradients, batch norm on running statistics
 * net.setFc(new Linear(2048, 2));               // the new head is trainable
 * net.train();                                  // the head trains; the frozen batch norms keep their statistics
 * }</pre>
 *
 * <p>With {@link BatchNormMode#EVAL} each frozen batch norm is pinned to its running statistics
 * ({@link BatchNorm#freezeStatistics}), so {@code train()} on any enclosing module leaves it in inference mode — the
 * explicit choice the tutorials make. With {@link BatchNormMode#FOLLOW} batch norms follow the module's mode as in
 * plain PyTorch ({@code requires_grad=False} alone does not change how batch norm normalises).
 */
public final class Freezing {

    private Freezing() {
    }

    /** Stops gradients for every parameter of {@code module}'s subtree and treats its batch norms as {@code mode} says. */
    public static <M extends Module> M freeze(M module, BatchNormMode mode) {
        if (module == null || mode == null) {
            throw new IllegalArgumentException("Freezing.freeze: expected a module and a BatchNormMode, received "
                    + module + " and " + mode);
        }
        module.requiresGrad(false);
        if (mode == BatchNormMode.EVAL) {
            for (Module m : module.modules()) {
                if (m instanceof BatchNorm bn && bn.runningMean() != null) {
                    bn.freezeStatistics(true);
                }
            }
        }
        return module;
    }

    /** Makes every parameter of the subtree trainable again and releases its batch norms' statistics. */
    public static <M extends Module> M unfreeze(M module) {
        module.requiresGrad(true);
        for (Module m : module.modules()) {
            if (m instanceof BatchNorm bn) {
                bn.freezeStatistics(false);
            }
        }
        return module;
    }
}
