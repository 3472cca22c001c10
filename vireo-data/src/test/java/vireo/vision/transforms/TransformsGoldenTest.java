package vireo.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * Every deterministic transform against torchvision 0.14 / PIL 9.4 on fixed parameters (fixtures from
 * tools/golden/transforms_fixtures.py). Image outputs must match byte for byte: the operations reproduce PIL's
 * integer arithmetic.
 */
class TransformsGoldenTest {

    @TestFactory
    Stream<DynamicTest> matchesTorchvision() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.dir("golden").resolve("cases.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertTrue(lines.size() > 60, "expected the full set of cases, found " + lines.size());
        return lines.stream().map(line -> DynamicTest.dynamicTest(line, () -> check(line.split(" "))));
    }

    private static void check(String[] f) {
        String name = f[0];
        Image src = Fixtures.source(f[1]);
        String op = f[2];
        switch (op) {
            case "to_tensor", "normalize", "caffe", "torch", "tf" -> checkFloats(name, src, op);
            default -> {
                Image out = apply(src, op, f);
                Image expected = Fixtures.golden(name);
                assertEquals(expected.width() + "x" + expected.height(), out.width() + "x" + out.height(), name);
                assertEquals(0, Fixtures.maxDiff(out, expected), name + ": " + Fixtures.countDiff(out, expected)
                        + " bytes differ from torchvision");
            }
        }
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    private static Image apply(Image src, String op, String[] f) {
        return switch (op) {
            case "resize" -> new Resize(i(f[3])).apply(src);
            case "resize_hw" -> new Resize(i(f[3]), i(f[4]), Interpolation.BILINEAR).apply(src);
            case "resize_bicubic" -> new Resize(i(f[3]), Interpolation.BICUBIC).apply(src);
            case "resize_nearest" -> new Resize(i(f[3]), Interpolation.NEAREST).apply(src);
            case "center_crop" -> new CenterCrop(i(f[3]), i(f[4])).apply(src);
            case "hflip" -> Functional.hflip(src);
            case "vflip" -> Functional.vflip(src);
            case "resized_crop" -> Functional.resizedCrop(src, i(f[3]), i(f[4]), i(f[5]), i(f[6]), i(f[7]), i(f[8]),
                    Interpolation.BILINEAR);
            case "rotate" -> Functional.rotate(src, d(f[3]), FillMode.CONSTANT, i(f[4]), i(f[5]), i(f[6]));
            case "affine" -> Functional.affine(src, d(f[3]), i(f[4]), i(f[5]), d(f[6]), d(f[7]), d(f[8]),
                    FillMode.CONSTANT, 0);
            case "brightness" -> Functional.adjustBrightness(src, d(f[3]));
            case "contrast" -> Functional.adjustContrast(src, d(f[3]));
            case "saturation" -> Functional.adjustSaturation(src, d(f[3]));
            case "hue" -> Functional.adjustHue(src, d(f[3]));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static void checkFloats(String name, Image src, String op) {
        Tensor out = switch (op) {
            case "to_tensor" -> new ToTensor().apply(src);
            case "normalize" -> Normalize.IMAGENET.apply(new ToTensor().apply(src));
            case "caffe" -> new PreprocessInput(PreprocessInput.Mode.CAFFE).apply(src);
            case "torch" -> new PreprocessInput(PreprocessInput.Mode.TORCH).apply(src);
            default -> new PreprocessInput(PreprocessInput.Mode.TF).apply(src);
        };
        Fixtures.Floats expected = Fixtures.goldenFloats(name);
        assertArrayEquals(expected.shape(), out.shape(), name);
        float[] got = out.toFloatArray();
        for (int k = 0; k < got.length; k++) {
            assertEquals(expected.values()[k], got[k], 2e-6f * Math.max(1f, Math.abs(expected.values()[k])),
                    name + " at " + k);
        }
    }
}
