package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.TensorFiles;
import vireo.io.VireoArchive;
import vireo.json.Json;
import vireo.tensor.Tensor;

/** The one-file {@code .vireo} model through evaluate, predict, summary and convert. */
class ModelFileCommandsTest {

    @TempDir
    Path tmp;

    private static final Path MODEL = TrainedRun.RUN.resolve("model.vireo");
    private static final String IMAGE = TrainedRun.DATA.resolve("test/vertical/vertical-01.png").toString();

    @Test
    void theModelFileAndItsRunFolderAreTheSameModel() {
        var byDir = Cli.run("predict", "--model", TrainedRun.RUN.toString(), "--json", IMAGE);
        var byFile = Cli.run("predict", "--model", MODEL.toString(), "--json", IMAGE);
        assertEquals(0, byFile.code(), byFile.toString());
        assertEquals(byDir.out(), byFile.out());
        var eval = Cli.run("evaluate", "--model", MODEL.toString(), "--data", TrainedRun.DATA.toString());
        assertEquals(0, eval.code(), eval.toString());
        assertTrue(eval.out().contains("top-1 accuracy:"), eval.out());
        TrainCommandTest.usage("holds cnn, 2 classes (horizontal, vertical); leave out --arch", "predict",
                "--model", MODEL.toString(), "--arch", "lenet5", IMAGE);
        TrainCommandTest.usage("has no model.vireo (did its training finish?)", "predict", "--model", tmp.toString(),
                IMAGE);
    }

    @Test
    void aRunFolderOfAnOlderVireoSaysHowToLoadItsWeights() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old"));
        assertEquals(0, Cli.run("convert", MODEL.toString(), old.resolve("model.safetensors").toString()).code());
        TrainCommandTest.usage("loads as a bare state dict: --model " + old.resolve("model.safetensors") + " --arch NAME",
                "predict", "--model", old.toString(), IMAGE);
        var r = Cli.run("predict", "--model", old.resolve("model.safetensors").toString(), "--arch", "cnn", IMAGE);
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void aDamagedModelFileIsOneLineAndExitCodeOne() throws Exception {
        byte[] bytes = Files.readAllBytes(MODEL);
        Path cut = Files.write(tmp.resolve("cut.vireo"), Arrays.copyOf(bytes, bytes.length - 100));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x40; // inside the weights
        Path bad = Files.write(tmp.resolve("bad.vireo"), flipped);
        Path empty = Files.write(tmp.resolve("empty.vireo"), new byte[0]);
        for (Path f : List.of(cut, bad, empty)) {
            for (String[] args : new String[][]{{"predict", "--model", f.toString(), IMAGE},
                    {"evaluate", "--model", f.toString(), "--data", TrainedRun.DATA.toString()},
                    {"summary", "--model", f.toString()},
                    {"convert", f.toString(), tmp.resolve("out.pth").toString()}}) {
                var r = Cli.run(args);
                assertEquals(1, r.code(), r.toString());
                assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
                assertTrue(r.err().startsWith("vireo " + args[0] + ": " + f), r.err());
                assertTrue(r.err().contains("corrupt"), r.err());
                assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            }
        }
        assertFalse(Files.exists(tmp.resolve("out.pth")), "nothing written from a damaged file");
    }

    @Test
    void aKerasModelIsRefusedWithWhatToUseInstead() throws Exception {
        Path keras = tmp.resolve("keras.vireo");
        VireoArchive.writer()
                .json("config.json", Map.of("class_name", "Sequential"))
                .tensors("model.safetensors", Map.of("dense.weight", Tensor.zeros(2, 3)), Map.of())
                .write(keras, VireoArchive.Kind.KERAS, 1, Map.of());
        TrainCommandTest.usage(keras + " holds a Keras Sequential model, not an image classifier trained by the vireo "
                + "command; load it with vireo.keras.Models.load " + keras, "predict", "--model", keras.toString(),
                IMAGE);
        TrainCommandTest.usage("holds a Keras Sequential model", "summary", "--model", keras.toString());
        // Its state dict converts like any other.
        var c = Cli.run("convert", keras.toString(), tmp.resolve("keras.safetensors").toString());
        assertEquals(0, c.code(), c.toString());
        assertEquals(List.of("dense.weight"), List.copyOf(TensorFiles.load(tmp.resolve("keras.safetensors")).keySet()));
    }

