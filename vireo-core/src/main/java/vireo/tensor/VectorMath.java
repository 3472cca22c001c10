package vireo.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float element-wise kernels on the Vector API, for the transcendental ops whose scalar loops call the
 * double-precision {@code Math.exp} one element at a time (sigmoid was a quarter of LeNet-5's training time).
 *
 * <p>Only {@link FastPointwise} calls this class, and only when the SIMD backend is current, so a JVM without
 * {@code --add-modules jdk.incubator.vector} never loads it. Results are float-accurate (within an ulp or two), not
 * the correctly rounded double computation of the reference loops; the op harness compares both against the float64
 * oracle.
 *
 * <p>{@code exp} and {@code tanh} are written out (Cephes' polynomials) with only {@code +}, {@code *}, {@code fma} and
 * bit moves rather than the Vector API's {@code EXP}/{@code TANH}: those are intrinsified with a different algorithm
 * than their interpreted fallback, so results would depend on when the JIT compiled the loop, and a seeded training
 * run would not repeat bit for bit. For the same reason the scalar twins that stand in for a kernel while the JIT
 * warms up ({@link #sigmoidLane}, {@link #expLane}) repeat its operations lane by lane and give the same bits.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Doubles per vector, and floats loaded at half that width so that they widen into one double vector. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));

    private VectorMath() {
    }

    /**
     * {@code out[oo + i] = 1 / (1 + exp(-in[io + i]))} for {@code i < n}. Written as {@code 1 / (1 + e)} for
     * {@code x >= 0} and {@code e / (1 + e)} below, with {@code e = exp(-|x|) <= 1}, so that neither side overflows
     * and tiny results keep their relative precision.
     */
    static void sigmoid(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (!sigmoidCompiled) {
            i = sigmoidWhileWarming(in, io, out, oo, bound);
        }
        for (; i < bound; i += S.length()) {
            sigmoidVector(in, io + i, out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = sigmoid(in[io + i]);
        }
    }

    /**
     * Set once {@link #sigmoidVector} runs at compiled speed. Until C2 has compiled it, a vector there costs
     * hundreds of times its scalar twin (the interpreter and C1 do not intrinsify the Vector API; LeNet-5's first
     * sigmoid, 301,056 elements, took 0.4-0.6 s), and C2 compiles it only after thousands of calls.
     */
    private static volatile boolean sigmoidCompiled;
    /** While warming, one vector in this many goes through {@link #sigmoidVector}, so that it gets compiled. */
    private static final int WARM_STRIDE = 16;
    /** Warming calls timed together, and their mean time below which {@link #sigmoidVector} counts as compiled. */
    private static final int PROBE_CALLS = 16;
    private static final long COMPILED_NANOS = 200; // compiled: ~50 with the clock reads; C1: microseconds

    /**
     * {@link #sigmoid(float[], int, float[], int, int)}'s first {@code bound} elements (whole vectors) while
     * {@link #sigmoidVector} may still be interpreted: every {@link #WARM_STRIDE}-th vector through it, timed, the
     * others through the scalar twin, which gives the same bits, so the results never depend on the JIT's progress.
     * Returns how far it went: {@code bound}, or less where the vector kernel proved compiled and takes the rest.
     */
    private static int sigmoidWhileWarming(float[] in, int io, float[] out, int oo, int bound) {
        long nanos = 0;
        int calls = 0;
        int i = 0;
        for (; i < bound; i += S.length()) {
            if ((i / S.length()) % WARM_STRIDE != 0) {
                for (int j = i; j < i + S.length(); j++) {
                    out[oo + j] = sigmoidLane(in[io + j]);
                }
                continue;
            }
            long t = System.nanoTime();
            sigmoidVector(in, io + i, out, oo + i);
            nanos += System.nanoTime() - t;
            if (++calls == PROBE_CALLS) {
                if (nanos < calls * COMPILED_NANOS) {
                    sigmoidCompiled = true;
                    return i + S.length();
                }
                nanos = 0;
                calls = 0;
            }
        }
        return i;
    }

    /**
     * One vector of {@link #sigmoid(float[], int, float[], int, int)}: a method of its own, over arrays and offsets,
     * so that C2 compiles it (fully intrinsified) after enough calls even while the loop that calls it has not been.
     */
    static void sigmoidVector(float[] in, int io, float[] out, int oo) {
        FloatVector x = FloatVector.fromArray(S, in, io);
        FloatVector e = exp(x.abs().neg());
        FloatVector d = e.add(1f);
        VectorMask<Float> negative = x.compare(VectorOperators.LT, 0f);
        FloatVector num = FloatVector.broadcast(S, 1f).blend(e, negative);
        num.div(d).intoArray(out, oo);
    }

    /** One lane of {@link #sigmoidVector}, operation for operation, so with the same bits. */
    static float sigmoidLane(float x) {
        float e = expLane(-Math.abs(x));
        return (x < 0f ? e : 1f) / (e + 1f);
    }

    /** The scalar form of {@link #sigmoid(float[], int, float[], int, int)}, for the tail. */
    static float sigmoid(float x) {
        float e = (float) Math.exp(-Math.abs(x));
        return (x < 0f ? e : 1f) / (1f + e);
    }

    /** {@code out[oo + i] = exp(in[io + i])} for {@code i < n}. */
    static void exp(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            exp(FloatVector.fromArray(S, in, io + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (float) Math.exp(in[io + i]);
        }
    }

    /** {@code out[oo + i] = tanh(in[io + i])} for {@code i < n}. */
    static void tanh(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            tanh(FloatVector.fromArray(S, in, io + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (float) Math.tanh(in[io + i]);
        }
    }

    private static final float EXP_HI = 88.72283f;  // above: +inf
    private static final float EXP_LO = -103.97208f; // below: 0
    private static final float ROUND = 12582912f;    // 1.5 * 2^23: adding and subtracting it rounds to an integer

    /** Cephes' expf: {@code 2^n · p(r)} with {@code r = x − n·ln 2}; {@code 2^n} applied in two halves for subnormals. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector n = xc.fma(1.44269504088896341f, ROUND).sub(ROUND);
        FloatVector r = n.fma(c(-0.693359375f), xc);
        r = n.fma(c(2.12194440e-4f), r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f)
                .fma(r, c(1.3981999507e-3f))
                .fma(r, c(8.3334519073e-3f))
                .fma(r, c(4.1665795894e-2f))
                .fma(r, c(1.6666665459e-1f))
                .fma(r, c(5.0000001201e-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = k.sub(k1);
        y = y.mul(k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI))
                .blend(0f, x.compare(VectorOperators.LT, EXP_LO));
    }

    /** One lane of {@link #exp(FloatVector)}, operation for operation (same constants, order and fused steps). */
    static float expLane(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float n = Math.fma(xc, 1.44269504088896341f, ROUND) - ROUND;
        float r = Math.fma(n, -0.693359375f, xc);
        r = Math.fma(n, 2.12194440e-4f, r);
        float p = Math.fma(1.9875691500e-4f, r, 1.3981999507e-3f);
        p = Math.fma(p, r, 8.3334519073e-3f);
        p = Math.fma(p, r, 4.1665795894e-2f);
        p = Math.fma(p, r, 1.6666665459e-1f);
        p = Math.fma(p, r, 5.0000001201e-1f);
        float y = Math.fma(p, r * r, r) + 1f;
        int k = (int) n;
        int k1 = k >> 1;
        int k2 = k - k1;
        y = y * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k2 + 127) << 23);
        if (x > EXP_HI) {
            y = Float.POSITIVE_INFINITY;
        }
        if (x < EXP_LO) {
            y = 0f;
        }
        return y;
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** Cephes' tanhf: an odd polynomial below 0.625, {@code 1 − 2/(e^{2|x|} + 1)} (with the sign) above. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = FloatVector.broadcast(S, -5.70498872745e-3f)
                .fma(z, c(2.06390887954e-2f))
                .fma(z, c(-5.37397155531e-2f))
                .fma(z, c(1.33314422036e-1f))
                .fma(z, c(-3.33332819422e-1f))
                .mul(z).fma(x, x);
        FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(1f)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        return small.blend(big, a.compare(VectorOperators.GE, 0.625f));
    }

    /**
     * {@code out[oo + i] = max(in[io + i], 0)} for {@code i < n}, NaN kept. The scalar loop's branch on the sign
     * mispredicts half the time on activations, which made ReLU cost as much as a convolution's packing.
     */
    static void relu(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, io + i);
            // The compare is false for NaN, so NaN lanes pass through; -0 becomes 0 like the reference loop.
            x.blend(0f, x.compare(VectorOperators.LE, 0f)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            float v = in[io + i];
            out[oo + i] = v <= 0f ? 0f : v;
        }
    }

    /** {@code out[oo + i] = y[yo + i] > 0 ? g[go + i] : 0} for {@code i < n}: ReLU's backward from its output. */
    static void reluBackward(float[] y, int yo, float[] g, int go, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + i);
            FloatVector gv = FloatVector.fromArray(S, g, go + i);
            gv.blend(0f, yv.compare(VectorOperators.GT, 0f).not()).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = y[yo + i] > 0f ? g[go + i] : 0f;
        }
    }

    /*
     * Sums in double, as the scalar loops of batch normalisation do, but lane by lane in two accumulators (a
     * scalar double sum waits for each add's latency: 4 cycles an element); the lanes, then the tail, are added at
     * the end, so the order depends on n alone.
     */

    /** {@code sum of a[off + i]} for {@code i < n}, in double. */
    static double sum(float[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int step = D.length();
        int i = 0;
        for (int bound = n - 2 * step; i <= bound; i += 2 * step) {
            s0 = s0.add(widen(a, off + i));
            s1 = s1.add(widen(a, off + i + step));
        }
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[off + i];
        }
        return sum;
    }

    /** {@code sum of (a[off + i] - mean)^2} for {@code i < n}, in double. */
    static double sumSquaredDeviations(float[] a, int off, int n, double mean) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector m = DoubleVector.broadcast(D, mean);
        int step = D.length();
        int i = 0;
        for (int bound = n - 2 * step; i <= bound; i += 2 * step) {
            DoubleVector d0 = widen(a, off + i).sub(m);
            DoubleVector d1 = widen(a, off + i + step).sub(m);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double d = a[off + i] - mean;
            sum += d * d;
        }
        return sum;
    }

    /** {@code sum of g[go + i] * (x[xo + i] - mean)} for {@code i < n}, in double. */
    static double sumProductsWithDeviations(float[] g, int go, float[] x, int xo, int n, double mean) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector m = DoubleVector.broadcast(D, mean);
        int step = D.length();
        int i = 0;
        for (int bound = n - 2 * step; i <= bound; i += 2 * step) {
            s0 = widen(g, go + i).fma(widen(x, xo + i).sub(m), s0);
            s1 = widen(g, go + i + step).fma(widen(x, xo + i + step).sub(m), s1);
        }
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += g[go + i] * (x[xo + i] - mean);
        }
        return sum;
    }

    /** {@code D.length()} floats from {@code a[at]}, widened to doubles. */
    private static DoubleVector widen(float[] a, int at) {
        return (DoubleVector) FloatVector.fromArray(HALF, a, at).convertShape(VectorOperators.F2D, D, 0);
    }
}
