package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vireo.keras.layers.Activation;
import vireo.keras.layers.AveragePooling2D;
import vireo.keras.layers.BatchNormalization;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Flatten;
import vireo.keras.layers.Input;
import vireo.keras.layers.Layer;
import vireo.keras.layers.MaxPooling2D;
import vireo.keras.layers.Reshape;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class LayersTest {

    @BeforeEach
    void fresh() {
        Keras.clearSession();
        Vireo.manualSeed(0);
    }

    private static Tensor arange(int n, int... shape) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.fromArray(v, shape);
    }

    @Test
    void stridedSamePaddingIsTensorFlowsAsymmetricOne() {
        var conv = Conv2D.of(1, 3).strides(2).padding("same").useBias(false);
        var model = Sequential.of(Input.of(4, 4, 1), conv);
        conv.weight().fill_(1f);
        Tensor out = model.predict(arange(16, 1, 4, 4, 1));
        assertArrayEquals(new int[]{1, 2, 2, 1}, out.shape());
        // Pad (0, 1): the first window covers rows/cols 0..2 (sum 45), the last rows/cols 2..3 (sum 50).
        // PyTorch's symmetric padding=1 would give 10 for the first.
        assertEquals(45f, out.get(0, 0, 0, 0));
        assertEquals(50f, out.get(0, 1, 1, 0));
    }

    @Test
    void validConvShapesAndGlorotInit() {
        var conv = Conv2D.of(32, 3);
        var model = Sequential.of(Input.of(28, 28, 1), conv, Flatten.of(), Dense.of(10));
        assertEquals("(None, 26, 26, 32)", conv.outputShapeKeras());
        double bound = Math.sqrt(6.0 / (9 * 1 + 9 * 32));
        for (float w : conv.weight().toFloatArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
        for (float b : conv.bias().toFloatArray()) {
            assertEquals(0f, b);
        }
        assertArrayEquals(new int[]{5, 10}, model.predict(Tensor.rand(5, 28, 28, 1)).shape());
    }

    @Test
    void samePoolingPadsAtTheEnd() {
        var model = Sequential.of(Input.of(3, 3, 1), MaxPooling2D.of(2).padding("same"));
        Tensor x = arange(9, 1, 3, 3, 1);
        Tensor out = model.predict(x);
        assertArrayEquals(new int[]{1, 2, 2, 1}, out.shape());
        assertArrayEquals(new float[]{4, 5, 7, 8}, out.toFloatArray());
        var avg = Sequential.of(Input.of(3, 3, 1), AveragePooling2D.of(2).padding("same"));
        // TensorFlow leaves padded cells out of the divisor: the corner window holds only 8.
        assertArrayEquals(new float[]{2, 3.5f, 6.5f, 8}, avg.predict(x).toFloatArray());
    }

    @Test
    void batchNormalizationFollowsKeras() {
        var bn = BatchNormalization.of();
        var model = Sequential.of(Input.of(2), bn);
        Tensor x = Tensor.fromArray(new float[]{1, 10, 2, 20, 3, 30, 6, 40}, 4, 2);
        model.train();
        model.call(x);
        // moving = 0.99·moving + 0.01·batch, with the biased variance: means 3 and 25, variances 3.5 and 125.
        assertEquals(0.03f, bn.runningMean().get(0), 1e-6);
        assertEquals(0.25f, bn.runningMean().get(1), 1e-6);
        assertEquals(0.99f + 0.035f, bn.runningVar().get(0), 1e-6);
        assertEquals(0.99f + 1.25f, bn.runningVar().get(1), 1e-5);
        // Frozen: inference mode even in training, and no update.
        bn.trainable(false);
        float before = bn.runningMean().get(0);
        Tensor y = model.call(x);
        assertEquals(before, bn.runningMean().get(0));
        double expected = (1 - 0.03) / Math.sqrt(1.025 + 1e-3);
        assertEquals(expected, y.get(0, 0), 1e-5);
    }

    @Test
    void reshapeReadsThreeDimensionalTargetsChannelsLast() {
        var model = Sequential.of(Input.of(12), Reshape.of(2, 2, 3), Activation.of("linear"));
        Tensor out = model.predict(arange(12, 1, 12));
        assertArrayEquals(new int[]{1, 2, 2, 3}, out.shape());
        assertArrayEquals(arange(12, 12).toFloatArray(), out.reshape(12).toFloatArray());
    }

    @Test
    void softmaxRowsSumToOne() {
        var model = Sequential.of(Input.of(5), Dense.of(4).activation("softmax"));
        Tensor p = model.predict(Tensor.randn(3, 5));
        for (int i = 0; i < 3; i++) {
            float s = 0;
            for (int j = 0; j < 4; j++) {
                s += p.get(i, j);
            }
            assertEquals(1f, s, 1e-5);
        }
    }

    @Test
    void namesAreKerasSnakeCaseAndUnique() {
        assertEquals("max_pooling2d", Layer.snakeCase("MaxPooling2D"));
        assertEquals("conv2d", Layer.snakeCase("Conv2D"));
        assertEquals("batch_normalization", Layer.snakeCase("BatchNormalization"));
        assertEquals("spatial_dropout2d", Layer.snakeCase("SpatialDropout2D"));
        assertEquals("dense", Dense.of(1).name());
        assertEquals("dense_1", Dense.of(1).name());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(Dense.of(2).name("fc"), Dense.of(2).name("fc")));
        assertTrue(e.getMessage().contains("unique names"), e.getMessage());
    }

    @Test
    void errorsSayWhatWasExpected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(Input.of(8, 8, 1), Dense.of(3)));
        assertTrue(e.getMessage().contains("add Flatten()"), e.getMessage());
        var m = Sequential.of(Input.of(28, 28, 1), Flatten.of(), Dense.of(3));
        var e2 = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.rand(2, 28, 28)));
        assertTrue(e2.getMessage().contains("expected input (None, 28, 28, 1), received (None, 28, 28)"),
                e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Dense.of(3).activation("relux"));
        assertTrue(e3.getMessage().contains("known activations"), e3.getMessage());
    }

    @Test
    void stateDictKeysAreLayerNames() {
        var model = Sequential.of(Input.of(4, 4, 1), Conv2D.of(2, 3), BatchNormalization.of(), Flatten.of(),
                Dense.of(3));
        assertEquals("[conv2d.weight, conv2d.bias, batch_normalization.weight, batch_normalization.bias, "
                + "batch_normalization.running_mean, batch_normalization.running_var, dense.weight, dense.bias]",
                model.stateDict().keySet().toString());
    }
}
