package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.vision.io.Image;
import vireo.vision.io.ImageDecoder;

/** The pipeline workload's folder and a run of the workload on a small one. */
class PipelineWorkloadTest {

    @TempDir
    Path root;

    @Test
    void writesAFolderOfPhotoSizedJpegsOnceAndDeterministically() throws IOException {
        Path a = PipelineImages.ensure(root.resolve("a"), 5);
        Path b = PipelineImages.ensure(root.resolve("b"), 5);
        try (Stream<Path> files = Files.list(a.resolve("class0"))) {
            assertEquals(3, files.count());
        }
        Path portrait = a.resolve("class1").resolve("00003.jpg");
        assertArrayEquals(Files.readAllBytes(portrait), Files.readAllBytes(b.resolve("class1").resolve("00003.jpg")));
        Image img = ImageDecoder.read(portrait);
        assertEquals(375, img.width());
        assertEquals(500, img.height());
        assertEquals(500, ImageDecoder.read(a.resolve("class0").resolve("00000.jpg")).width());
        long size = Files.size(portrait);
        assertTrue(size > 20_000 && size < 200_000, "a photo-like JPEG of 375x500 at quality 90, received " + size
                + " bytes");

        long before = Files.getLastModifiedTime(portrait).toMillis();
        PipelineImages.ensure(a, 5); // exists: kept as it is
        assertEquals(before, Files.getLastModifiedTime(portrait).toMillis());
        try (Stream<Path> siblings = Files.list(root)) {
            assertEquals(2, siblings.count(), "no partial folder left behind");
        }
    }

    @Test
    void runsTheAugmentationPipelineOnASmallFolder() {
        Path folder = PipelineImages.ensure(root.resolve("imgs"), 6);
        var w = new PipelineWorkload("p", () -> folder, 1, 2, 4);
        double rate = w.run();
        assertTrue(rate > 0 && Double.isFinite(rate), "images/s " + rate);
        assertEquals(Unit.IMAGES_PER_S, w.unit());
        assertEquals(4, w.details().get("batch"));
        Object cpu = w.details().get("cpu_ms_per_image");
        assertTrue(cpu instanceof Number n && n.doubleValue() > 0, "CPU ms per image " + cpu);
        assertEquals("pipeline_224_augment", PipelineWorkload.augment224().name());
    }
}
