package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * Every ResNet and VGG constructor against torchvision's own state dict: same keys in the same order, same shapes and
 * dtypes, same parameter count (state_dict_keys.txt, written by tools/golden/torchvision_fixtures.py keys).
 */
class ArchitectureKeysTest {

    static Stream<Arguments> models() {
        Map<String, Supplier<Module>> m = new LinkedHashMap<>();
        m.put("resnet18", ResNet::resnet18);
        m.put("resnet34", ResNet::resnet34);
        m.put("resnet50", ResNet::resnet50);
        m.put("resnet101", ResNet::resnet101);
        m.put("resnet152", ResNet::resnet152);
        // Building a VGG takes seconds (138M parameters drawn twice, as in PyTorch): the full check for two of
        // them, the features of all eight below.
        m.put("vgg16", VGG::vgg16);
        m.put("vgg11_bn", VGG::vgg11Bn);
        return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void stateDictMatchesTorchvision(String name, Supplier<Module> build) throws IOException {
        Module model = build.get();
        assertEquals(String.join("\n", expected(name, "")), String.join("\n", describe(model, "")));
        assertEquals(expectedParameters(name), ParameterCount.total(model));
    }

    static Stream<Arguments> vggConfigurations() {
        return Stream.of(
                Arguments.of("vgg11", VGG.CFG_A), Arguments.of("vgg13", VGG.CFG_B),
                Arguments.of("vgg16", VGG.CFG_D), Arguments.of("vgg19", VGG.CFG_E));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vggConfigurations")
    void vggFeaturesMatchTorchvision(String name, int[] cfg) throws IOException {
        for (boolean bn : new boolean[]{false, true}) {
            String model = name + (bn ? "_bn" : "");
            Module features = VGG.makeLayers(cfg, bn);
            assertEquals(String.join("\n", expected(model, "features.")),
                    String.join("\n", describe(features, "features.")), model);
        }
    }

    /** The reference's entries of {@code model} whose key starts with {@code prefix}: "KEY [SHAPE] DTYPE". */
    private static List<String> expected(String model, String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : reference()) {
            String[] f = line.split(" ");
            if (f[0].equals(model) && !f[1].equals("#parameters") && f[1].startsWith(prefix)) {
                out.add(f[1] + " " + f[2] + " " + f[3]);
            }
        }
        return out;
    }

    private static long expectedParameters(String model) throws IOException {
        for (String line : reference()) {
            String[] f = line.split(" ");
            if (f[0].equals(model) && f[1].equals("#parameters")) {
                return Long.parseLong(f[2]);
            }
        }
        throw new IllegalStateException("no parameter count for " + model);
    }

    private static List<String> describe(Module model, String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            String shape = Arrays.toString(e.getValue().shape()).replace(" ", "");
            out.add(prefix + e.getKey() + " " + shape + " " + e.getValue().dtype().pythonName());
        }
        return out;
    }

    private static List<String> reference() throws IOException {
        try (InputStream in = ArchitectureKeysTest.class.getResourceAsStream("/golden/torchvision/state_dict_keys.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }
}
