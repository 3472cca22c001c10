package vireo.data;

import java.util.List;
import vireo.tensor.Generator;

/** Data sets one after another, like {@code torch.utils.data.ConcatDataset}. */
public final class ConcatDataset<T> implements Dataset<T> {

    private final List<Dataset<? extends T>> parts;
    private final long[] ends; // cumulative sizes

    public ConcatDataset(List<? extends Dataset<? extends T>> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("ConcatDataset: expected at least one data set, received none");
        }
        this.parts = List.copyOf(parts);
        this.ends = new long[parts.size()];
        long total = 0;
        for (int k = 0; k < parts.size(); k++) {
            total += parts.get(k).size();
            ends[k] = total;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ConcatDataset: " + total + " samples in all, more than an int index holds");
        }
    }

    @Override
    public int size() {
        return (int) ends[ends.length - 1];
    }

    @Override
    public T get(int index) {
        return get(index, null);
    }

    @Override
    public T get(int index, Generator random) {
        Dataset.checkIndex(this, index);
        int k = 0;
        while (index >= ends[k]) {
            k++;
        }
        int local = (int) (index - (k == 0 ? 0 : ends[k - 1]));
        return random == null ? parts.get(k).get(local) : parts.get(k).get(local, random);
    }
}
