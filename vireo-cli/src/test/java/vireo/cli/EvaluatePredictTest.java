package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.json.Json;
import vireo.io.TensorFiles;
import vireo.io.VireoArchive;
import vireo.tensor.Tensor;

class EvaluatePredictTest {

    @TempDir
    Path tmp;

    @Test
    void evaluatePrintsAccuraciesAndTheConfusionMatrix() {
        var r = Cli.run("evaluate", "--model", TrainedRun.RUN.toString(), "--data", TrainedRun.DATA.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("top-1 accuracy:") && r.out().contains("top-2 accuracy: 1.0000"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());

        var j = Cli.run("evaluate", "--model", TrainedRun.RUN.toString(), "--data",
                TrainedRun.DATA.resolve("test").toString(), "--json");
        assertEquals(0, j.code(), j.toString());
        Map<?, ?> m = (Map<?, ?>) Json.parse(j.out());
        assertEquals(12L, m.get("images"));
        List<?> cm = (List<?>) m.get("confusion_matrix");
        long total = 0;
        for (Object row : cm) {
            for (Object v : (List<?>) row) {
                total += (Long) v;
            }
        }
        assertEquals(12, total);
        double top1 = ((Number) m.get("top1")).doubleValue();
        Map<?, ?> perClass = (Map<?, ?>) m.get("per_class_accuracy");
        double mean = perClass.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow();
        assertEquals(top1, mean, 1e-9, "balanced classes: top-1 is the mean of per-class accuracy");
    }

    @Test
    void evaluateRefusesDifferentClasses() throws Exception {
        Path other = tmp.resolve("other");
        Cli.stripes(other, 2, 28, 5);
        Files.move(other.resolve("vertical"), other.resolve("diagonal"));
        TrainCommandTest.usage("differ from the model's", "evaluate", "--model", TrainedRun.RUN.toString(),
                "--data", other.toString());
    }

    @Test
    void predictListsTopKPerImage() {
        Path dir = TrainedRun.DATA.resolve("test/vertical");
        var r = Cli.run("predict", "--model", TrainedRun.RUN.toString(), "--topk", "1", dir.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(6, r.out().lines().count(), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.matches(".*\\.png:  (horizontal|vertical) [01]\\.\\d{4}")),
                r.out());

        var j = Cli.run("predict", "--model", TrainedRun.RUN.toString(), "--json",
                dir.resolve("vertical-00.png").toString());
        assertEquals(0, j.code(), j.toString());
        List<?> results = (List<?>) Json.parse(j.out());
        List<?> top = (List<?>) ((Map<?, ?>) results.get(0)).get("top");
        assertEquals(2, top.size(), "topk is capped at the number of classes");
        double sum = top.stream().mapToDouble(t -> ((Number) ((Map<?, ?>) t).get("probability")).doubleValue())
                .sum();
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void predictTakesABareStateDictWithArch() throws Exception {
        Path pth = tmp.resolve("weights.pth");
        var c = Cli.run("convert", TrainedRun.RUN.resolve("model.vireo").toString(), pth.toString());
        assertEquals(0, c.code(), c.toString());
        String img = TrainedRun.DATA.resolve("test/horizontal/horizontal-00.png").toString();
        var bare = Cli.run("predict", "--model", pth.toString(), "--arch", "cnn", "--json", img);
        assertEquals(0, bare.code(), bare.toString());
        var named = Cli.run("predict", "--model", TrainedRun.RUN.toString(), "--json", img);
        Map<?, ?> b = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) Json.parse(bare.out())).get(0)).get("top")).get(0);
        Map<?, ?> n = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) Json.parse(named.out())).get(0)).get("top")).get(0);
        assertEquals(n.get("index"), b.get("index"));
        assertEquals(((Number) n.get("probability")).doubleValue(), ((Number) b.get("probability")).doubleValue(),
                1e-6);
        assertEquals("class " + n.get("index"), b.get("class"), "a bare state dict has no class names");

        TrainCommandTest.usage("--arch", "predict", "--model", pth.toString(), img);
        TrainCommandTest.usage("do not fit resnet18", "predict", "--model", pth.toString(), "--arch", "resnet18",
                "--num-classes", "2", img);
        TrainCommandTest.usage("does not exist", "predict", "--model", TrainedRun.RUN.toString(),
                tmp.resolve("nope.jpg").toString());
        Path notAnImage = Files.writeString(tmp.resolve("notes.png"), "plain text");
        TrainCommandTest.usage("vireo predict: cannot read image " + notAnImage + ": not a recognised image (",
                "predict", "--model", TrainedRun.RUN.toString(), notAnImage.toString());
    }

    @Test
    void convertRoundTripsBitForBit() throws Exception {
        Path st = TrainedRun.RUN.resolve("model.vireo");
        Path pth = tmp.resolve("m.pth");
        Path back = tmp.resolve("m.safetensors");
        assertEquals(0, Cli.run("convert", st.toString(), pth.toString()).code());
        assertEquals(0, Cli.run("convert", pth.toString(), back.toString()).code());
        Map<String, Tensor> a = VireoArchive.read(st).tensors("model.safetensors").tensors();
        Map<String, Tensor> b = TensorFiles.load(back);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertTrue(java.util.Arrays.equals(a.get(k).toFloatArray(), b.get(k).toFloatArray()), k);
        }
        TrainCommandTest.usage("expected a .pth, .pt, .safetensors or .vireo", "convert", st.toString(),
                tmp.resolve("m.bin").toString());
        TrainCommandTest.usage("does not exist", "convert", tmp.resolve("none.pth").toString(), back.toString());
        TrainCommandTest.usage("input " + tmp + " is a folder (expected a .pth, .pt, .safetensors or .vireo file)",
                "convert", tmp.toString(), back.toString());
    }

    @Test
    void summaryCountsTorchvisionsParameters() {
        // A small image keeps the shape-tracing forward pass quick; the counts do not depend on it.
        var r = Cli.run("summary", "--arch", "resnet18", "--image-size", "64");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Total params: 11,689,512 (44.59 MB)"), r.out());
        var h = Cli.run("summary", "--arch", "resnet18", "--num-classes", "2", "--head", "128", "--image-size", "64");
        assertTrue(h.out().contains("│ fc.0 (Linear)                   │ (None, 128)            │        65,664 │")
                && h.out().contains("│ fc.2 (Linear)                   │ (None, 2)              │           258 │"),
                h.out());
        TrainCommandTest.usage("known: resnet50", "summary", "--arch", "resnet7");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][]{{"--help"}, {"train", "--help"}, {"evaluate", "--help"},
                {"predict", "--help"}, {"summary", "--help"}, {"convert", "--help"}, {"datasets", "--help"},
                {"datasets", "prepare", "--help"}}) {
            var r = Cli.run(cmd);
            assertEquals(0, r.code(), String.join(" ", cmd) + ": " + r);
            assertTrue(r.out().startsWith("Usage: vireo"), r.out());
        }
        assertEquals(2, Cli.run().code(), "no subcommand is a usage error");
        assertEquals(2, Cli.run("frobnicate").code());
    }
}
