package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.json.Json;
import vireo.keras.internal.Config;
import vireo.keras.layers.BatchNormalization;
import vireo.keras.layers.Conv2D;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Dropout;
import vireo.keras.layers.Flatten;
import vireo.keras.layers.Input;
import vireo.keras.layers.MaxPooling2D;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class ModelFileTest {

    @TempDir
    Path dir;
    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Keras.clearSession();
        Vireo.manualSeed(11);
        x = Tensor.rand(48, 6, 6, 1);
        y = Utils.toCategorical(x.mean(new int[]{1, 2, 3}, false).gt(0.5f).toLong(), 2);
    }

    private static Sequential cnn() {
        var m = Sequential.of(Input.of(6, 6, 1), Conv2D.of(4, 3).padding("same").activation("relu"),
                BatchNormalization.of(), MaxPooling2D.of(2), Dropout.of(0.3), Flatten.of(),
                Dense.of(2).activation("softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void saveAndLoadRebuildEverything() throws IOException {
        var model = cnn();
        model.fit(x, y, Fit.batchSize(16).epochs(1).verbose(0));
        Path f = dir.resolve("m.vireo");
        model.save(f);
        try (var zip = new ZipFile(f.toFile())) {
            assertEquals("[config.json, model.safetensors, optimizer.safetensors, metadata.json]",
                    zip.stream().map(e -> e.getName()).toList().toString());
        }
        var same = Models.load(f);
        assertEquals(model.summaryString(), same.summaryString());
        assertArrayEquals(model.predict(x).toFloatArray(), same.predict(x).toFloatArray());
        assertEquals(1, same.epochsCompleted());
        assertEquals("categorical_crossentropy", same.loss().name());
        assertEquals(model.optimizer().stateDict().toTensors().keySet(),
                same.optimizer().stateDict().toTensors().keySet());
    }

    @Test
    void resumingContinuesExactly() throws IOException {
        Vireo.manualSeed(42);
        Keras.clearSession();
        var straight = cnn();
        straight.fit(x, y, Fit.batchSize(8).epochs(3).verbose(0));

        Vireo.manualSeed(42);
        Keras.clearSession();
        var first = cnn();
        first.fit(x, y, Fit.batchSize(8).epochs(1).verbose(0));
        Path f = dir.resolve("ckpt.vireo");
        first.save(f);
        Vireo.manualSeed(999); // whatever the global generator does meanwhile
        var resumed = Models.load(f);
        resumed.fit(x, y, Fit.batchSize(8).epochs(3).initialEpoch(resumed.epochsCompleted()).verbose(0));

        straight.stateDict().forEach((k, v) ->
                assertArrayEquals(v.toFloatArray(), resumed.stateDict().get(k).toFloatArray(), k));
    }

    @Test
    void weightsOnlyRoundTripAndMismatchLoadsNothing() throws IOException {
        var model = cnn();
        Path w = dir.resolve("w.safetensors");
        model.saveWeights(w);
        var other = cnn();
        other.loadWeights(w);
        assertArrayEquals(model.predict(x).toFloatArray(), other.predict(x).toFloatArray());
        var wrong = Sequential.of(Input.of(6, 6, 1), Conv2D.of(5, 3), Flatten.of(), Dense.of(2));
        float[] before = wrong.stateDict().get(wrong.layers().get(0).name() + ".weight").toFloatArray();
        assertThrows(IllegalArgumentException.class, () -> wrong.loadWeights(w));
        assertArrayEquals(before, wrong.stateDict().get(wrong.layers().get(0).name() + ".weight").toFloatArray());
    }

    @Test
    void truncatedOrAlteredFilesFailClearly() throws IOException {
        var model = cnn();
        Path f = dir.resolve("m.vireo");
        model.save(f);
        byte[] bytes = Files.readAllBytes(f);

        Path cut = dir.resolve("cut.vireo");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(IOException.class, () -> Models.load(cut));
        assertTrue(e.getMessage().contains("cut.vireo"), e.getMessage());

        // Flip a byte of the stored (uncompressed) weights: the zip CRC or the SHA-256 catches it.
        Path bad = dir.resolve("bad.vireo");
        byte[] copy = bytes.clone();
        int at = indexOf(copy, "model.safetensors".getBytes()) + 400;
        copy[at] ^= 0x55;
        Files.write(bad, copy);
        var e2 = assertThrows(IOException.class, () -> Models.load(bad));
        assertTrue(e2.getMessage().contains("bad.vireo"), e2.getMessage());

        Path empty = dir.resolve("empty.vireo");
        Files.write(empty, new byte[0]);
        assertThrows(IOException.class, () -> Models.load(empty));
    }

    @Test
    void unknownLayerTypesAreListed() {
        var config = ModelFile.config(cnn());
        String json = Json.write(config).replace("\"MaxPooling2D\"", "\"MaxPool3D\"");
        var root = new Config("config.json", Json.parseObject(json, "config.json"));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromConfig(root));
        assertTrue(e.getMessage().startsWith("Unknown layer type 'MaxPool3D'"), e.getMessage());
        assertTrue(e.getMessage().contains("known layer types: [Activation, AveragePooling2D, BatchNormalization"),
                e.getMessage());
        String badLoss = Json.write(config).replace("\"categorical_crossentropy\"", "\"focal\"");
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.fromConfig(new Config("config.json", Json.parseObject(badLoss, "config.json"))));
        assertTrue(e2.getMessage().contains("known losses"), e2.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
