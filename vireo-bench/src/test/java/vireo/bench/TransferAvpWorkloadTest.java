package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.vision.models.ResNet;

/** The transfer workload end to end on a tiny folder and a narrow ResNet, and how the driver gets its folder. */
class TransferAvpWorkloadTest {

    @TempDir
    Path root;

    @Test
    void runsOnASmallFolderWithANarrowNet() throws IOException {
        Random r = new Random(1);
        for (String split : new String[]{"train", "valid"}) {
            for (String cls : new String[]{"alien", "predator"}) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(cls));
                for (int i = 0; i < 3; i++) {
                    var img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            img.setRGB(x, y, r.nextInt(1 << 24));
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        var w = new TransferAvpWorkload("t", root, 2,
                () -> ResNet.builder(ResNet.Block.BOTTLENECK, 1, 1, 1, 1).baseWidth(4).build());
        double seconds = w.run();
        assertTrue(seconds > 0 && Double.isFinite(seconds), "seconds " + seconds);

        var missing = new TransferAvpWorkload("t", root.resolve("nowhere"), 1, ResNet::resnet50);
        assertThrows(IllegalStateException.class, missing::run);
    }

    @Test
    void theDriverPassesTheFolderOfAvp() {
        assertEquals(Path.of("/x/avp"), BenchMain.avpFolder(new String[]{"--threads", "2", "--avp", "/x/avp", "a"}));
        assertEquals(null, BenchMain.avpFolder(new String[]{"--threads", "2"}));
        assertFalse(Workloads.all().containsKey("transfer_avp_5epochs"));
        var w = Workloads.all(Path.of("/x/avp")).get("transfer_avp_5epochs");
        assertEquals(Path.of("/x/avp"), ((TransferAvpWorkload) w).folder());
        assertEquals(Unit.SECONDS, w.unit());
        var sink = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        assertEquals(0, BenchMain.run(new String[]{"--avp", "/x/avp", "--list"}, Workloads.all(), sink, sink));
        assertEquals(2, BenchMain.run(new String[]{"--avp"}, Workloads.all(), sink, sink));
    }
}
