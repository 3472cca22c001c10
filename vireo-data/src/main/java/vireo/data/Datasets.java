package vireo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

/** Operations over data sets: {@link #randomSplit}. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Splits into non-overlapping subsets of the given sizes, like {@code torch.utils.data.random_split}: one
     * random permutation of all indices, then consecutive chunks. The same generator state gives the same split.
     *
     * <pre>{@code
     * var parts = Datasets.randomSplit(train, new int[]{55000, 5000}, new Generator(42));
     * }</pre>
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
        long sum = 0;
        for (int len : lengths) {
            if (len < 0) {
                throw new IllegalArgumentException("randomSplit: lengths must be non-negative, received "
                        + Arrays.toString(lengths));
            }
            sum += len;
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: the lengths " + Arrays.toString(lengths) + " sum to "
                    + sum + ", but the data set has " + dataset.size() + " samples");
        }
        long[] perm = Tensor.randperm(generator, dataset.size()).longs();
        List<Subset<T>> out = new ArrayList<>(lengths.length);
        int start = 0;
        for (int len : lengths) {
            int[] idx = new int[len];
            for (int i = 0; i < len; i++) {
                idx[i] = (int) perm[start + i];
            }
            out.add(new Subset<>(dataset, idx));
            start += len;
        }
        return out;
    }

    /**
     * Splits by fractions that sum to 1, as PyTorch does: each part gets {@code floor(f * n)} samples and the
     * remainder goes one by one to the parts in order, starting with the first.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        return randomSplit(dataset, lengthsOf(fractions, dataset.size()), generator);
    }

    /** The subset sizes PyTorch derives from {@code fractions} for {@code n} samples. */
    public static int[] lengthsOf(double[] fractions, int n) {
        double total = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("randomSplit: fractions must lie in [0, 1], received "
                        + Arrays.toString(fractions));
            }
            total += f;
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new IllegalArgumentException("randomSplit: fractions must sum to 1, received "
                    + Arrays.toString(fractions) + " (sum " + total + ")");
        }
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length) {
            lengths[i]++;
            assigned++;
        }
        return lengths;
    }
}
