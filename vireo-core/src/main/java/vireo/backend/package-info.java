/**
 * The compute SPI and its two implementations: the reference backend (plain loops, the oracle in tests) and the
 * SIMD backend in {@code vireo.backend.simd} (Vector API, packed GEMM, multithreaded over {@link vireo.backend.Parallel}).
 * The Vector API never appears in a public signature, and nothing outside this package names a concrete backend.
 * May import: the JDK only ({@code jdk.incubator.vector} inside {@code simd}).
 */
package vireo.backend;
