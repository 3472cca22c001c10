/**
 * Stateless functions with {@code torch.nn.functional}'s names and formulas ({@link vireo.nn.functional.F}):
 * activations, linear/convolution/pooling/normalisation/dropout wrappers over {@code vireo.tensor.NNOps}, and the
 * losses, composed from differentiable tensor ops so autograd needs no special cases.
 *
 * <p>May import {@code vireo.tensor} and {@code vireo.autograd} only.
 */
package vireo.nn.functional;