    @Test
    void convertWritesAndReadsModelFiles() throws Exception {
        Path st = tmp.resolve("w.safetensors");
        assertEquals(0, Cli.run("convert", MODEL.toString(), st.toString()).code());
        Path named = tmp.resolve("named.vireo");
        var c = Cli.run("convert", st.toString(), named.toString(), "--arch", "cnn", "--classes",
                "horizontal,vertical");
        assertEquals(0, c.code(), c.toString());
        assertEquals(Cli.run("predict", "--model", MODEL.toString(), "--json", IMAGE).out(),
                Cli.run("predict", "--model", named.toString(), "--json", IMAGE).out());

        Path numbered = tmp.resolve("numbered.vireo");
        assertEquals(0, Cli.run("convert", st.toString(), numbered.toString(), "--arch", "cnn").code());
        var p = Cli.run("predict", "--model", numbered.toString(), "--json", IMAGE);
        Map<?, ?> top = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) Json.parse(p.out())).get(0)).get("top")).get(0);
        assertTrue(String.valueOf(top.get("class")).startsWith("class "), p.out());

        TrainCommandTest.usage("say which architecture", "convert", st.toString(), tmp.resolve("x.vireo").toString());
        TrainCommandTest.usage("do not fit cnn with 3 classes", "convert", st.toString(),
                tmp.resolve("x.vireo").toString(), "--arch", "cnn", "--classes", "a,b,c");
        TrainCommandTest.usage("nothing to convert", "convert", MODEL.toString(), tmp.resolve("x.vireo").toString());
        TrainCommandTest.usage("describe a .vireo model to write", "convert", MODEL.toString(),
                tmp.resolve("x.pth").toString(), "--arch", "cnn");
        assertFalse(Files.exists(tmp.resolve("x.vireo")));
    }

    @Test
    void summaryOfASavedModelTracesItsShapes() throws Exception {
        var r = Cli.run("summary", "--model", TrainedRun.RUN.toString());
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("Model: \"cnn\"\n┏"), out);
        assertTrue(out.contains("│ input (Input)                   │ (None, 1, 28, 28)      │             0 │"), out);
        assertTrue(out.contains("│ 0 (Conv2d)                      │ (None, 32, 26, 26)     │           320 │"), out);
        assertTrue(out.contains("│ 6 (Flatten)                     │ (None, 9216)           │             0 │"), out);
        assertTrue(out.contains("│ 10 (Linear)                     │ (None, 2)              │           258 │"), out);
        assertTrue(out.contains(" Total params: 1,198,850 (4.57 MB)\n Trainable params: 1,198,850 (4.57 MB)\n"
                + " Non-trainable params: 0 (0.00 B)\n"), out);
        var fresh = Cli.run("summary", "--arch", "cnn", "--num-classes", "2");
        assertEquals(out, fresh.out(), "a saved model and its fresh architecture have the same table");

        Path pth = tmp.resolve("w.pth");
        assertEquals(0, Cli.run("convert", MODEL.toString(), pth.toString()).code());
        assertEquals(out, Cli.run("summary", "--model", pth.toString(), "--arch", "cnn").out());

        var resnet = Cli.run("summary", "--arch", "resnet50", "--image-size", "64");
        assertEquals(0, resnet.code(), resnet.toString());
        assertTrue(resnet.out().contains("│ layer1.0 (Bottleneck)           │ (None, 256, 16, 16)    │        75,008 │"),
                resnet.out());
        assertTrue(resnet.out().contains("│ layer4.2 (Bottleneck)           │ (None, 2048, 2, 2)     │     4,462,592 │"),
                resnet.out());
        assertTrue(resnet.out().contains(" Total params: 25,557,032 (97.49 MB)"), resnet.out());
        assertEquals(23, resnet.out().lines().filter(l -> l.startsWith("│")).count(),
                "input, conv1, bn1, relu, maxpool, 16 blocks, avgpool, fc");

        TrainCommandTest.usage("--model RUN_DIR|FILE or --arch NAME", "summary");
        TrainCommandTest.usage("a saved model has its own", "summary", "--model", MODEL.toString(), "--image-size",
                "32");
    }
}
