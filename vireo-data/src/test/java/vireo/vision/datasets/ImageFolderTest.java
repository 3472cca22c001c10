package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.transforms.ColorJitter;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Normalize;
import vireo.vision.transforms.RandomHorizontalFlip;
import vireo.vision.transforms.RandomResizedCrop;
import vireo.vision.transforms.ToTensor;
import vireo.vision.transforms.Transform;

class ImageFolderTest {

    private static Path decoded(String name) {
        try {
            return Path.of(ImageFolderTest.class.getResource("/vision/decode/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** cats (3 good), dogs (2 good + corrupt + empty + text file), birds (1 good, nested). */
    private static Path makeFolder(Path root) throws IOException {
        Path cats = Files.createDirectories(root.resolve("cats"));
        Path dogs = Files.createDirectories(root.resolve("dogs"));
        Path birds = Files.createDirectories(root.resolve("birds").resolve("nested"));
        Files.copy(decoded("baseline.jpg"), cats.resolve("a.jpg"));
        Files.copy(decoded("progressive.jpg"), cats.resolve("b.JPEG"));
        Files.copy(decoded("cmyk.jpg"), cats.resolve("c.jpg"));
        Files.copy(decoded("rgba.png"), dogs.resolve("a.png"));
        Files.copy(decoded("image.gif"), dogs.resolve("b.gif"));
        Files.writeString(dogs.resolve("corrupt.jpg"), "definitely not a jpeg");
        Files.createFile(dogs.resolve("zero.png"));
        Files.writeString(dogs.resolve("README.txt"), "notes");
        Files.copy(decoded("image.bmp"), birds.resolve("a.bmp"));
        return root;
    }

    @Test
    void scansSortedClassesSkipsAndReportsUnreadableFiles(@TempDir Path tmp) throws IOException {
        Path root = makeFolder(tmp);
        List<String> warnings = new ArrayList<>();
        ImageFolder ds = ImageFolder.builder(root).warnings(warnings::add).build();
        assertEquals(List.of("birds", "cats", "dogs"), ds.classes());
        assertEquals(Map.of("birds", 0, "cats", 1, "dogs", 2), ds.classToIdx());
        assertEquals(Map.of("birds", 1, "cats", 3, "dogs", 2), ds.classCounts());
        assertEquals(6, ds.size());
        assertArrayEquals(new int[]{0, 1, 1, 1, 2, 2}, ds.labels());

        Set<Path> skipped = new HashSet<>();
        for (ImageFolder.Skipped s : ds.skipped()) {
            skipped.add(s.path());
            assertTrue(s.reason().contains(s.path().toString()), s.reason());
        }
        assertEquals(Set.of(root.resolve("dogs/corrupt.jpg"), root.resolve("dogs/zero.png")), skipped);
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals(List.of(root.resolve("dogs/README.txt")), ds.ignored());

        ImageFolder.SizeStats s = ds.sizeStats();
        assertEquals(6, s.count());
        assertEquals(16, s.minWidth());
        assertEquals(40, s.maxWidth());
        assertEquals(8, s.minHeight());
        assertEquals(30, s.maxHeight());
        assertTrue(ds.summary().contains("6 images in 3 classes"), ds.summary());

        List<Tensor> sample = ds.get(1);
        assertArrayEquals(new int[]{3, 30, 40}, sample.get(0).shape());
        assertEquals(1L, sample.get(1).toLongArray()[0]);
        assertEquals(root.resolve("cats/a.jpg"), ds.path(1));
    }

    @Test
    void strictModeFailsWithThePath(@TempDir Path tmp) throws IOException {
        Path root = makeFolder(tmp);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ImageFolder.builder(root).strict(true).build());
        assertTrue(e.getMessage().contains(root.resolve("dogs/corrupt.jpg").toString()), e.getMessage());
    }

    @Test
    void emptyClassFailsLikeTorchvision(@TempDir Path tmp) throws IOException {
        Path root = makeFolder(tmp);
        Files.createDirectories(root.resolve("empty_class"));
        Files.createDirectories(root.resolve("only_broken"));
        Files.createFile(root.resolve("only_broken/x.jpg"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ImageFolder.builder(root).warnings(w -> { }).build());
        assertInstanceOf(FileNotFoundException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("Found no valid file for the classes empty_class, only_broken."),
                e.getMessage());

        Path none = Files.createDirectories(tmp.resolve("none"));
        e = assertThrows(UncheckedIOException.class, () -> ImageFolder.of(none));
        assertTrue(e.getMessage().contains("Couldn't find any class folder"), e.getMessage());
    }

    @Test
    void aFileDamagedAfterOpeningIsReplacedMidEpochNotFatal(@TempDir Path tmp) throws IOException {
        Path root = makeFolder(tmp);
        List<String> warnings = new ArrayList<>();
        ImageFolder ds = ImageFolder.builder(root).warnings(warnings::add).build();
        byte[] jpeg = Files.readAllBytes(root.resolve("cats/a.jpg"));
        Files.write(root.resolve("cats/a.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3)); // truncated later
        List<Tensor> sample = ds.get(1);
        assertEquals(1L, sample.get(1).toLongArray()[0], "served cats/b.JPEG, the next sample");
        assertEquals(1, ds.failedDuringEpoch().size());
        assertEquals(root.resolve("cats/a.jpg"), ds.failedDuringEpoch().get(0).path());

        assertEquals(6, ImageFolder.builder(root).warnings(w -> { }).build().size(),
                "the header is intact: a header check keeps the file");
        ImageFolder verified = ImageFolder.builder(root).warnings(w -> { }).verify(true).build();
        assertEquals(5, verified.size(), "a full decode at opening finds the damage");
        assertEquals(root.resolve("cats/a.jpg"), verified.skipped().get(0).path());
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ImageFolder.builder(root).strict(true).verify(true).build());
        assertTrue(e.getMessage().contains(root.resolve("cats/a.jpg").toString()), e.getMessage());

        // Strict mode: a file damaged after opening fails the read, with its path.
        Path clean = Files.createDirectories(tmp.resolve("clean/only"));
        Files.copy(decoded("baseline.jpg"), clean.resolve("x.jpg"));
        ImageFolder strict = ImageFolder.builder(clean.getParent()).strict(true).build();
        Files.write(clean.resolve("x.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        UncheckedIOException atRead = assertThrows(UncheckedIOException.class, () -> strict.get(0));
        assertTrue(atRead.getMessage().contains(clean.resolve("x.jpg").toString()), atRead.getMessage());
    }

    @Test
    void splitIsStratifiedDisjointCompleteAndSeeded(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("data");
        for (String c : List.of("a", "b")) {
            Path dir = Files.createDirectories(root.resolve(c));
            for (int i = 0; i < 20; i++) {
                Files.copy(decoded("palette.png"), dir.resolve(String.format("%02d.png", i)));
            }
        }
        ImageFolder all = ImageFolder.of(root);
        ImageFolderSplit s = all.split(0.7, 0.2, 0.1, 42);
        assertEquals(Map.of("a", 14, "b", 14), s.train().classCounts());
        assertEquals(Map.of("a", 4, "b", 4), s.valid().classCounts());
        assertEquals(Map.of("a", 2, "b", 2), s.test().classCounts());
        Set<Path> seen = new HashSet<>();
        for (ImageFolder part : List.of(s.train(), s.valid(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(seen.add(part.path(i)), "in two splits: " + part.path(i));
            }
        }
        assertEquals(40, seen.size());
        ImageFolderSplit again = all.split(0.7, 0.2, 0.1, 42);
        ImageFolderSplit other = all.split(0.7, 0.2, 0.1, 43);
        assertEquals(paths(s.valid()), paths(again.valid()));
        assertTrue(!paths(s.valid()).equals(paths(other.valid())));
        assertThrows(IllegalArgumentException.class, () -> all.split(0.5, 0.2, 0.2, 1));
    }

    private static List<Path> paths(ImageFolder f) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            out.add(f.path(i));
        }
        return out;
    }

    @Test
    void loaderWithWorkersGivesTheSameAugmentedBatchesForTheSameSeed(@TempDir Path tmp) throws IOException {
        Path root = makeFolder(tmp);
        Transform<Image, Tensor> aug = Compose.of(new RandomResizedCrop(16), new RandomHorizontalFlip(),
                new ColorJitter(0.4, 0.4, 0.4, 0.1), new ToTensor(), Normalize.IMAGENET);
        ImageFolder ds = ImageFolder.builder(root).warnings(w -> { }).transform(aug).build();
        List<float[]> a = epoch(ds, 7, 2);
        List<float[]> b = epoch(ds, 7, 0);
        List<float[]> c = epoch(ds, 8, 2);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "batch " + i);
        }
        assertTrue(!Arrays.equals(a.get(0), c.get(0)), "another seed should give other batches");
    }

    private static List<float[]> epoch(ImageFolder ds, long seed, int workers) {
        List<float[]> out = new ArrayList<>();
        try (var loader = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(seed).numWorkers(workers).build()) {
            for (Batch b : loader) {
                assertArrayEquals(new int[]{b.size(), 3, 16, 16}, b.input().shape());
                out.add(b.input().toFloatArray());
                out.add(b.target().toFloatArray());
            }
        }
        return out;
    }
}
