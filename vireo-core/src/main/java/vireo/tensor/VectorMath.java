package vireo.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float element-wise kernels on the Vector API, for the transcendental ops whose scalar loops call the
 * double-precision {@code Math.exp} one element at a time (sigmoid was a quarter of LeNet-5's training time).
 *
 * <p>Only {@link FastPointwise} calls this class, and only when the SIMD backend is current, so a JVM without
 * {@code --add-modules jdk.incubator.vector} never loads it. Results are float-accurate (the vector {@code EXP} is
 * within an ulp or two), not the correctly rounded double computation of the reference loops; the op harness
 * compares both against the float64 oracle.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    /**
     * {@code out[oo + i] = 1 / (1 + exp(-in[io + i]))} for {@code i < n}. Written as {@code 1 / (1 + e)} for
     * {@code x >= 0} and {@code e / (1 + e)} below, with {@code e = exp(-|x|) <= 1}, so that neither side overflows
     * and tiny results keep their relative precision.
     */
    static void sigmoid(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, io + i);
            FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            FloatVector d = e.add(1f);
            VectorMask<Float> negative = x.compare(VectorOperators.LT, 0f);
            FloatVector num = FloatVector.broadcast(S, 1f).blend(e, negative);
            num.div(d).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = sigmoid(in[io + i]);
        }
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
            FloatVector.fromArray(S, in, io + i).lanewise(VectorOperators.EXP).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (float) Math.exp(in[io + i]);
        }
    }

    /** {@code out[oo + i] = tanh(in[io + i])} for {@code i < n}. */
    static void tanh(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, in, io + i).lanewise(VectorOperators.TANH).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (float) Math.tanh(in[io + i]);
        }
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
}
