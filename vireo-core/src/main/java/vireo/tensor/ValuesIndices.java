package vireo.tensor;

/** A pair of float values and their int64 positions, as PyTorch's {@code (values, indices)} named tuple. */
public record ValuesIndices(Tensor values, Tensor indices) {
}
