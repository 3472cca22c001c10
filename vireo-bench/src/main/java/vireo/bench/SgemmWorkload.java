package vireo.bench;

import java.util.Random;
import vireo.backend.Backend;
import vireo.backend.Backends;

/**
 * Square float32 matrix multiply {@code C = A B} through {@link Backend#sgemm}, like the peer's {@code a @ b}:
 * GFLOP/s counting {@code 2 n^3} flops, mean of {@code reps} repetitions after warm-up.
 *
 * <p>Shapes: A, B, C are {@code [n, n]}.
 */
public record SgemmWorkload(int n, int reps) implements Workload {

    public SgemmWorkload {
        if (n <= 0 || reps <= 0) {
            throw new IllegalArgumentException("sgemm workload: expected positive n and reps, received n=" + n
                    + " reps=" + reps);
        }
    }

    /** The peer's workload: 5 timed repetitions. */
    public SgemmWorkload(int n) {
        this(n, 5);
    }

    @Override
    public String name() {
        return "sgemm" + n;
    }

    @Override
    public Unit unit() {
        return Unit.GFLOPS;
    }

    @Override
    public double run() {
        var rnd = new Random(1);
        float[] a = Data.gaussian(rnd, n * n);
        float[] b = Data.gaussian(rnd, n * n);
        float[] c = new float[n * n];
        Backend be = Backends.current();
        double s = Timing.secondsPerStep(reps, () -> be.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false));
        return 2.0 * n * n * n / s / 1e9;
    }
}
