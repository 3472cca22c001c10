package vireo.vision.models;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import vireo.nn.BatchNorm;
import vireo.nn.Module;

/**
 * Freezing and unfreezing subtrees for transfer learning.
 *
 * <pre>{@code
 * ResNet net = ResNet.resnet50();
 * Freezing.freeze(net, BatchNormMode.EVAL);     // backbone: no gradients, batch norm on running statistics
 * net.setFc(new Linear(2048, 2));               // the new head is trainable
 * net.train();                                  // the head trains; the frozen batch norms stay in eval mode
 * }</pre>
 *
 * <p>With {@link BatchNormMode#EVAL} the frozen batch norms are put in evaluation mode and remembered as pinned.
 * {@code Module.train()} sets every descendant's mode directly, so a pinned batch norm stays in evaluation mode only
 * when training mode is set through {@link #train(Module, boolean)}, or through {@code train()} on a
 * {@link ResNet} or {@link VGG} (which re-pin after switching); {@code train()} on some other enclosing module
 * switches them back to batch statistics.
 */
public final class Freezing {

    // Weak, so that freezing a model does not keep it alive; Module keeps identity equality.
    private static final Set<BatchNorm> PINNED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

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
                if (m instanceof BatchNorm bn) {
                    bn.eval();
                    PINNED.add(bn);
                }
            }
        }
        return module;
    }

    /**
     * Makes every parameter of the subtree trainable again and releases its pinned batch norms, which take the
     * subtree root's current mode.
     */
    public static <M extends Module> M unfreeze(M module) {
        module.requiresGrad(true);
        for (Module m : module.modules()) {
            if (m instanceof BatchNorm bn && PINNED.remove(bn)) {
                bn.train(module.isTraining());
            }
        }
        return module;
    }

    /** True when {@code bn} was frozen with {@link BatchNormMode#EVAL} and not unfrozen since. */
    public static boolean isPinned(BatchNorm bn) {
        return PINNED.contains(bn);
    }

    /** {@code root.train(mode)}, then the pinned batch norms below {@code root} back to evaluation mode. */
    public static <M extends Module> M train(M root, boolean mode) {
        root.train(mode);
        restorePinnedNorms(root);
        return root;
    }

    /** Puts the pinned batch norms of the subtree back in evaluation mode (after a {@code train()}). */
    static void restorePinnedNorms(Module root) {
        if (PINNED.isEmpty()) {
            return;
        }
        for (Module m : root.modules()) {
            if (m instanceof BatchNorm bn && PINNED.contains(bn)) {
                bn.eval();
            }
        }
    }
}
