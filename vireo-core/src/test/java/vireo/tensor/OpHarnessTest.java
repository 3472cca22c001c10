package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vireo.tensor.Ref.D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vireo.backend.Backend;
import vireo.backend.Backends;

/**
 * Every op of {@link OpTable} on every sample: the forward against the float64 reference (values, shape, dtype),
 * and the reference backend against the SIMD backend (forward outputs and input gradients).
 */
class OpHarnessTest {

    /** float32 forward against float64: a few ulps per accumulated term. */
    static final double FWD_RTOL = 1e-4;
    static final double FWD_ATOL = 1e-5;
    /** Two float32 backends differ only in summation order. */
    static final double BACKEND_RTOL = 1e-5;
    static final double BACKEND_ATOL = 1e-5;

    @TestFactory
    Stream<DynamicTest> forwardMatchesFloat64ReferenceAndBackendsAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpTable.OpInfo op : OpTable.OPS) {
            for (int s = 0; s < op.samples.size(); s++) {
                List<Tensor> sample = op.samples.get(s);
                String name = op.name + " " + describe(sample);
                tests.add(DynamicTest.dynamicTest(name, () -> OpRuns.named(name, () -> check(op, sample, name))));
            }
        }
        return tests.stream();
    }

    static String describe(List<Tensor> sample) {
        return sample.stream().map(t -> (t.dtype() == DType.FLOAT32 ? "" : t.dtype().pythonName()) + Arrays.toString(t.shape()))
                .collect(Collectors.joining(" "));
    }

    private static void check(OpTable.OpInfo op, List<Tensor> sample, String name) {
        List<D> expected = op.ref.apply(OpRuns.refInputs(sample));
        List<float[]> weights = OpRuns.weights(expected, name);
        Backend simd = Backends.simd().orElseThrow(() -> new AssertionError("the SIMD backend must load in tests"));

        OpRuns.Result ref = OpRuns.run(op, sample, weights, Backends.reference());
        assertEquals(expected.size(), ref.outputs().size(), "number of outputs");
        for (int k = 0; k < expected.size(); k++) {
            OpRuns.assertClose(name + " output " + k + " (reference backend vs float64)", expected.get(k),
                    ref.outputs().get(k), FWD_RTOL, FWD_ATOL);
        }

        OpRuns.Result fast = OpRuns.run(op, sample, weights, simd);
        for (int k = 0; k < expected.size(); k++) {
            OpRuns.assertClose(name + " output " + k + " (simd vs reference backend)", D.of(ref.outputs().get(k)),
                    fast.outputs().get(k), BACKEND_RTOL, BACKEND_ATOL);
        }
        assertEquals(ref.grads().size(), fast.grads().size());
        for (int i = 0; i < ref.grads().size(); i++) {
            Tensor g = ref.grads().get(i);
            if (g == null) {
                continue;
            }
            assertTrue(g.dtype() == DType.FLOAT32, "gradients are float32");
            OpRuns.assertClose(name + " grad of input " + i + " (simd vs reference backend)", D.of(g),
                    fast.grads().get(i), BACKEND_RTOL, BACKEND_ATOL);
        }
    }
}
