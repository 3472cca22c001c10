package vireo.nn;

import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/**
 * A loss criterion, PyTorch's {@code nn.*Loss}: configured once, then called with a prediction and a target.
 * Losses take two inputs, so they are not {@link Module}s; they carry no trainable state.
 *
 * <pre>{@code
 * var criterion = new CrossEntropyLoss().labelSmoothing(0.1);
 * Tensor loss = criterion.call(model.call(x), y);
 * }</pre>
 */
public abstract class Loss {

    Reduction reduction = Reduction.MEAN;

    /** Shapes: see each loss. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Same as {@link #forward}, named like a module call. */
    public final Tensor call(Tensor input, Tensor target) {
        return forward(input, target);
    }

    public Reduction reduction() {
        return reduction;
    }

    /** The printed settings, as PyTorch's {@code extra_repr}. */
    public String extraRepr() {
        return "";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + extraRepr() + ")";
    }
}
