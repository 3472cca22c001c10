package vireo.tensor;

import static vireo.tensor.Ref.D;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vireo.backend.Backends;

/**
 * Every differentiable op of {@link OpTable}: the engine's analytic gradient of {@code sum(f(x) * w)} against
 * central finite differences of the float64 reference {@code f}, computed entirely in double precision.
 */
class GradCheckTest {

    /** Step of the central difference, in float64 (truncation ~h², rounding ~1e-16/h). */
    static final double H = 1e-6;
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-4;

    @TestFactory
    Stream<DynamicTest> analyticGradientsMatchFloat64FiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpTable.OpInfo op : OpTable.OPS) {
            if (!op.differentiable) {
                continue;
            }
            for (int s = 0; s < op.samples.size(); s++) {
                List<Tensor> sample = op.samples.get(s);
                String name = op.name + " " + OpHarnessTest.describe(sample);
                tests.add(DynamicTest.dynamicTest(name, () -> OpRuns.named(name, () -> check(op, sample, name))));
            }
        }
        return tests.stream();
    }

    private static void check(OpTable.OpInfo op, List<Tensor> sample, String name) {
        List<D> inputs = OpRuns.refInputs(sample);
        List<float[]> weights = OpRuns.weights(op.ref.apply(inputs), name);
        OpRuns.Result analytic = OpRuns.run(op, sample, weights, Backends.reference());
        for (int i = 0; i < sample.size(); i++) {
            Tensor g = analytic.grads().get(i);
            if (g == null) {
                continue;
            }
            D x = inputs.get(i);
            double[] fd = new double[x.numel()];
            for (int j = 0; j < fd.length; j++) {
                double saved = x.v()[j];
                x.v()[j] = saved + H;
                double plus = OpRuns.refLoss(op, inputs, weights);
                x.v()[j] = saved - H;
                double minus = OpRuns.refLoss(op, inputs, weights);
                x.v()[j] = saved;
                fd[j] = (plus - minus) / (2 * H);
            }
            OpRuns.assertClose(name + " d/d(input " + i + ")", new D(fd, x.shape()), g, RTOL, ATOL);
        }
    }
}
