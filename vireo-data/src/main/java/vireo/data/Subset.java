package vireo.data;

import vireo.tensor.Generator;

/**
 * The samples of another data set at the given indices, like {@code torch.utils.data.Subset}.
 * Gathers whole batches when the parent can.
 */
public final class Subset<T> implements Dataset<T>, Gatherable {

    private final Dataset<T> parent;
    private final int[] indices;

    public Subset(Dataset<T> parent, int[] indices) {
        this.parent = parent;
        this.indices = indices.clone();
        int n = parent.size();
        for (int i : this.indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("Subset: index " + i + " is out of range for a parent of size " + n);
            }
        }
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        Dataset.checkIndex(this, index);
        return parent.get(indices[index]);
    }

    @Override
    public T get(int index, Generator random) {
        Dataset.checkIndex(this, index);
        return parent.get(indices[index], random);
    }

    /** True when batches can be gathered from the parent directly. */
    public boolean canGather() {
        return parent instanceof Gatherable g && (!(g instanceof Subset<?> s) || s.canGather());
    }

    @Override
    public Batch gather(int[] batchIndices) {
        if (!canGather()) {
            throw new UnsupportedOperationException("Subset.gather: the parent " + parent.getClass().getSimpleName()
                    + " cannot gather batches; check canGather() first");
        }
        int[] mapped = new int[batchIndices.length];
        for (int k = 0; k < mapped.length; k++) {
            Dataset.checkIndex(this, batchIndices[k]);
            mapped[k] = indices[batchIndices[k]];
        }
        return ((Gatherable) parent).gather(mapped);
    }

    public Dataset<T> parent() {
        return parent;
    }

    /** The parent indices (a copy). */
    public int[] indices() {
        return indices.clone();
    }
}
