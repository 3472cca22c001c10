package vireo.tensor;

import vireo.backend.Backends;

/**
 * Decides whether an element-wise op may take a {@link VectorMath} kernel: only while a non-reference backend
 * (the SIMD one) is current, so that {@code Backends.use(Backends.reference())} still gives the plain
 * double-precision loops that tests treat as the reference, and a JVM without the Vector API never loads the
 * vector classes.
 */
final class FastPointwise {

    private static final boolean VECTOR_API = Backends.vectorApiPresent();

    private FastPointwise() {
    }

    /** True when the vector kernels should be used now. */
    static boolean enabled() {
        return VECTOR_API && Backends.current() != Backends.reference();
    }
}
