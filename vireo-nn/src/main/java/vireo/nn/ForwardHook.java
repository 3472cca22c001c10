package vireo.nn;

import vireo.tensor.Tensor;

/**
 * Observes a module's forward pass, like PyTorch's {@code register_forward_hook}: called by {@link Module#call}
 * after {@link Module#forward} returns, with the module, its input and its output. Used to trace a model (output
 * shapes per layer for a summary, activation statistics); it sees tensors and must not change them.
 */
@FunctionalInterface
public interface ForwardHook {

    /** Called after {@code module.forward(input)} returned {@code output}. */
    void afterForward(Module module, Tensor input, Tensor output);

    /** Removes the hook it was returned for; closing it twice is harmless. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
