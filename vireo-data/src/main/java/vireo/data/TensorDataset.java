package vireo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vireo.tensor.Tensor;

/**
 * Tensors sharing dimension 0, one sample per row, like {@code torch.utils.data.TensorDataset}.
 *
 * <p>Shapes: each tensor is {@code [N, ...]}; sample {@code i} is the list of row views {@code t[i]}, and a
 * batch gathered by the loader is {@code [B, ...]} per tensor, built with one row copy per sample and field.
 *
 * <pre>{@code
 * var ds = new TensorDataset(images, labels);   // [N, 1, 28, 28] float32, [N] int64
 * var loader = DataLoader.builder(ds).batchSize(64).shuffle(true).seed(1).build();
 * }</pre>
 */
public final class TensorDataset implements Dataset<List<Tensor>>, Gatherable {

    private final List<Tensor> tensors;
    private final int size;

    public TensorDataset(Tensor... tensors) {
        this(List.of(tensors));
    }

    /** Views and non-contiguous tensors are copied once here, so that batches can be gathered by row copies. */
    public TensorDataset(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("TensorDataset: expected at least one tensor, received none");
        }
        int n = -1;
        List<Tensor> dense = new ArrayList<>(tensors.size());
        for (int k = 0; k < tensors.size(); k++) {
            Tensor t = tensors.get(k);
            if (t.dim() == 0) {
                throw new IllegalArgumentException("TensorDataset: tensor " + k + " is 0-d; every tensor needs a "
                        + "dimension 0 of samples");
            }
            if (n >= 0 && t.size(0) != n) {
                throw new IllegalArgumentException("TensorDataset: size mismatch between tensors: tensor 0 has "
                        + n + " rows, tensor " + k + " has shape " + Arrays.toString(t.shape()));
            }
            n = t.size(0);
            dense.add(Rows.dense(t.detach()));
        }
        this.tensors = List.copyOf(dense);
        this.size = n;
    }

    @Override
    public int size() {
        return size;
    }

    /** The row views {@code [t0[index], t1[index], ...]} (they share storage with the data set). */
    @Override
    public List<Tensor> get(int index) {
        Dataset.checkIndex(this, index);
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.select(0, index));
        }
        return out;
    }

    @Override
    public Batch gather(int[] indices) {
        for (int i : indices) {
            Dataset.checkIndex(this, i);
        }
        List<Tensor> fields = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            fields.add(Rows.gather(t, indices));
        }
        return new Batch(fields);
    }

    /** The tensors as stored (dense); shared, not copied. */
    public List<Tensor> tensors() {
        return tensors;
    }
}
