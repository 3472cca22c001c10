package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.keras.callbacks.CSVLogger;
import vireo.keras.callbacks.Callback;
import vireo.keras.callbacks.EarlyStopping;
import vireo.keras.callbacks.LearningRateScheduler;
import vireo.keras.callbacks.ModelCheckpoint;
import vireo.keras.callbacks.ReduceLROnPlateau;
import vireo.keras.callbacks.TerminateOnNaN;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Input;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class CallbacksTest {

    private Sequential model;
    private ByteArrayOutputStream buf;
    private PrintStream out;

    @BeforeEach
    void setUp() {
        Keras.clearSession();
        Vireo.manualSeed(5);
        model = Sequential.of(Input.of(2), Dense.of(1));
        model.compile("sgd", "mse");
        buf = new ByteArrayOutputStream();
        out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Drives a callback through epochs with given monitored values, as fit would. */
    private int run(Callback cb, String key, double... values) {
        cb.setModel(model);
        model.stopTraining(false);
        cb.onTrainBegin(Map.of());
        int epochs = 0;
        for (int e = 0; e < values.length; e++) {
            cb.onEpochBegin(e, new LinkedHashMap<>());
            var logs = new LinkedHashMap<String, Double>();
            logs.put(key, values[e]);
            cb.onEpochEnd(e, logs);
            epochs++;
            if (model.stopTraining()) {
                break;
            }
        }
        cb.onTrainEnd(Map.of());
        return epochs;
    }

    @Test
    void earlyStoppingCountsPatienceLikeKeras3() {
        var es = new EarlyStopping().patience(2).verbose(1);
        es.output(out);
        assertEquals(4, run(es, "val_loss", 1.0, 0.9, 0.95, 0.97, 0.96));
        assertEquals(3, es.stoppedEpoch());
        assertEquals("Epoch 4: early stopping\n", printed());
    }

    @Test
    void earlyStoppingBaselineKeepsWaitRunning() {
        var es = new EarlyStopping().patience(2).baseline(0.5);
        // Improvements that do not beat the baseline leave wait growing: stops at epoch 2.
        assertEquals(3, run(es, "val_loss", 1.0, 0.9, 0.95, 0.8));
    }

    @Test
    void earlyStoppingStartFromEpochAndMaxMode() {
        var es = new EarlyStopping().monitor("val_accuracy").patience(1).startFromEpoch(2);
        assertEquals(4, run(es, "val_accuracy", 0.9, 0.1, 0.5, 0.4, 0.3));
        var e = assertThrows(IllegalArgumentException.class, () -> run(new EarlyStopping().monitor("val_f1"), "val_f1", 1));
        assertTrue(e.getMessage().contains("mode(Mode.MAX)"), e.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        var es = new EarlyStopping().patience(1).restoreBestWeights(true).verbose(1);
        es.output(out);
        es.setModel(model);
        es.onTrainBegin(Map.of());
        Tensor w = model.getLayer("dense").parameters().get(0);
        double[] losses = {1.0, 0.5, 0.7, 0.8};
        float[] best = null;
        for (int e = 0; e < losses.length && !model.stopTraining(); e++) {
            w.detach().fill_(e);
            if (e == 1) {
                best = w.toFloatArray();
            }
            es.onEpochEnd(e, new LinkedHashMap<>(Map.of("val_loss", losses[e])));
        }
        es.onTrainEnd(Map.of());
        assertArrayEquals(best, w.toFloatArray());
        assertEquals("Epoch 3: early stopping\nRestoring model weights from the end of the best epoch: 2.\n", printed());
    }

    @Test
    void reduceLrOnPlateauWithCooldown() {
        model.optimizer(); // not built by fit here
        model.build(2);
        var cb = new ReduceLROnPlateau().patience(1).factor(0.5).cooldown(2).verbose(1);
        cb.output(out);
        cb.setModel(model);
        cb.onTrainBegin(Map.of());
        double[] values = {1.0, 1.0, 1.0, 1.0, 1.0};
        double[] lrs = new double[values.length];
        for (int e = 0; e < values.length; e++) {
            var logs = new LinkedHashMap<String, Double>(Map.of("val_loss", values[e]));
            cb.onEpochEnd(e, logs);
            lrs[e] = model.learningRate();
            assertTrue(logs.containsKey("learning_rate"));
        }
        // Keras's order: the cooldown counter drops before the test, so cooldown=2 skips one epoch of waiting.
        // epoch 1: reduce; epoch 2: cooldown; epoch 3: reduce; epoch 4: cooldown
        assertEquals(0.005, lrs[1], 1e-9);
        assertEquals(0.005, lrs[2], 1e-9);
        assertEquals(0.0025, lrs[3], 1e-9);
        assertEquals(0.0025, lrs[4], 1e-9);
        assertTrue(printed().contains("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.004999999888241291."),
                printed());
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }

    @Test
    void checkpointFillsItsPatternAndSavesOnlyImprovements(@TempDir Path dir) {
        model.build(2);
        var cb = new ModelCheckpoint(dir.resolve("w.{epoch:02d}-{val_loss:.2f}.vireo").toString())
                .saveBestOnly(true).verbose(1);
        cb.output(out);
        run(cb, "val_loss", 0.5, 0.6, 0.25);
        assertTrue(Files.exists(dir.resolve("w.01-0.50.vireo")));
        assertFalse(Files.exists(dir.resolve("w.02-0.60.vireo")));
        assertTrue(Files.exists(dir.resolve("w.03-0.25.vireo")));
        assertTrue(printed().contains("\nEpoch 1: val_loss improved from inf to 0.50000, saving model to "), printed());
        assertTrue(printed().contains("\nEpoch 2: val_loss did not improve from 0.50000\n"), printed());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("model.keras"));
    }

    @Test
    void csvLoggerWritesSortedColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("log.csv");
        Tensor x = Tensor.randn(8, 2);
        Tensor y = Tensor.randn(8, 1);
        model.fit(x, y, Fit.batchSize(4).epochs(2).verbose(0).validationData(x, y).callbacks(new CSVLogger(f)));
        var lines = Files.readAllLines(f);
        assertEquals("epoch,loss,val_loss", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("0,") && lines.get(2).startsWith("1,"), lines.toString());
    }

    @Test
    void terminateOnNaNSaysWhichBatch() {
        Tensor x = Tensor.randn(8, 2);
        x.detach().floats()[5] = Float.NaN; // sample 2, in the second batch of 2
        var cb = new TerminateOnNaN();
        cb.output(out);
        var h = model.fit(x, Tensor.randn(8, 1), Fit.batchSize(2).epochs(3).shuffle(false).verbose(0).callbacks(cb));
        assertEquals("Batch 1: Invalid loss, terminating training\n", printed());
        assertEquals(1, h.epoch().size());
    }

    @Test
    void schedulerSetsTheRate() {
        var cb = new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1));
        var h = model.fit(Tensor.randn(4, 2), Tensor.randn(4, 1), Fit.batchSize(4).epochs(3).verbose(0).callbacks(cb));
        assertEquals((double) (float) (0.1 / 3), h.get("learning_rate").get(2), 1e-12);
    }
}
