package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.keras.callbacks.Callback;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Input;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.SGD;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class FitTest {

    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Keras.clearSession();
        Vireo.manualSeed(3);
        x = Tensor.randn(40, 3);
        y = x.select(1, 0).gt(0f).toLong();
    }

    private static Sequential small() {
        return Sequential.of(Input.of(3), Dense.of(5).activation("tanh"), Dense.of(2).activation("softmax"));
    }

    @Test
    void fitIsTheLoopAUserWouldWrite() {
        var a = small();
        Keras.clearSession(); // same layer names, so b can take a's state dict
        var b = small();
        b.loadStateDict(a.stateDict());
        a.compile(SGD.of(0.1).withMomentum(0.9), Losses.get("sparse_categorical_crossentropy"));
        a.fit(x, y, Fit.batchSize(8).epochs(2).shuffle(false).verbose(0));

        Optimizer opt = SGD.of(0.1).withMomentum(0.9).create(b.parameters());
        var loss = Losses.get("sparse_categorical_crossentropy");
        var loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(8).shuffle(false).build();
        for (int epoch = 0; epoch < 2; epoch++) {
            b.train();
            for (Batch batch : loader) {
                opt.zeroGrad();
                Tensor l = loss.perSample(batch.target(), b.call(batch.input())).mean();
                l.backward();
                opt.step();
            }
        }
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.stateDict().get(k).toFloatArray(), k));
    }

    @Test
    void validationSplitHoldsOutTheTail() {
        var model = small();
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        int[] batches = {0};
        var counter = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                batches[0]++;
            }
        };
        var h = model.fit(x, y, Fit.batchSize(10).epochs(1).validationSplit(0.25).verbose(0).callbacks(counter));
        assertEquals(3, batches[0]); // 30 training samples
        var tail = model.evaluate(x.narrow(0, 30, 10), y.narrow(0, 30, 10), 32, 0);
        assertEquals(tail.get("loss"), h.get("val_loss").get(0), 1e-6);
        assertEquals(tail.get("accuracy"), h.get("val_accuracy").get(0), 1e-9);
        assertEquals("[accuracy, loss, val_accuracy, val_loss]", h.history().keySet().toString());
    }

    @Test
    void classWeightsScaleEachSamplesLoss() {
        var model = small();
        model.compile(SGD.of(0), Losses.get("sparse_categorical_crossentropy"));
        var h = model.fit(x, y, Fit.batchSize(40).verbose(0).classWeight(Map.of(0, 0.0, 1, 2.0)));
        Tensor per = Losses.get("sparse_categorical_crossentropy").perSample(y, model.predict(x));
        double expected = 0;
        for (int i = 0; i < 40; i++) {
            expected += per.get(i) * (y.getLong(i) == 1 ? 2 : 0);
        }
        assertEquals(expected / 40, h.get("loss").get(0), 1e-5);
    }

    @Test
    void progressOutputAndEpochHeader() {
        var model = small();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        var buf = new ByteArrayOutputStream();
        model.fit(x, y, Fit.batchSize(20).epochs(2).verbose(2).output(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("2/2 - \\d+s - \\d+(ms|us|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}"),
                lines[1]);
        assertEquals("Epoch 2/2", lines[2]);
        var one = new ByteArrayOutputStream();
        model.fit(x, y, Fit.batchSize(20).epochs(1).verbose(1).dynamicDisplay(false)
                .output(new PrintStream(one, true, StandardCharsets.UTF_8)));
        String text = one.toString(StandardCharsets.UTF_8);
        assertTrue(!text.contains("Epoch") && text.startsWith("\n\u001b[1m1/2\u001b[0m "), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void evaluateAndPredict() {
        var model = small();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Tensor p = model.predict(x, 7, 0);
        assertArrayEquals(new int[]{40, 2}, p.shape());
        var r = model.evaluate(x, y, 16, 0);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(r.keySet()));
        double acc = 0;
        for (int i = 0; i < 40; i++) {
            acc += (p.get(i, 1) > p.get(i, 0) ? 1 : 0) == y.getLong(i) ? 1 : 0;
        }
        assertEquals(acc / 40, r.get("accuracy"), 1e-9);
        assertEquals(Losses.get("sparse_categorical_crossentropy").perSample(y, p).mean().item(), r.get("loss"), 1e-5);
    }

    @Test
    void badInputsSayWhatToDo() {
        var model = small();
        model.compile("adam", "sparse_categorical_crossentropy");
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, y.narrow(0, 0, 30)));
        assertTrue(e.getMessage().contains("x has 40 samples") && e.getMessage().contains("y has 30 samples"),
                e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> model.fit(x, Utils.toCategorical(y, 2)));
        assertTrue(e2.getMessage().contains("use loss 'categorical_crossentropy'"), e2.getMessage());
        model.compile("adam", "categorical_crossentropy");
        var e3 = assertThrows(IllegalArgumentException.class, () -> model.fit(x, y));
        assertTrue(e3.getMessage().contains("use loss 'sparse_categorical_crossentropy'")
                && e3.getMessage().contains("toCategorical(y, 2)"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "crossentropy"));
        assertTrue(e4.getMessage().contains("known losses: [categorical_crossentropy"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "mse", "precision"));
        assertTrue(e5.getMessage().contains("known metrics: [accuracy"), e5.getMessage());
        var fresh = small();
        var e6 = assertThrows(IllegalStateException.class, () -> fresh.fit(x, y));
        assertTrue(e6.getMessage().contains("compile()"), e6.getMessage());
    }

    @Test
    void categoricalCrossentropyClipsProbabilities() {
        Tensor p = Tensor.fromArray(new float[]{1f, 0f, 0f, 1f}, 2, 2);
        Tensor t = Tensor.fromArray(new float[]{0f, 1f, 0f, 1f}, 2, 2);
        Tensor l = Losses.categoricalCrossentropy(false).perSample(t, p);
        assertEquals(-Math.log(1e-7), l.get(0), 1e-3);
        assertEquals(-Math.log(1 - 1e-7), l.get(1), 1e-6);
        Tensor top = Metrics.topKCategoricalAccuracy(1).perSample(t, p);
        assertArrayEquals(new float[]{0, 1}, top.toFloatArray());
    }
}
