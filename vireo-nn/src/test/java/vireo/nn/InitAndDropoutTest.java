package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.nn.functional.F;
import vireo.nn.init.FanMode;
import vireo.nn.init.Fans;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class InitAndDropoutTest {

    private static double[] minMaxMeanStd(Tensor t) {
        float[] v = t.toFloatArray();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double s = 0;
        double sq = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            s += x;
            sq += (double) x * x;
        }
        double mean = s / v.length;
        return new double[]{min, max, mean, Math.sqrt(sq / v.length - mean * mean)};
    }

    @Test
    void linearAndConvDefaultsAreUniformOneOverSqrtFanIn() {
        var lin = new Linear(400, 300);
        double b = 1 / Math.sqrt(400);
        double[] w = minMaxMeanStd(lin.weight());
        assertTrue(w[0] >= -b && w[1] <= b, "weight within ±1/sqrt(fan_in)");
        assertTrue(w[0] < -0.98 * b && w[1] > 0.98 * b, "and filling that range");
        assertEquals(b / Math.sqrt(3), w[3], 0.01 * b, "std of U(-b, b)");
        double[] bias = minMaxMeanStd(lin.bias());
        assertTrue(bias[0] >= -b && bias[1] <= b);

        var conv = Conv2d.builder(16, 32, 3).groups(4).build();   // fan_in = 16/4·3·3 = 36
        double cb = 1 / 6.0;
        double[] cw = minMaxMeanStd(conv.weight());
        assertTrue(cw[0] >= -cb && cw[1] <= cb && cw[0] < -0.95 * cb && cw[1] > 0.95 * cb);
        double[] cbias = minMaxMeanStd(conv.bias());
        assertTrue(cbias[0] >= -cb && cbias[1] <= cb);
    }

    @Test
    void manualSeedRepeatsInitialisation() {
        Vireo.manualSeed(42);
        float[] a = new Linear(8, 4).weight().toFloatArray();
        Vireo.manualSeed(42);
        float[] b = new Linear(8, 4).weight().toFloatArray();
        assertArrayEquals(a, b);
    }

    @Test
    void fansFollowPyTorch() {
        assertEquals(new Fans(10 * 25, 20 * 25), Fans.of(new int[]{20, 10, 5, 5}));
        assertEquals(new Fans(320, 50), Init.calculateFanInAndFanOut(Tensor.zeros(50, 320)));
        assertThrows(IllegalArgumentException.class, () -> Fans.of(new int[]{5}));
        assertEquals(Math.sqrt(2), Init.calculateGain("relu"), 1e-12);
        assertEquals(5.0 / 3, Init.calculateGain("tanh"), 1e-12);
        assertEquals(Math.sqrt(2 / (1 + 0.2 * 0.2)), Init.calculateGain("leaky_relu", 0.2), 1e-12);
    }

    @Test
    void xavierAndKaimingHaveTheirBoundsAndStds() {
        Tensor t = Tensor.zeros(200, 300);
        double a = Math.sqrt(6.0 / 500);
        double[] s = minMaxMeanStd(Init.xavierUniform_(t));
        assertTrue(s[0] >= -a && s[1] <= a && s[1] > 0.99 * a);
        s = minMaxMeanStd(Init.xavierNormal_(t, 2.0));
        assertEquals(2 * Math.sqrt(2.0 / 500), s[3], 0.02 * s[3]);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 300);
        s = minMaxMeanStd(Init.kaimingUniform_(t, 0, FanMode.FAN_IN, "relu"));
        assertTrue(s[0] >= -bound && s[1] <= bound && s[1] > 0.99 * bound);
        s = minMaxMeanStd(Init.kaimingNormal_(t, 0, FanMode.FAN_OUT, "relu"));
        assertEquals(Math.sqrt(2.0 / 200), s[3], 0.02 * s[3]);
        assertEquals(0, s[2], 0.01);
        Tensor same = Init.constant_(t, 0.25);
        assertSame(t, same);
        assertEquals(0.25f, t.get(3, 7));
        s = minMaxMeanStd(Init.uniform_(t, 2, 3));
        assertTrue(s[0] >= 2 && s[1] < 3);
        s = minMaxMeanStd(Init.normal_(t, 1, 0.5));
        assertEquals(1, s[2], 0.01);
        assertEquals(0.5, s[3], 0.01);
    }

    @Test
    void dropoutZeroesAboutPAndScalesSurvivors() {
        var d = new Dropout(0.3);
        Tensor out = d.call(Tensor.ones(200, 500));
        float[] v = out.toFloatArray();
        int zeros = 0;
        for (float x : v) {
            if (x == 0f) {
                zeros++;
            } else {
                assertEquals(1 / 0.7f, x, 1e-6f);
            }
        }
        assertEquals(0.3, zeros / (double) v.length, 0.01);
        d.eval();
        Tensor x = Tensor.ones(3, 3);
        assertSame(x, d.call(x), "identity in evaluation");
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }

    @Test
    void dropout2dZeroesWholeChannelsAndTreats3dAsChannels() {
        var d = new Dropout2d(0.5);
        Tensor out = d.call(Tensor.ones(40, 50, 3, 3));
        int dropped = 0;
        for (int n = 0; n < 40; n++) {
            for (int c = 0; c < 50; c++) {
                float first = out.get(n, c, 0, 0);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(first, out.get(n, c, i, j), "a channel is kept or dropped as a whole");
                    }
                }
                dropped += first == 0f ? 1 : 0;
                assertTrue(first == 0f || first == 2f);
            }
        }
        assertEquals(0.5, dropped / 2000.0, 0.05);
        Tensor seq = d.call(Tensor.ones(10, 20, 7));      // [N, C, L]: 1-D channel dropout
        for (int n = 0; n < 10; n++) {
            for (int c = 0; c < 20; c++) {
                for (int l = 1; l < 7; l++) {
                    assertEquals(seq.get(n, c, 0), seq.get(n, c, l));
                }
            }
        }
    }

    @Test
    void lossesRejectBadTargetsClearly() {
        Tensor logits = Tensor.zeros(5, 10);
        var e = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(logits, Tensor.fromArray(new long[]{1, 2, 3, 12, 0}, 5)));
        assertEquals("crossEntropy: target 12 is out of bounds for 10 classes (at index 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(logits, Tensor.zeros(5)));
        assertEquals("crossEntropy: for input [5, 10] expected int64 class indices of shape [5] or float32 class "
                + "probabilities of shape [5, 10], received float32 [5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.nllLoss(Tensor.zeros(2, 3, 2), Tensor.fromArray(new long[]{0, 1, 2, 3}, 2, 2)));
        assertEquals("nllLoss: target 3 is out of bounds for 3 classes (at index [1, 1])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.mseLoss(Tensor.zeros(4, 1), Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("mseLoss: expected target of the input's shape [4, 1], received float32 [4]"));
        e = assertThrows(IllegalArgumentException.class, () -> F.bceLoss(Tensor.of(0.5f, 1.5f), Tensor.of(1f, 0f)));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }

    @Test
    void bceSaturatedProbabilitiesGiveTheClampedLossWithoutNaN() {
        Tensor p = Tensor.of(0f, 1f, 0f).requiresGrad(true);
        Tensor loss = F.bceLoss(p, Tensor.of(1f, 0f, 0f), null, vireo.nn.functional.Reduction.NONE);
        assertArrayEquals(new float[]{100f, 100f, 0f}, loss.toFloatArray(), 1e-4f);
        loss.sum().backward();
        for (float g : p.grad().toFloatArray()) {
            assertTrue(Float.isFinite(g));
        }
    }

    @Test
    void activationsAndShapesModules() {
        Tensor x = Tensor.of(-1f, 0f, 2f);
        assertArrayEquals(new float[]{0f, 0f, 2f}, new ReLU().call(x).toFloatArray());
        assertEquals(0.5f, new Sigmoid().call(Tensor.of(0f)).get(0), 1e-7f);
        assertEquals((float) Math.tanh(2), new Tanh().call(x).get(2), 1e-6f);
        assertEquals(1.9544999f, new GELU().call(x).get(2), 1e-5f);          // torch gelu(2.)
        assertEquals(1.9545977f, new GELU("tanh").call(x).get(2), 1e-6f);    // approximate='tanh'
        assertEquals(-0.15880799f, new GELU("tanh").call(x).get(0), 1e-6f);
        assertEquals(1f, new Softmax(0).call(x).sum().item(), 1e-6f);
        assertArrayEquals(new int[]{2, 3, 4}, new Unflatten(1, 3, -1).call(Tensor.zeros(2, 12)).shape());
        assertArrayEquals(new int[]{2, 12}, new Flatten().call(Tensor.zeros(2, 3, 4)).shape());
        assertSame(x, new Identity().call(x));
        var e = assertThrows(InputShapeException.class, () -> new Unflatten(1, 5, 5).call(Tensor.zeros(2, 12)));
        assertTrue(e.getMessage().startsWith("Unflatten: cannot unflatten dimension 1 of size 12"), e.getMessage());
        assertArrayEquals(new long[]{0, 1, 0, 0, 0, 1}, F.oneHot(Tensor.fromArray(new long[]{1, 2}, 2), 3).toLongArray());
    }
}
