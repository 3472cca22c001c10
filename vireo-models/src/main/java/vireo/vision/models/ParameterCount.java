package vireo.vision.models;

import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * Parameter counts as Keras's {@code model.summary()} and the usual PyTorch one-liners report them: each shared
 * tensor once, buffers (running statistics) not counted.
 */
public final class ParameterCount {

    private ParameterCount() {
    }

    /** {@code sum(p.numel() for p in model.parameters())}. */
    public static long total(Module module) {
        long n = 0;
        for (Tensor p : module.parameters()) {
            n += p.numel();
        }
        return n;
    }

    /** {@code sum(p.numel() for p in model.parameters() if p.requires_grad)}. */
    public static long trainable(Module module) {
        long n = 0;
        for (Tensor p : module.parameters()) {
            if (p.requiresGrad()) {
                n += p.numel();
            }
        }
        return n;
    }

    /** {@link #total} minus {@link #trainable}. */
    public static long frozen(Module module) {
        return total(module) - trainable(module);
    }
}
