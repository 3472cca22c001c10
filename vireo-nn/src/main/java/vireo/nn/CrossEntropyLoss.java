package vireo.nn;

import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/**
 * Cross entropy of logits, PyTorch's {@code nn.CrossEntropyLoss} (log-softmax + NLL): pass raw scores, not
 * softmax outputs. Defaults: no class weight, {@code ignoreIndex = -100}, {@code MEAN}, no label smoothing.
 *
 * <p>Shapes: input {@code [N, C]} (or {@code [N, C, d1, ...]}, or {@code [C]}); target int64 class indices
 * {@code [N]} ({@code [N, d1, ...]}) or float32 class probabilities of the input's shape.
 *
 * <pre>{@code
 * var criterion = new CrossEntropyLoss().weight(Tensor.of(1f, 2f, 1f)).reduction(Reduction.SUM);
 * }</pre>
 */
public class CrossEntropyLoss extends Loss {

    private Tensor weight;
    private long ignoreIndex = F.IGNORE_INDEX;
    private double labelSmoothing;

    /** Per-class weights {@code [C]}; with {@code MEAN} the sum divides by the total weight of the targets. */
    public CrossEntropyLoss weight(Tensor w) {
        this.weight = w;
        return this;
    }

    /** Targets equal to this index add nothing to the loss or to the mean's denominator. */
    public CrossEntropyLoss ignoreIndex(long index) {
        this.ignoreIndex = index;
        return this;
    }

    public CrossEntropyLoss reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    /** Mixes the target with the uniform distribution: {@code (1−ε)·target + ε/C}. */
    public CrossEntropyLoss labelSmoothing(double epsilon) {
        if (epsilon < 0 || epsilon > 1) {
            throw new IllegalArgumentException("CrossEntropyLoss: labelSmoothing must be between 0.0 and 1.0, received "
                    + epsilon);
        }
        this.labelSmoothing = epsilon;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }
}
