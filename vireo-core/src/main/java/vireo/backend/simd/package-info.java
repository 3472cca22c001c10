/**
 * Vector API kernels. Loaded reflectively, and only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, so that Vireo works (on the reference kernels) without it.
 */
package vireo.backend.simd;
