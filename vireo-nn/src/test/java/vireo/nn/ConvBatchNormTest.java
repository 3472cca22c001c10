package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vireo.autograd.GradMode;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

class ConvBatchNormTest {

    private final Generator g = new Generator(5);

    /** A strided, padded convolution with a bias, and a batch norm with non-trivial statistics and affine terms. */
    private Conv2d conv() {
        return Conv2d.builder(3, 6, 3).stride(2).padding(1).bias(true).build();
    }

    private BatchNorm2d norm() {
        var bn = new BatchNorm2d(6);
        bn.runningMean().copy_(Tensor.randn(g, 6));
        bn.runningVar().copy_(Tensor.rand(g, 6).add(0.5f));
        bn.weight().requiresGrad(false).copy_(Tensor.randn(g, 6)).requiresGrad(true);
        bn.bias().requiresGrad(false).copy_(Tensor.randn(g, 6)).requiresGrad(true);
        return bn;
    }

    private static float[] twoSteps(Conv2d conv, BatchNorm2d bn, Tensor x) {
        return bn.call(conv.call(x)).toFloatArray();
    }

    @Test
    void inEvaluationWithoutGradientsTheFoldedConvolutionMatchesTheTwoStepsToRounding() {
        Conv2d conv = conv();
        BatchNorm2d bn = norm();
        bn.eval();
        Tensor x = Tensor.randn(g, 4, 3, 10, 10);
        try (var noGrad = GradMode.noGrad()) {
            float[] want = twoSteps(conv, bn, x);
            float[] got = ConvBatchNorm.apply(conv, bn, x).toFloatArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5f * Math.max(1f, Math.abs(want[i])), "output " + i);
            }
            // Not the same bits anywhere would mean the fold did not run (it rounds differently).
            assertFalse(Arrays.equals(want, got), "expected the folded path");
        }
    }

    @Test
    void inTrainingTheTwoStepsRunAndUpdateTheStatistics() {
        Conv2d conv = conv();
        BatchNorm2d bn = norm();
        Conv2d conv2 = conv();
        conv2.weight().requiresGrad(false).copy_(conv.weight()).requiresGrad(true);
        conv2.bias().requiresGrad(false).copy_(conv.bias()).requiresGrad(true);
        BatchNorm2d bn2 = norm();
        bn2.runningMean().copy_(bn.runningMean());
        bn2.runningVar().copy_(bn.runningVar());
        bn2.weight().requiresGrad(false).copy_(bn.weight()).requiresGrad(true);
        bn2.bias().requiresGrad(false).copy_(bn.bias()).requiresGrad(true);
        Tensor x = Tensor.randn(g, 4, 3, 10, 10);
        try (var noGrad = GradMode.noGrad()) {
            assertArrayEquals(twoSteps(conv2, bn2, x), ConvBatchNorm.apply(conv, bn, x).toFloatArray());
        }
        assertArrayEquals(bn2.runningMean().toFloatArray(), bn.runningMean().toFloatArray());
        assertEquals(1L, bn.numBatchesTracked().toLongArray()[0]);
    }

    @Test
    void whenAGradientIsNeededTheTwoStepsRunAndTheGradientFlows() {
        Conv2d conv = conv();
        BatchNorm2d bn = norm();
        bn.eval();
        Tensor x = Tensor.randn(g, 2, 3, 8, 8);
        float[] want;
        try (var noGrad = GradMode.noGrad()) {
            want = twoSteps(conv, bn, x);
        }
        Tensor y = ConvBatchNorm.apply(conv, bn, x);
        assertArrayEquals(want, y.toFloatArray());
        y.sum().backward();
        assertNotNull(conv.weight().grad());
        assertNotNull(bn.weight().grad());
    }

    @Test
    void aForwardHookOnEitherModuleOrOnTheSequentialSeesItsCall() {
        Conv2d conv = conv();
        BatchNorm2d bn = norm();
        var pair = new Sequential(conv, bn);
        pair.eval();
        Tensor x = Tensor.randn(g, 2, 3, 8, 8);
        List<String> seen = new ArrayList<>();
        try (var noGrad = GradMode.noGrad()) {
            float[] want = twoSteps(conv, bn, x);
            for (Module m : List.of(conv, bn, pair)) {
                var handle = m.registerForwardHook((mod, in, out) -> seen.add(mod.typeName()));
                assertArrayEquals(want, ConvBatchNorm.apply(pair, x).toFloatArray());
                handle.close();
            }
        }
        assertEquals(List.of("Conv2d", "BatchNorm2d", "Sequential"), seen);
    }

    @Test
    void whenTheWeightsOutnumberTheOutputsTheTwoStepsRun() {
        Conv2d conv = Conv2d.builder(64, 6, 3).padding(1).bias(false).build();
        BatchNorm2d bn = norm();
        bn.eval();
        Tensor x = Tensor.randn(g, 1, 64, 4, 4); // 16 outputs per channel, 576 weights
        try (var noGrad = GradMode.noGrad()) {
            assertArrayEquals(twoSteps(conv, bn, x), ConvBatchNorm.apply(conv, bn, x).toFloatArray());
        }
    }

    @Test
    void aWrongInputNamesTheConvolution() {
        Conv2d conv = conv();
        BatchNorm2d bn = norm();
        bn.eval();
        try (var noGrad = GradMode.noGrad()) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(InputShapeException.class,
                    () -> ConvBatchNorm.apply(conv, bn, Tensor.randn(g, 2, 5, 8, 8)));
            assertTrue(e.getMessage().contains("Conv2d") && e.getMessage().contains("[2, 5, 8, 8]"), e.getMessage());
        }
    }
}
