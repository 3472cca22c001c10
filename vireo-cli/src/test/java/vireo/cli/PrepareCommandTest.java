package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(5, count(out.resolve("train/Sneaker")));
        assertEquals(3, count(out.resolve("valid/Ankle_boot")));
        assertEquals(2, count(out.resolve("test/Sneaker")));
        try (var s = Files.list(out.resolve("train/Sneaker"))) {
            var info = ImageDecoder.probe(s.findFirst().orElseThrow());
            assertEquals(64, info.width());
            assertEquals(64, info.height());
        }
        TrainCommandTest.usage("already exists", "datasets", "prepare", "fashion-mnist-folder", "--out",
                out.toString());
        TrainCommandTest.usage("expected indices 0..9", "datasets", "prepare", "fashion-mnist-folder", "--out",
                tmp.resolve("x").toString(), "--classes", "12");
        TrainCommandTest.usage("unknown data set", "datasets", "prepare", "cifar", "--out", tmp.resolve("y").toString());
    }

    private static long count(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
