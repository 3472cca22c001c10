package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import vireo.backend.Backends;

class VectorMathTest {

    /** Wide and extreme arguments, an odd count so that the scalar tail runs too. */
    private static float[] arguments() {
        var rnd = new Random(7);
        float[] x = new float[4099];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * (i % 3 == 0 ? 30 : 3));
        }
        float[] special = {0f, -0f, 1e-30f, -1e-30f, 80f, -80f, 88f, -88f, 100f, -100f, 103f, -103f, 1e4f, -1e4f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE};
        System.arraycopy(special, 0, x, 1, special.length);
        return x;
    }

    /** Every result within {@code ulps} float ulps of the correctly rounded float64 value (NaN where it is NaN). */
    private static void check(String op, float[] x, float[] got, DoubleUnaryOperator exact, int ulps) {
        for (int i = 0; i < x.length; i++) {
            float want = (float) exact.applyAsDouble(x[i]);
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(got[i]), op + "(" + x[i] + "): expected NaN, received " + got[i]);
                continue;
            }
            // Results below the normal range are compared absolutely, a few of the smallest subnormals apart.
            float tol = Math.max(ulps * Math.ulp(want), 4 * Float.MIN_VALUE);
            assertTrue(Math.abs(got[i] - want) <= tol || got[i] == want,
                    op + "(" + x[i] + "): expected " + want + ", received " + got[i]);
        }
    }

    @Test
    void sigmoidExpAndTanhAreFloatAccurateIncludingTheTails() {
        float[] x = arguments();
        float[] out = new float[x.length + 3];
        VectorMath.sigmoid(x, 0, out, 3, x.length);
        check("sigmoid", x, java.util.Arrays.copyOfRange(out, 3, out.length), v -> 1 / (1 + Math.exp(-v)), 4);
        float[] y = new float[x.length];
        VectorMath.exp(x, 0, y, 0, x.length);
        check("exp", x, y, Math::exp, 2);
        VectorMath.tanh(x, 0, y, 0, x.length);
        check("tanh", x, y, Math::tanh, 2);
    }

    /**
     * The scalar twins that stand in for the vector kernels while the JIT warms up must give the same bits, or a
     * seeded run would depend on when C2 compiled them.
     */
    @Test
    void theScalarTwinsGiveTheVectorKernelsBitsOnEveryLane() {
        float[] x = arguments();
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        int whole = x.length / lanes * lanes;
        float[] e = new float[x.length];
        VectorMath.exp(x, 0, e, 0, whole);
        float[] s = new float[x.length];
        for (int i = 0; i < whole; i += lanes) {
            VectorMath.sigmoidVector(x, i, s, i);
        }
        for (int i = 0; i < whole; i++) {
            assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(VectorMath.expLane(x[i])), "exp(" + x[i] + ")");
            assertEquals(Float.floatToIntBits(s[i]), Float.floatToIntBits(VectorMath.sigmoidLane(x[i])),
                    "sigmoid(" + x[i] + ")");
        }
    }

    @Test
    void reluAndItsBackwardMatchTheReferenceLoopsBitForBit() {
        float[] x = arguments();
        float[] y = new float[x.length];
        VectorMath.relu(x, 0, y, 0, x.length);
        float[] g = new float[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = i - 17.5f;
        }
        float[] gx = new float[x.length];
        VectorMath.reluBackward(y, 0, g, 0, gx, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            float want = v > 0f ? v : (Float.isNaN(v) ? v : 0f);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), "relu(" + v + ")");
            assertEquals(Float.floatToIntBits(want > 0f ? g[i] : 0f), Float.floatToIntBits(gx[i]),
                    "relu backward at " + v);
        }
    }

    @Test
    void readsAndWritesAtTheGivenOffsets() {
        float[] in = {9f, 9f, 0f, 0f, 0f};
        float[] out = {5f, 0f, 0f, 0f, 5f};
        VectorMath.sigmoid(in, 2, out, 1, 3);
        assertEquals(5f, out[0]);
        assertEquals(0.5f, out[1]);
        assertEquals(0.5f, out[3]);
        assertEquals(5f, out[4]);
    }

    @Test
    void tensorOpsTakeTheVectorKernelsOnlyOffTheReferenceBackend() {
        var previous = Backends.current();
        try {
            Backends.use(Backends.reference());
            assertTrue(!FastPointwise.enabled());
            Tensor x = Tensor.fromArray(new float[]{-2f, 0f, 3f}, 3);
            float[] ref = x.sigmoid().toFloatArray();
            Backends.simd().ifPresent(simd -> {
                Backends.use(simd);
                assertTrue(FastPointwise.enabled());
                float[] fast = x.sigmoid().toFloatArray();
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], fast[i], 2 * Math.ulp(ref[i]));
                }
            });
        } finally {
            Backends.use(previous);
        }
    }
}
