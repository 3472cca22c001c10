package vireo.tensor;

import vireo.backend.Parallel;

/** Process-wide settings: the default random generator and the compute thread count. */
public final class Vireo {

    private static final Generator DEFAULT = new Generator(67280421310721L);

    private Vireo() {
    }

    /** Seeds the default generator, like {@code torch.manual_seed}: the same seed repeats a run bit for bit. */
    public static void manualSeed(long seed) {
        DEFAULT.manualSeed(seed);
    }

    /** The generator used by {@code rand}, {@code randn}, dropout and initialisers when none is given. */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /** Number of compute threads (like {@code torch.set_num_threads}). */
    public static void setNumThreads(int n) {
        Parallel.setNumThreads(n);
    }

    public static int numThreads() {
        return Parallel.numThreads();
    }
}
