package vireo.data;

/**
 * A data set that builds a whole batch directly, with one gather per field instead of one tensor per sample.
 *
 * <p>The {@link DataLoader} uses it when no custom collate function is set: at thousands of small images per
 * second, allocating and stacking per-sample tensors costs more than the copy itself. The result must equal
 * stacking {@code get(i)} for each index.
 */
public interface Gatherable {

    /** The samples at {@code indices}, in that order, stacked along a new dimension 0. */
    Batch gather(int[] indices);
}
