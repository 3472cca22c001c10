package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.io.ImageDecoder;

class PrepareCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesAFashionMnistImageFolder() throws Exception {
        assumeTrue(Files.isRegularFile(FashionMNIST.DEBIAN_ROOT.resolve("train-images-idx3-ubyte.gz")),
                "needs the Debian package dataset-fashion-mnist");
        Path out = tmp.resolve("fm");
        var r = Cli.run("datasets", "prepare", "fashion-mnist-folder", "--out", out.toString(), "--classes", "7,9",
                "--per-class", "5,3,2", "--size", "64");
        assertEquals(0, r.code(), r.toString());
        assertEquals("wrote 20 images of 2 classes into " + out + "\n", r.out());
        assertEquals(5, count(out.resolve("train/sneaker")));
        assertEquals(3, count(out.resolve("valid/ankle_boot")));
        assertEquals(2, count(out.resolve("test/sneaker")));
        try (var s = Files.list(out.resolve("train/sneaker"))) {
            var info = ImageDecoder.probe(s.findFirst().orElseThrow());
            assertEquals(64, info.width());
            assertEquals(64, info.height());
        }
        var again = Cli.run("datasets", "prepare", "fashion-mnist-folder", "--out", out.toString(), "--classes",
                "7,9", "--per-class", "5,3,2", "--size", "64");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already holds these 20 images"), again.toString());
        TrainCommandTest.usage("already holds a folder built with other settings", "datasets", "prepare",
                "fashion-mnist-folder", "--out", out.toString());
        var replaced = Cli.run("datasets", "prepare", "fashion-mnist-folder", "--out", out.toString(), "--classes",
                "7,9", "--per-class", "1,1", "--overwrite");
        assertEquals(0, replaced.code(), replaced.toString());
        assertEquals(1, count(out.resolve("train/sneaker")));
        assertFalse(Files.exists(out.resolve("test")));

        TrainCommandTest.usage("--classes: expected labels 0..9, received 12", "datasets", "prepare",
                "fashion-mnist-folder", "--out", tmp.resolve("x").toString(), "--classes", "12");
        TrainCommandTest.usage("--per-class: class 7 (Sneaker) has 1000 test images (for valid/ and test/), "
                + "expected at least the 1001 asked", "datasets", "prepare", "fashion-mnist-folder", "--out",
                tmp.resolve("x").toString(), "--classes", "7", "--per-class", "1,1000,1");
        assertFalse(Files.exists(tmp.resolve("x")));
        Files.createDirectories(tmp.resolve("mine/train"));
        TrainCommandTest.usage("--out: " + tmp.resolve("mine/train") + " exists and was not written here",
                "datasets", "prepare", "fashion-mnist-folder", "--out", tmp.resolve("mine").toString());
        TrainCommandTest.usage("unknown data set", "datasets", "prepare", "cifar", "--out", tmp.resolve("y").toString());
        TrainCommandTest.usage("cannot read Fashion-MNIST: FashionMNIST: cannot find the train split", "datasets",
                "prepare", "fashion-mnist-folder", "--out", tmp.resolve("z").toString(), "--data-root",
                tmp.resolve("nowhere").toString());
    }

    private static long count(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
