package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.transforms.Interpolation;

/** The registry against torchvision's own metadata (golden/registry/torchvision_weights.tsv). */
class WeightsTest {

    static List<String[]> golden() throws IOException {
        try (InputStream in = WeightsTest.class.getResourceAsStream("/golden/registry/torchvision_weights.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split("\t")).toList();
        }
    }

    @Test
    void everyEntryMatchesTorchvision() throws IOException {
        List<String[]> rows = golden();
        Set<Weights> seen = EnumSet.noneOf(Weights.class);
        for (String[] r : rows) {
            Weights w = Weights.valueOf(r[0]);
            seen.add(w);
            assertEquals(r[1], w.url().toString(), r[0]);
            assertEquals(r[1].substring(r[1].lastIndexOf('/') + 1), w.fileName(), r[0]);
            assertEquals(Long.parseLong(r[2]), w.numParams(), r[0]);
            assertEquals(Double.parseDouble(r[3]), w.acc1(), 1e-9, r[0]);
            assertEquals(Double.parseDouble(r[4]), w.acc5(), 1e-9, r[0]);
            assertEquals(Integer.parseInt(r[5]), w.preprocessing().resizeSize(), r[0]);
            assertEquals(Integer.parseInt(r[6]), w.preprocessing().cropSize(), r[0]);
            assertEquals(Interpolation.valueOf(r[7].toUpperCase(Locale.ROOT)), w.preprocessing().interpolation(), r[0]);
            assertEquals(doubles(r[8]), Preprocessing.MEAN, r[0]);
            assertEquals(doubles(r[9]), Preprocessing.STD, r[0]);
        }
        assertEquals(EnumSet.allOf(Weights.class), seen, "every entry is one of torchvision's and vice versa");
        assertEquals(rows.size(), Weights.values().length);
    }

    static List<Double> doubles(String csv) {
        return Arrays.stream(csv.split(",")).map(Double::valueOf).toList();
    }

    @Test
    void fullDigestsWhereKnownThePrefixRuleElsewhere() {
        for (Weights w : Weights.values()) {
            String prefix = w.fileName().substring(w.fileName().lastIndexOf('-') + 1, w.fileName().indexOf('.'));
            assertEquals(8, prefix.length(), w.name());
            if (w.sha256().isPresent()) {
                assertTrue(w.sha256().get().startsWith(prefix), w.name());
                assertEquals(w.sha256().get(), w.file().checksum().hex(), w.name());
                assertFalse(w.file().checksum().prefix(), w.name());
            } else {
                assertEquals(prefix, w.file().checksum().hex(), w.name());
                assertTrue(w.file().checksum().prefix(), w.name());
            }
        }
        assertEquals(11, Arrays.stream(Weights.values()).filter(w -> w.sha256().isPresent()).count());
    }

    @Test
    void hubFileNamesFollowTorchHubsRule() {
        assertEquals("0676ba61", WeightsFile.hubNamed("resnet50-0676ba61.pth").checksum().hex());
        // torch.hub's regex takes the first '-<hex>.' run: a non-hex word after a '-' does not count.
        assertEquals("88682ab5",
                WeightsFile.hubNamed("vgg16_features-amdegroot-88682ab5.pth").checksum().hex());
        assertThrows(IllegalArgumentException.class, () -> WeightsFile.hubNamed("resnet50.pth"));
        assertThrows(IllegalArgumentException.class, () -> WeightsFile.hubNamed("resnet50-0676ba6.pth"),
                "fewer than 8 digits");
        var e = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.hubNamed("resnet50-0676ba61.pth", "1".repeat(64)));
        assertTrue(e.getMessage().contains("expected a SHA-256 beginning 0676ba61"), e.getMessage());
    }

    @Test
    void architecturesHaveTheRegisteredParameterCounts() {
        // Two of them: building a VGG (133M+ parameters, random init) costs seconds each.
        for (Weights w : List.of(Weights.RESNET18_IMAGENET1K_V1, Weights.RESNET50_IMAGENET1K_V2)) {
            assertEquals(w.numParams(), ParameterCount.total(w.model()), w.name());
        }
    }

    @Test
    void defaultCacheDirIsVireoHomeOrTheUserCache() {
        assertEquals(Path.of("/opt/vireo", "hub"), Weights.defaultCacheDir("/opt/vireo", "/home/u"));
        assertEquals(Path.of("/home/u", ".cache", "vireo", "hub"), Weights.defaultCacheDir(null, "/home/u"));
        assertEquals(Path.of("/home/u", ".cache", "vireo", "hub"), Weights.defaultCacheDir(" ", "/home/u"));
    }

    @Test
    void preprocessingMakesA224CropFromAnyImage() {
        byte[] px = new byte[300 * 200 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31);
        }
        Image img = Image.wrap(300, 200, px);
        Tensor x = Weights.RESNET50_IMAGENET1K_V2.preprocessing().transform().apply(img);
        assertEquals(List.of(3, 224, 224), Arrays.stream(x.shape()).boxed().toList());
        assertEquals(232, Weights.RESNET50_IMAGENET1K_V2.preprocessing().resizeSize());
        assertEquals(256, Weights.RESNET50_IMAGENET1K_V1.preprocessing().resizeSize());
    }

    @Test
    void imageNetClassNamesInTorchvisionsOrder() {
        List<String> names = ImageNetClasses.names();
        assertEquals(1000, names.size());
        assertEquals("tench", names.get(0));
        assertEquals("goldfish", names.get(1));
        assertEquals("golden retriever", names.get(207));
        assertEquals("toilet tissue", names.get(999));
        assertEquals("crane bird", names.get(134));
        assertEquals("crane", names.get(517));
        assertEquals(1000, new HashSet<>(names).size(), "torchvision's names are unique");
        assertEquals(names, Weights.VGG16_IMAGENET1K_V1.categories());
        assertThrows(IndexOutOfBoundsException.class, () -> ImageNetClasses.name(1000));
        assertThrows(UnsupportedOperationException.class, () -> names.set(0, "x"));
    }
}
