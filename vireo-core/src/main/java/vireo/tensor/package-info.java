/**
 * Tensors: float32/int64/bool arrays with shape, strides and offset (views share storage), NumPy broadcasting,
 * and every op with its derivative rule beside its forward code.
 *
 * <p>{@link vireo.tensor.Tensor} is the one facade users touch; package-private classes ({@code Pointwise},
 * {@code Reductions}, {@code Views}, {@code Linalg}, {@code Indexing}, {@code BatchNormOp}) hold the work, and
 * {@link vireo.tensor.NNOps} exposes the neural-network primitives. Heavy kernels (GEMM, convolution, pooling) run
 * on whichever backend {@link vireo.backend.Backends} chose. May import: {@code vireo.autograd}, {@code vireo.backend}, the JDK.
 */
package vireo.tensor;
