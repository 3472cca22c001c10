package vireo.io.torch;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view ({@code offset}, {@code size},
 * {@code stride}, in elements) of a storage whose bytes are read only after the whole pickle has been accepted.
 * Compared by identity, so two equal views in one file stay two entries.
 */
final class TensorRef {

    final StorageRef storage;
    final long offset;
    final long[] size;
    final long[] stride;

    TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
        this.storage = storage;
        this.offset = offset;
        this.size = size;
        this.stride = stride;
    }
}
