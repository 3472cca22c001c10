package vireo.tensor;

/**
 * A seeded source of random numbers (SplitMix64), like {@code torch.Generator}: the same seed gives the same
 * sequence on every machine, and the state can be saved and restored to resume a run bit for bit.
 *
 * <p>Not thread-safe: each data-loader worker gets its own generator derived from the loader's seed.
 */
public final class Generator {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Generator(long seed) {
        manualSeed(seed);
    }

    /** Resets the sequence to the one this seed starts. */
    public void manualSeed(long seed) {
        this.state = seed;
    }

    /** The whole internal state; {@link #setState} with this value continues the same sequence. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits, the float32 grid. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: expected a positive bound, received " + bound);
        }
        return (int) nextLong(bound);
    }

    /** Uniform long in [0, bound), without modulo bias. */
    public long nextLong(long bound) {
        long r = nextLong() >>> 1;
        long m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        long u = r;
        while (u - (r = u % bound) + m < 0) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** Standard normal sample (Box–Muller on two uniforms; one sample per call keeps the state simple to save). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A fresh generator whose sequence is independent of this one's (for workers, per epoch). */
    public Generator split() {
        return new Generator(nextLong());
    }
}
