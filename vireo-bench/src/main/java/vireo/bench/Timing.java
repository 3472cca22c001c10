package vireo.bench;

/** Warm-up and timed repetitions of one step. */
public final class Timing {

    /**
     * Warm-up lasts at least this long (and at least one step): HotSpot compiles a hot loop only after thousands of
     * iterations, so one call of a short kernel may still have run in the interpreter.
     */
    static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int MAX_WARMUP_STEPS = 20;

    private Timing() {
    }

    /** Mean wall seconds per step over {@code reps} steps, after warming up. */
    public static double secondsPerStep(int reps, Runnable step) {
        if (reps <= 0) {
            throw new IllegalArgumentException("reps: expected a positive count, received " + reps);
        }
        long warmStart = System.nanoTime();
        int warm = 0;
        do {
            step.run();
            warm++;
        } while (warm < MAX_WARMUP_STEPS && System.nanoTime() - warmStart < WARMUP_NANOS);
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            step.run();
        }
        return (System.nanoTime() - t) / 1e9 / reps;
    }
}
