package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.autograd.GradMode;
import vireo.nn.Conv2d;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class VGGTest {

    private static final int[] CFG = {8, VGG.M, 16, VGG.M, 32, VGG.M};

    @Test
    void forwardAndClassifierReplacement() {
        VGG vgg = VGG.builder(CFG).hidden(64).numClasses(10).build();
        vgg.classifier().set(6, new Linear(64, 5));
        assertArrayEquals(new int[]{5, 64}, vgg.stateDict().get("classifier.6.weight").shape());
        try (var g = GradMode.noGrad()) {
            // 40x40 reaches 5x5 after three pools; the adaptive pool still gives 7x7 (C·H·W = 32·49 features).
            assertArrayEquals(new int[]{2, 5}, vgg.eval().call(Tensor.randn(2, 3, 40, 40)).shape());
        }
        assertArrayEquals(new int[]{64, 32 * 49}, vgg.stateDict().get("classifier.0.weight").shape());
    }

    @Test
    void initialisationIsTorchvisions() {
        Vireo.manualSeed(5);
        VGG vgg = VGG.builder(CFG).batchNorm(true).hidden(512).numClasses(10).build();
        for (Module m : vgg.modules()) {
            if (m instanceof Conv2d c) {
                assertEquals(0f, c.bias().abs().max().item());
            } else if (m instanceof Linear l) {
                assertEquals(0f, l.bias().abs().max().item());
            }
        }
        float[] w = ((Linear) vgg.classifier().get(0)).weight().toFloatArray();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        assertEquals(0.01, Math.sqrt(sq / w.length), 0.0005);
        // features.0 [8, 3, 3, 3]: fan_out = 8·9
        float[] c = ((Conv2d) vgg.features().get(0)).weight().toFloatArray();
        double csq = 0;
        for (float v : c) {
            csq += v * v;
        }
        assertEquals(Math.sqrt(2.0 / 72), Math.sqrt(csq / c.length), 0.3 * Math.sqrt(2.0 / 72));
    }

    @Test
    void batchNormVariantInsertsNormsAfterEachConvolution() {
        var keys = VGG.builder(CFG).batchNorm(true).hidden(8).build().stateDict().keySet();
        assertTrue(keys.contains("features.1.running_mean"), keys.toString());
        assertTrue(keys.contains("features.4.weight"), keys.toString());   // conv after BN, ReLU, pool
    }

    @Test
    void rejectsBadConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> VGG.builder(VGG.M, VGG.M));
        assertThrows(IllegalArgumentException.class, () -> VGG.builder(8, 0, VGG.M));
        assertThrows(IllegalArgumentException.class, () -> VGG.builder(CFG).numClasses(0));
        assertThrows(IllegalArgumentException.class, () -> VGG.builder(CFG).build().setClassifier(null));
    }
}
