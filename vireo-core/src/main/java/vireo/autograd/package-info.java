/**
 * Reverse-mode automatic differentiation: {@link vireo.autograd.Node} records an op and its rule,
 * {@link vireo.autograd.Engine} walks the graph iteratively (no recursion, so depth is unbounded), and
 * {@link vireo.autograd.GradMode} switches recording off per thread. May import: {@code vireo.tensor}, the JDK.
 */
package vireo.autograd;
