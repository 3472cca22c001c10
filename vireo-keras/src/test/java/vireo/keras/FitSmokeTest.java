package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Input;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.Adam;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class FitSmokeTest {

    @Test
    void learnsASeparableProblem() {
        Vireo.manualSeed(1);
        Tensor x = Tensor.randn(512, 4);
        Tensor y = x.select(1, 0).add(x.select(1, 1)).gt(0f).toLong();
        var model = Sequential.of(Input.of(4), Dense.of(16).activation("relu"), Dense.of(2).activation("softmax"));
        model.compile(Adam.of(0.01), Losses.get("sparse_categorical_crossentropy"), Metrics.get("accuracy"));
        var buf = new ByteArrayOutputStream();
        var h = model.fit(x, y, Fit.batchSize(32).epochs(5).validationSplit(0.2).output(new PrintStream(buf))
                .dynamicDisplay(false));
        System.out.println(buf);
        assertTrue(h.get("accuracy").get(4) > 0.9, h.toString());
        assertTrue(h.get("val_accuracy").get(4) > 0.85, h.toString());
    }
}
