/**
 * The PyTorch face's building blocks: {@link vireo.nn.Module} (parameters, buffers and children registered by
 * name, so state-dict keys are PyTorch's), the layers, containers and loss criteria.
 *
 * <p>Layers hold state and validate their input, throwing {@link vireo.nn.InputShapeException} which
 * {@link vireo.nn.Module#call} locates by module path; the computation itself lives in
 * {@link vireo.nn.functional.F}. Lazy layers ({@link vireo.nn.LazyLinear}, {@link vireo.nn.LazyConv2d}) have no
 * parameters until their first forward: create optimizers after it.
 *
 * <p>May import {@code vireo.tensor}, {@code vireo.autograd} and the sibling {@code vireo.nn.*} packages; never
 * {@code vireo.data}, {@code vireo.io} or the Keras face.
 */
package vireo.nn;
