/**
 * Weight initialisers with {@code torch.nn.init}'s formulas ({@link vireo.nn.init.Init}): they fill existing
 * tensors in place from the default generator, so {@code Vireo.manualSeed} makes model creation repeatable.
 *
 * <p>May import {@code vireo.tensor} and {@code vireo.autograd} only.
 */
package vireo.nn.init;
