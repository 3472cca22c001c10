package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vireo.keras.layers.BatchNormalization;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Dropout;
import vireo.keras.layers.Flatten;
import vireo.keras.layers.GlobalAveragePooling2D;
import vireo.keras.layers.Input;
import vireo.keras.layers.MaxPooling2D;

class SummaryTest {

    @BeforeEach
    void fresh() {
        Keras.clearSession();
    }

    /** keras.io's "Simple MNIST convnet", whose summary Keras 3 prints exactly like this. */
    @Test
    void kerasMnistConvnetMatchesKeras3() {
        var model = Sequential.of(
                Input.of(28, 28, 1),
                Conv2D.of(32, 3).activation("relu"), MaxPooling2D.of(2),
                Conv2D.of(64, 3).activation("relu"), MaxPooling2D.of(2),
                Flatten.of(), Dropout.of(0.5), Dense.of(10).activation("softmax"));
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ flatten (Flatten)               │ (None, 1600)           │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dropout (Dropout)               │ (None, 1600)           │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense (Dense)                   │ (None, 10)             │        16,010 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 34,826 (136.04 KB)
                 Trainable params: 34,826 (136.04 KB)
                 Non-trainable params: 0 (0.00 B)
                """;
        assertEquals(expected, model.summaryString());
    }

    @Test
    void batchNormStatisticsAndFrozenLayersAreNonTrainable() {
        var model = Sequential.of(Input.of(8, 8, 3), Conv2D.of(4, 3).useBias(false), BatchNormalization.of(),
                GlobalAveragePooling2D.of(), Dense.of(2));
        model.getLayer("dense").trainable(false);
        String s = model.summaryString();
        // conv 108 + BN 16 (8 trainable, 8 moving) + dense 10 (frozen)
        assertEquals(true, s.contains(" Total params: 134 (536.00 B)\n"), s);
        assertEquals(true, s.contains(" Trainable params: 116 (464.00 B)\n"), s);
        assertEquals(true, s.contains(" Non-trainable params: 18 (72.00 B)\n"), s);
        assertEquals(true, s.contains("│ global_average_pooling2d        │ (None, 4)              │             0 │\n"
                + "│ (GlobalAveragePooling2D)        │                        │               │\n"), s);
    }

    @Test
    void unbuiltLayersSayUnbuilt() {
        var model = Sequential.of(Dense.of(3));
        assertEquals(true, model.summaryString().contains("│ dense (Dense)                   │ ?                      │   0 (unbuilt) │"),
                model.summaryString());
    }

    /** Keras 3.15.1 after fitting with Adam: the optimizer's variables join the total. */
    @Test
    void optimizerParamsAfterFit() {
        var model = Sequential.of(Input.of(4), Dense.of(8), Dense.of(3).activation("softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        String before = model.summaryString();
        assertEquals(true, before.endsWith(" Total params: 67 (268.00 B)\n Trainable params: 67 (268.00 B)\n"
                + " Non-trainable params: 0 (0.00 B)\n"), before);
        model.fit(vireo.tensor.Tensor.rand(8, 4), Utils.toCategorical(vireo.tensor.Tensor.randint(0, 3, 8), 3),
                Fit.batchSize(4).epochs(2).verbose(0));
        assertEquals("""
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ dense (Dense)                   │ (None, 8)              │            40 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 3)              │            27 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 203 (812.00 B)
                 Trainable params: 67 (268.00 B)
                 Non-trainable params: 0 (0.00 B)
                 Optimizer params: 136 (544.00 B)
                """, model.summaryString());
    }

    @Test
    void readableSizes() {
        assertEquals("0.00 B", Summary.readableSize(0));
        assertEquals("136.04 KB", Summary.readableSize(34826 * 4));
        assertEquals("4.58 MB", Summary.readableSize(1_200_000 * 4));
    }
}
