package vireo.examples.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.ImageFolder;

class AvpFolderTest {

    @TempDir
    Path root;

    @Test
    void buildsAnImageFolderOfSneakersAndAnkleBootsOnceAndReusesIt() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FashionMNIST.DEBIAN_ROOT), "needs Debian's Fashion-MNIST");
        var spec = new AvpFolder(FashionMNIST.DEBIAN_ROOT, 3, 2, 64);
        assertFalse(spec.isBuilt(root));
        assertTrue(spec.build(root));
        assertTrue(spec.isBuilt(root));

        ImageFolder train = ImageFolder.of(root.resolve("train"));
        ImageFolder valid = ImageFolder.of(root.resolve("valid"));
        assertEquals(List.of("ankle_boot", "sneaker"), train.classes());
        assertEquals(Map.of("ankle_boot", 3, "sneaker", 3), train.classCounts());
        assertEquals(Map.of("ankle_boot", 2, "sneaker", 2), valid.classCounts());
        assertTrue(train.skipped().isEmpty());
        Tensor x = train.get(0).get(0);
        assertEquals(List.of(3, 64, 64), List.of(x.size(0), x.size(1), x.size(2)));
        // Grey pictures of a shoe on black: the channels agree and the corner is dark, the middle is not.
        assertEquals(x.get(0, 32, 32), x.get(2, 32, 32), 0.05f);
        assertTrue(x.get(0, 0, 0) < 0.1f && x.mean().item() > 0.05f, "mean " + x.mean().item());

        Path sample = root.resolve("train/sneaker/00000.jpg");
        long modified = Files.getLastModifiedTime(sample).toMillis();
        assertFalse(spec.build(root), "a complete folder is reused");
        assertEquals(modified, Files.getLastModifiedTime(sample).toMillis());
        assertTrue(new AvpFolder(FashionMNIST.DEBIAN_ROOT, 2, 2, 64).build(root), "other sizes rebuild");
        assertEquals(Map.of("ankle_boot", 2, "sneaker", 2), ImageFolder.of(root.resolve("train")).classCounts());
    }
}
