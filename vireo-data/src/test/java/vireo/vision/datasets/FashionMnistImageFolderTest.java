package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.io.ImageDecoder;

class FashionMnistImageFolderTest {

    @TempDir
    Path tmp;

    Path idx;
    Path root;

    /** A fake Fashion-MNIST: 60 training and 40 test images, label i mod 10 (6 and 4 per class). */
    @BeforeEach
    void fakeData() throws IOException {
        idx = tmp.resolve("idx");
        IdxFiles.split(idx, "train", 60, true);
        IdxFiles.split(idx, "t10k", 40, true);
        root = tmp.resolve("out");
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheChosenImagesOfEachClassIntoTheirSplits() throws IOException {
        var folder = FashionMnistImageFolder.builder(idx).classes(9, 7).perClass(3, 2, 1).jpegQuality(1f).build();
        assertEquals(List.of("ankle_boot", "sneaker"), folder.classFolders());
        assertEquals(12, folder.imageCount());
        assertTrue(folder.writeTo(root));

        assertEquals(List.of(".fashion-mnist-folder", "test", "train", "valid"), names(root));
        assertEquals(List.of("train-00007.jpg", "train-00017.jpg", "train-00027.jpg"), names(root.resolve(
                "train/sneaker")));
        // valid/ and test/ both come from the test file, disjoint: the first two of a class, then the next one.
        assertEquals(List.of("test-00009.jpg", "test-00019.jpg"), names(root.resolve("valid/ankle_boot")));
        assertEquals(List.of("test-00029.jpg"), names(root.resolve("test/ankle_boot")));

        // The picture is the one the name says (grey in three equal channels), up to JPEG's loss.
        FashionMNIST train = FashionMNIST.builder(idx).build();
        Image img = ImageDecoder.read(root.resolve("train/sneaker/train-00017.jpg"));
        assertEquals(28, img.width());
        assertTrue(meanAbsDiff(img, train.images().select(0, 17)) < 6, "the written image");
        assertTrue(meanAbsDiff(img, train.images().select(0, 27)) > 20, "another image");
        assertEquals(img.get(5, 9, 0), img.get(5, 9, 2), 2);

        ImageFolder read = ImageFolder.of(root.resolve("train"));
        assertEquals(List.of("ankle_boot", "sneaker"), read.classes());
        assertEquals(Map.of("ankle_boot", 3, "sneaker", 3), read.classCounts());
    }

    @Test
    void aCompleteBuildIsReusedAndOtherSettingsReplaceIt() throws IOException {
        var small = FashionMnistImageFolder.builder(idx).classes(0, 1).perClass(2, 1, 1).imageSize(40).build();
        assertFalse(small.isBuiltIn(root));
        assertTrue(small.writeTo(root));
        assertTrue(small.isBuiltIn(root));
        Path sample = root.resolve("train/trouser/train-00001.jpg");
        assertEquals(40, ImageDecoder.probe(sample).width());
        long modified = Files.getLastModifiedTime(sample).toMillis();
        assertFalse(small.writeTo(root), "the same settings reuse the folder");
        assertEquals(modified, Files.getLastModifiedTime(sample).toMillis());

        var other = FashionMnistImageFolder.builder(idx).classes(0, 1).perClass(1, 1, 0).build();
        assertTrue(other.writeTo(root), "other settings rebuild");
        assertEquals(List.of("train-00001.jpg"), names(root.resolve("train/trouser")));
        assertFalse(Files.exists(root.resolve("test")), "a split no longer asked for is gone");
        assertTrue(FashionMnistImageFolder.recorded(root).orElseThrow().startsWith("done fashion-mnist labels=[0,1]"));

        // An unfinished build (its record says "building") is not reused.
        Files.writeString(root.resolve(FashionMnistImageFolder.STAMP), "building " + other.settings());
        assertFalse(other.isBuiltIn(root));
        assertTrue(other.writeTo(root));
    }

    @Test
    void refusesFoldersItDidNotWriteAndRequestsTheDataCannotMeet() throws IOException {
        Files.createDirectories(root.resolve("valid/mine"));
        var folder = FashionMnistImageFolder.builder(idx).classes(3).perClass(1, 1, 0).build();
        var e = assertThrows(IllegalStateException.class, () -> folder.writeTo(root));
        assertTrue(e.getMessage().contains("valid exists and was not written here"), e.getMessage());
        assertEquals(List.of("valid"), names(root));

        Path fresh = tmp.resolve("fresh");
        var tooMany = FashionMnistImageFolder.builder(idx).classes(3).perClass(2, 3, 2).build();
        var e2 = assertThrows(IllegalArgumentException.class, () -> tooMany.writeTo(fresh));
        assertEquals("FashionMnistImageFolder: class 3 (Dress) has 4 test images (for valid/ and test/), expected "
                + "at least the 5 asked", e2.getMessage());
        assertFalse(Files.exists(fresh), "nothing is written");

        assertThrows(IllegalArgumentException.class, () -> FashionMnistImageFolder.builder(idx).classes(10));
        assertThrows(IllegalArgumentException.class, () -> FashionMnistImageFolder.builder(idx).classes(1, 1));
        assertThrows(IllegalArgumentException.class, () -> FashionMnistImageFolder.builder(idx).perClass(0, 0, 0));
        var missing = FashionMnistImageFolder.builder(tmp.resolve("nowhere")).build();
        var e3 = assertThrows(java.io.UncheckedIOException.class, () -> missing.writeTo(fresh));
        assertTrue(e3.getMessage().startsWith("FashionMNIST: cannot find the train split"), e3.getMessage());
    }

    @Test
    void aSeedChoosesOtherImagesTheSameWayEachTime() throws IOException {
        var seeded = FashionMnistImageFolder.builder(idx).classes(4).perClass(3, 0, 0).seed(5).build();
        seeded.writeTo(tmp.resolve("a"));
        FashionMnistImageFolder.builder(idx).classes(4).perClass(3, 0, 0).seed(5).build().writeTo(tmp.resolve("b"));
        FashionMnistImageFolder.builder(idx).classes(4).perClass(3, 0, 0).build().writeTo(tmp.resolve("c"));
        List<String> a = names(tmp.resolve("a/train/coat"));
        assertEquals(a, names(tmp.resolve("b/train/coat")));
        assertEquals(List.of("train-00004.jpg", "train-00014.jpg", "train-00024.jpg"), names(tmp.resolve(
                "c/train/coat")));
        assertNotEquals(names(tmp.resolve("c/train/coat")), a);
    }

    @Test
    void folderNames() {
        assertEquals("t_shirt_top", FashionMnistImageFolder.folderName("T-shirt/top"));
        assertEquals("ankle_boot", FashionMnistImageFolder.folderName("Ankle boot"));
    }

    /** The sneaker/ankle-boot folder of the transfer-learning example, from Debian's real data, upscaled. */
    @Test
    void realShoesUpscaled() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FashionMNIST.DEBIAN_ROOT), "needs Debian's Fashion-MNIST");
        var shoes = FashionMnistImageFolder.builder(FashionMNIST.DEBIAN_ROOT).classes(7, 9).perClass(3, 2, 0)
                .imageSize(64).build();
        assertTrue(shoes.writeTo(root));
        ImageFolder train = ImageFolder.of(root.resolve("train"));
        assertEquals(Map.of("ankle_boot", 3, "sneaker", 3), train.classCounts());
        assertEquals(Map.of("ankle_boot", 2, "sneaker", 2), ImageFolder.of(root.resolve("valid")).classCounts());
        assertTrue(train.skipped().isEmpty());
        Tensor x = train.get(0).get(0);
        assertEquals(List.of(3, 64, 64), List.of(x.size(0), x.size(1), x.size(2)));
        // Grey pictures of a shoe on black: the channels agree and the corner is dark, the middle is not.
        assertEquals(x.get(0, 32, 32), x.get(2, 32, 32), 0.05f);
        assertTrue(x.get(0, 0, 0) < 0.1f && x.mean().item() > 0.05f, "mean " + x.mean().item());
    }

    /** Mean |decoded red channel − original × 255| over the picture. */
    private static double meanAbsDiff(Image img, Tensor grey) {
        float[] g = grey.toFloatArray();
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            sum += Math.abs(img.get(i % 28, i / 28, 0) - Math.round(g[i] * 255f));
        }
        return sum / g.length;
    }
}
