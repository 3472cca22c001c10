package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vireo.autograd.GradMode;
import vireo.io.safetensors.SafeTensors;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * torchvision's logits reproduced from its own state dicts (random init, realistic batch-norm statistics, eval mode):
 * the small committed nets always, the full ResNet/VGG models where {@code /usr/bin/python3} has torch and
 * torchvision (generated into a temporary folder by tools/golden/torchvision_fixtures.py; they are too big to commit).
 */
class TorchvisionGoldenTest {

    private static final double TOLERANCE = 1e-4;
    private static final Path GOLDEN = Paths.get("src/test/resources/golden/torchvision");
    private static final int[] TINY_VGG = {8, VGG.M, 16, VGG.M, 32, 32, VGG.M};

    @Test
    void tinyBasicBlockResNet() throws IOException {
        check(ResNet.builder(ResNet.Block.BASIC, 2, 1, 1, 1).baseWidth(8).numClasses(10).build(),
                GOLDEN, "resnet_tiny_basic");
    }

    @Test
    void tinyBottleneckResNet() throws IOException {
        check(ResNet.builder(ResNet.Block.BOTTLENECK, 2, 1, 1, 1).baseWidth(8).numClasses(10).build(),
                GOLDEN, "resnet_tiny_bottleneck");
    }

    @Test
    void tinyVgg() throws IOException {
        check(VGG.builder(TINY_VGG).hidden(32).numClasses(10).build(), GOLDEN, "vgg_tiny");
    }

    @Test
    void tinyVggWithBatchNorm() throws IOException {
        check(VGG.builder(TINY_VGG).batchNorm(true).hidden(32).numClasses(10).build(), GOLDEN, "vgg_tiny_bn");
    }

    /** Generated on the fly; set -Dvireo.models.fullGolden=false to skip (about 1 GB of files for VGG-16). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "vgg11", "resnet50", "vgg16"})
    void fullTorchvisionModels(String name, @TempDir Path dir) throws Exception {
        assumeTrue(!"false".equals(System.getProperty("vireo.models.fullGolden")), "disabled by vireo.models.fullGolden");
        assumeTrue(torchvisionAvailable(), "/usr/bin/python3 with torch and torchvision is not available");
        Path script = Paths.get("..", "tools", "golden", "torchvision_fixtures.py").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "full", dir.toString(), name)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "fixture generation failed:\n" + log);
        Supplier<Module> build = switch (name) {
            case "resnet18" -> ResNet::resnet18;
            case "resnet50" -> ResNet::resnet50;
            case "vgg11" -> VGG::vgg11;
            case "vgg16" -> VGG::vgg16;
            default -> throw new IllegalArgumentException(name);
        };
        check(build.get(), dir, name);
    }

    private static void check(Module model, Path dir, String name) throws IOException {
        model.loadStateDict(SafeTensors.read(dir.resolve(name + ".safetensors")));
        Map<String, Tensor> io = SafeTensors.read(dir.resolve(name + ".io.safetensors"));
        Tensor expected = io.get("logits");
        model.eval();
        Tensor actual;
        try (var g = GradMode.noGrad()) {
            actual = model.call(io.get("input"));
        }
        assertArrayEquals(expected.shape(), actual.shape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= TOLERANCE, name + ": max |logit difference| " + worst + " > " + TOLERANCE);
    }

    private static boolean torchvisionAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, torchvision")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
