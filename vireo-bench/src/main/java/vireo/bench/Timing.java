package vireo.bench;

/** Warm-up and timed repetitions of one step. */
public final class Timing {

    /**
     * Warm-up: the first step, then steps for at least this long after it (at most {@link #MAX_WARMUP_STEPS} in all).
     * HotSpot compiles a hot loop only after thousands of iterations, so a short kernel's first calls run in the
     * interpreter; and the first step alone can take longer than this (the seed CNN's convolution, forward and
     * backward: 1.1 s, then ten steps of 50-70 ms before the compiled 35 ms), so its time does not count.
     */
    static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int MAX_WARMUP_STEPS = 20;

    private Timing() {
    }

    /** Mean wall seconds per step over {@code reps} steps, after warming up. */
    public static double secondsPerStep(int reps, Runnable step) {
        return secondsPerStep(reps, step, WARMUP_NANOS);
    }

    static double secondsPerStep(int reps, Runnable step, long warmupNanos) {
        if (reps <= 0) {
            throw new IllegalArgumentException("reps: expected a positive count, received " + reps);
        }
        step.run();
        long warmStart = System.nanoTime();
        int warm = 1;
        do {
            step.run();
            warm++;
        } while (warm < MAX_WARMUP_STEPS && System.nanoTime() - warmStart < warmupNanos);
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            step.run();
        }
        return (System.nanoTime() - t) / 1e9 / reps;
    }
}
