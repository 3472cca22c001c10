package vireo.backend.simd;

/**
 * Per-thread scratch arrays for the convolution kernels, grown on demand and kept for the next call, so the hot
 * path allocates nothing once the largest geometry has been seen.
 *
 * <p>A buffer is only used between the start and the end of one kernel's work on one thread; the pool's threads
 * live as long as the pool, so each keeps one set of buffers.
 */
final class ConvWorkspace {

    private static final ThreadLocal<ConvWorkspace> LOCAL = ThreadLocal.withInitial(ConvWorkspace::new);

    private float[] columns = new float[0];
    private float[] partials = new float[0];
    private float[] outputs = new float[0];
    private float[] filters = new float[0];
    private float[] rows = new float[0];

    private ConvWorkspace() {
    }

    /** The calling thread's workspace. */
    static ConvWorkspace current() {
        return LOCAL.get();
    }

    /** A column (im2col) buffer of at least {@code size} floats; its contents are garbage. */
    float[] columns(int size) {
        if (columns.length < size) {
            columns = new float[size];
        }
        return columns;
    }

    /** A buffer for output columns staged before they are copied out, of at least {@code size} floats; garbage. */
    float[] outputs(int size) {
        if (outputs.length < size) {
            outputs = new float[size];
        }
        return outputs;
    }

    /** A buffer for a call's transformed filters ({@link WinogradConv2d}) of at least {@code size} floats; garbage. */
    float[] filters(int size) {
        if (filters.length < size) {
            filters = new float[size];
        }
        return filters;
    }

    /** A buffer for the staging rows of an input transform of at least {@code size} floats; garbage. */
    float[] rows(int size) {
        if (rows.length < size) {
            rows = new float[size];
        }
        return rows;
    }

    /** A buffer for per-task partial sums of at least {@code size} floats; its contents are garbage. */
    float[] partials(int size) {
        if (partials.length < size) {
            partials = new float[size];
        }
        return partials;
    }
}
