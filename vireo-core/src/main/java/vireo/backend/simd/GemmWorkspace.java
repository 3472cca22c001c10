package vireo.backend.simd;

/**
 * Per-thread packing buffers, kept for the life of the thread so that GEMM calls allocate nothing in steady
 * state. The shared B slab belongs to the thread that calls {@link SimdGemm#sgemm} (pool workers fill it
 * in parallel, and the pool's hand-off, a loop's completion count, orders those writes before the reads); the A
 * micro-panel and the B block belong to whichever thread runs the micro-kernels.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> LOCAL = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] block = new float[0];
    /** Scratch for the accumulators of a partial micro-tile. */
    final float[] edge = new float[GemmKernel.MR * GemmKernel.NR];

    private GemmWorkspace() {
    }

    static GemmWorkspace get() {
        return LOCAL.get();
    }

    /** A buffer of at least {@code size} floats for one pre-broadcast A micro-panel. */
    float[] a(int size) {
        if (a.length < size) {
            a = new float[size];
        }
        return a;
    }

    /** A buffer of at least {@code size} floats for one {@code kc x NC} block of B that this thread packs and reads. */
    float[] block(int size) {
        if (block.length < size) {
            block = new float[size];
        }
        return block;
    }

    /** A buffer of at least {@code size} floats for a packed slab of B shared by the tasks of one product. */
    float[] b(int size) {
        if (b.length < size) {
            b = new float[size];
        }
        return b;
    }
}
