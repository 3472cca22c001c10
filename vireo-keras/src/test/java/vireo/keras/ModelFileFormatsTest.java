package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.VireoArchive;
import vireo.io.safetensors.SafeTensors;
import vireo.keras.layers.Dense;
import vireo.keras.layers.Input;
import vireo.tensor.Tensor;

/** The Keras face's {@code .vireo} within the project's one container ({@link VireoArchive}). */
class ModelFileFormatsTest {

    @TempDir
    Path dir;

    /**
     * A file written by ModelFile before the container moved to vireo-io (a Conv2D–BatchNorm–Dense model after one
     * epoch of Adam), with its predictions on four inputs: it loads and predicts the same, bit for bit.
     */
    @Test
    void filesWrittenBeforeTheSharedContainerStillLoad() throws Exception {
        Path old = resource("written-by-0.1.vireo");
        Map<String, Tensor> expected = SafeTensors.read(resource("written-by-0.1.expected.safetensors"));
        Sequential model = Models.load(old);
        assertEquals(1, model.epochsCompleted());
        assertArrayEquals(expected.get("predictions").toFloatArray(),
                model.predict(expected.get("x")).toFloatArray());
        assertTrue(model.summaryString().contains(" Optimizer params: 246 (984.00 B)"), model.summaryString());
    }

    @Test
    void newFilesHaveTheOldLayout() throws Exception {
        Keras.clearSession();
        var model = Sequential.of(Input.of(3), Dense.of(2));
        model.compile("sgd", "mse");
        Path f = dir.resolve("m.vireo");
        model.save(f);
        VireoArchive now = VireoArchive.read(f);
        VireoArchive before = VireoArchive.read(resource("written-by-0.1.vireo"));
        assertEquals(List.of("config.json", "model.safetensors", "optimizer.safetensors", "metadata.json"),
                now.names());
        assertEquals(before.metadata().keySet().stream().toList(), now.metadata().keySet().stream().toList());
        assertEquals(VireoArchive.Kind.KERAS, now.kind());
    }

    @Test
    void aCliClassifierIsRefusedWithWhatToUseInstead() throws IOException {
        Path f = dir.resolve("classifier.vireo");
        VireoArchive.writer()
                .json("config.json", Map.of("class_name", "Classifier"))
                .tensors("model.safetensors", Map.of("fc.weight", Tensor.zeros(2, 3)), Map.of())
                .write(f, VireoArchive.Kind.CLI_CLASSIFIER, 1, Map.of());
        var e = assertThrows(IOException.class, () -> Models.load(f));
        assertEquals(f + " holds an image classifier trained by the vireo command, not a Keras Sequential model; "
                + "use it with vireo evaluate, predict or summary --model " + f, e.getMessage());
    }

    private static Path resource(String name) throws URISyntaxException {
        var url = ModelFileFormatsTest.class.getResource(name);
        if (url == null) {
            throw new AssertionError("test resource vireo/keras/" + name + " is missing");
        }
        return Path.of(url.toURI());
    }
}
