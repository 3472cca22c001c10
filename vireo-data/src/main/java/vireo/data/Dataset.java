package vireo.data;

import vireo.tensor.Generator;

/**
 * A finite, indexable collection of samples, like {@code torch.utils.data.Dataset} (map style).
 *
 * <p>Implementations must allow {@link #get} from several threads at once: a {@link DataLoader} with workers
 * calls it concurrently. Random augmentation belongs in {@link #get(int, Generator)}, which the loader calls with
 * a generator derived from (seed, epoch, index) so that results do not depend on which worker ran the sample.
 *
 * <pre>{@code
 * Dataset<List<Tensor>> ds = new TensorDataset(x, y);
 * List<Tensor> first = ds.get(0);   // [x[0], y[0]]
 * }</pre>
 *
 * @param <T> the sample type ({@code List<Tensor>} for tensor data sets)
 */
public interface Dataset<T> {

    /** Number of samples. */
    int size();

    /** The sample at {@code index}, {@code 0 <= index < size()}. */
    T get(int index);

    /**
     * The sample at {@code index}, drawing any randomness from {@code random} (a generator private to this call).
     * The default ignores the generator; data sets with random augmentation override it.
     */
    default T get(int index, Generator random) {
        return get(index);
    }

    /** Checks {@code index} against {@code size()} with a message naming both. */
    static void checkIndex(Dataset<?> dataset, int index) {
        int n = dataset.size();
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(dataset.getClass().getSimpleName() + ": index " + index
                    + " is out of range for a data set of size " + n);
        }
    }
}
