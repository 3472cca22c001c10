package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vireo.json.Json;
import vireo.keras.callbacks.Progbar;
import vireo.keras.layers.Activation;
import vireo.keras.layers.AveragePooling2D;
import vireo.keras.layers.BatchNormalization;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.GlobalAveragePooling2D;
import vireo.keras.layers.Input;
import vireo.keras.layers.MaxPooling2D;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.Adam;
import vireo.keras.optimizers.KerasOptimizer;
import vireo.keras.optimizers.RMSprop;
import vireo.keras.optimizers.SGD;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

/**
 * Compares with values Keras 3.15.1 (JAX backend) computed: optimizer steps, whole {@code fit} runs from the same
 * starting weights, losses, and the progress bar. The fixture and the script that wrote it are in
 * {@code src/test/resources/golden/}.
 */
class KerasGoldenTest {

    private static Map<String, Object> golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = KerasGoldenTest.class.getResourceAsStream("/golden/keras_golden.json")) {
            golden = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), "keras_golden.json");
        }
    }

    @BeforeEach
    void fresh() {
        Keras.clearSession();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object root, String... path) {
        Object o = root;
        for (String p : path) {
            o = ((Map<String, Object>) o).get(p);
        }
        return (T) o;
    }

    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void optimizerSteps() {
        Map<String, KerasOptimizer> ours = Map.of(
                "adam", Adam.of(0.01),
                "adam_amsgrad", Adam.of(0.01).withAmsgrad(true),
                "sgd", SGD.of(0.1),
                "sgd_momentum", SGD.of(0.1).withMomentum(0.9),
                "sgd_nesterov", SGD.of(0.1).withMomentum(0.9).withNesterov(true),
                "rmsprop", RMSprop.of(0.01),
                "rmsprop_momentum_centered", RMSprop.of(0.01).withMomentum(0.5).withCentered(true));
        List<?> grads = at(golden, "optimizers", "grads");
        Map<String, List<?>> after = at(golden, "optimizers", "after");
        ours.forEach((name, spec) -> {
            Tensor p = Tensor.fromArray(floats(at(golden, "optimizers", "start")), 3).requiresGrad(true);
            Optimizer opt = spec.create(List.of(p));
            for (int s = 0; s < grads.size(); s++) {
                p.setGrad(Tensor.fromArray(floats(grads.get(s)), 3));
                opt.step();
                assertClose(floats(after.get(name).get(s)), p.toFloatArray(), 2e-6, name + " step " + (s + 1));
            }
        });
    }

    /** Keras weights (kernels as (in, out) or (kh, kw, in, out)) in Vireo's state-dict order and layouts. */
    private static void setKerasWeights(Sequential model, List<?> weights) {
        var sd = model.stateDict();
        var values = new java.util.LinkedHashMap<String, Tensor>();
        int i = 0;
        for (var e : sd.entrySet()) {
            int[] s = e.getValue().shape();
            float[] w = floats(weights.get(i++));
            Tensor t = switch (s.length) {
                case 2 -> Tensor.fromArray(w, s[1], s[0]).t();
                case 4 -> Tensor.fromArray(w, s[2], s[3], s[1], s[0]).permute(3, 2, 0, 1);
                default -> Tensor.fromArray(w, s);
            };
            values.put(e.getKey(), t.contiguous());
        }
        model.loadStateDict(values);
    }

    private static void assertWeights(Sequential model, List<?> expected, double tol) {
        var sd = model.stateDict();
        int i = 0;
        for (var e : sd.entrySet()) {
            Tensor v = e.getValue();
            Tensor keras = switch (v.dim()) {
                case 2 -> v.t();
                case 4 -> v.permute(2, 3, 1, 0);
                default -> v;
            };
            assertClose(floats(expected.get(i++)), keras.contiguous().toFloatArray(), tol, e.getKey());
        }
    }

    private static void assertHistory(Map<String, List<?>> expected, Map<String, List<Double>> actual, double tol) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertClose(floats(v), floats(actual.get(k)), tol, k));
    }

    @Test
    void mlpFitMatchesKeras() {
        Map<String, Object> g = at(golden, "mlp");
        Tensor x = Tensor.fromArray(floats(g.get("x")), 20, 4);
        float[] labels = floats(g.get("y"));
        long[] yi = new long[labels.length];
        for (int i = 0; i < yi.length; i++) {
            yi[i] = (long) labels[i];
        }
        Tensor y = Utils.toCategorical(Tensor.fromArray(yi, 20), 3);
        var model = Sequential.of(Input.of(4), Dense.of(8).activation("relu"), Dense.of(3).activation("softmax"));
        setKerasWeights(model, (List<?>) g.get("init"));
        model.compile(Adam.of(0.01), Losses.get("categorical_crossentropy"), Metrics.get("accuracy"));
        var h = model.fit(x, y, Fit.batchSize(5).epochs(2).shuffle(false).verbose(0).validationSplit(0.25));
        assertWeights(model, (List<?>) g.get("final"), 1e-5);
        assertHistory(at(g, "history"), h.history(), 1e-5);
        var ev = model.evaluate(x, y, 32, 0);
        assertClose(floats(g.get("evaluate")), new float[]{ev.get("loss").floatValue(), ev.get("accuracy").floatValue()},
                1e-5, "evaluate");
    }

    @Test
    void cnnWithSamePaddingAndBatchNormMatchesKeras() {
        Map<String, Object> g = at(golden, "cnn");
        Tensor x = Tensor.fromArray(floats(g.get("x")), 6, 7, 7, 2);
        float[] labels = floats(g.get("y"));
        long[] yi = new long[labels.length];
        for (int i = 0; i < yi.length; i++) {
            yi[i] = (long) labels[i];
        }
        var model = Sequential.of(Input.of(7, 7, 2), Conv2D.of(3, 3).strides(2).padding("same"),
                BatchNormalization.of(), Activation.of("relu"), MaxPooling2D.of(2).padding("same"),
                AveragePooling2D.of(2).strides(1).padding("same"), GlobalAveragePooling2D.of(),
                Dense.of(2).activation("softmax"));
        setKerasWeights(model, (List<?>) g.get("init"));
        assertClose(floats(g.get("predict_before")), model.predict(x).toFloatArray(), 1e-5, "predict");
        model.compile(SGD.of(0.1).withMomentum(0.9), Losses.get("sparse_categorical_crossentropy"),
                Metrics.get("accuracy"));
        var h = model.fit(x, Tensor.fromArray(yi, 6), Fit.batchSize(3).epochs(1).shuffle(false).verbose(0));
        assertWeights(model, (List<?>) g.get("final"), 1e-5);
        assertHistory(at(g, "history"), h.history(), 1e-5);
    }

    @Test
    void lossesOnClippedProbabilities() {
        Map<String, Object> g = at(golden, "losses");
        Tensor p = Tensor.fromArray(floats(g.get("p")), 3, 3);
        Tensor t = Tensor.fromArray(floats(g.get("t")), 3, 3);
        assertEquals(((Number) g.get("categorical")).doubleValue(),
                Losses.get("categorical_crossentropy").perSample(t, p).mean().item(), 1e-5);
        assertEquals(((Number) g.get("sparse")).doubleValue(),
                Losses.get("sparse_categorical_crossentropy").perSample(t.argmax(1), p).mean().item(), 1e-5);
        assertEquals(((Number) g.get("binary")).doubleValue(),
                Losses.get("binary_crossentropy").perSample(t, p).mean().item(), 1e-5);
        assertEquals(((Number) g.get("mse")).doubleValue(), Losses.get("mse").perSample(t, p).mean().item(), 1e-6);
    }

    private double now;

    private String bar(boolean dynamic, int verbose) {
        var buf = new java.io.ByteArrayOutputStream();
        now = 0;
        var bar = new Progbar(3, verbose, new java.io.PrintStream(buf, true, StandardCharsets.UTF_8), dynamic, () -> now);
        double[][] steps = {{1.0, 1, 0.5, 1.0, 0}, {1.5, 2, 0.7, 0.8, 0}, {1.52, 2, 0.7, 0.8, 0}, {2.0, 3, 0.75, 0.7, 1}};
        for (double[] s : steps) {
            now = s[0];
            var logs = new java.util.LinkedHashMap<String, Double>();
            logs.put("accuracy", s[2]);
            logs.put("loss", s[3]);
            bar.update((int) s[1], logs, s[4] == 1);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void progressBarIsKeras3s() {
        assertEquals(at(golden, "progbar", "lines"), bar(false, 1));
        assertEquals(at(golden, "progbar", "dynamic"), bar(true, 1));
        assertEquals(at(golden, "progbar", "verbose2"), bar(false, 2));
    }

}
