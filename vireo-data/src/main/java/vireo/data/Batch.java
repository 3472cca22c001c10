package vireo.data;

import java.util.List;
import vireo.tensor.Tensor;

/**
 * One collated batch: a list of fields whose dimension 0 is the batch, usually (input, target).
 *
 * <p>Shapes: every field is {@code [B, ...]} with the same {@code B}.
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     Tensor loss = F.nllLoss(model.forward(b.input()), b.target());
 * }
 * }</pre>
 */
public record Batch(List<Tensor> fields) {

    public Batch {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("Batch: expected at least one field, received none");
        }
        fields = List.copyOf(fields);
    }

    /** A two-field batch. */
    public static Batch of(Tensor input, Tensor target) {
        return new Batch(List.of(input, target));
    }

    /** Field 0. */
    public Tensor input() {
        return fields.get(0);
    }

    /** Field 1; fails on a one-field batch. */
    public Tensor target() {
        if (fields.size() < 2) {
            throw new IllegalStateException("Batch.target: this batch has only " + fields.size()
                    + " field (an unlabelled data set?)");
        }
        return fields.get(1);
    }

    public Tensor field(int i) {
        return fields.get(i);
    }

    /** Number of samples, the size of dimension 0 of the first field. */
    public int size() {
        Tensor t = fields.get(0);
        return t.dim() == 0 ? 1 : t.size(0);
    }
}
