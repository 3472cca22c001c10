package vireo.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The JPEG folder of the input-pipeline workload, the same files for Vireo's side and torchvision's: two class
 * folders of photo-like pictures (smooth colour fields, edges, sensor-like noise), mostly 500×375 landscape with
 * every fourth one 375×500 portrait, written by the JDK's libjpeg at quality 90 with 4:2:0 chroma (what cameras and
 * the web mostly hold; about 60–80 KB each). Deterministic: the pixels depend only on the index.
 *
 * <pre>
 * scripts/run-java vireo-bench vireo.bench.PipelineImages        (writes the folder if missing, prints its path)
 * </pre>
 */
public final class PipelineImages {

    /** Files in the folder; an epoch of the workload reads each once. */
    public static final int COUNT = 512;
    /** Bump when the pictures change, so an old folder is not taken for the new one. */
    private static final String VERSION = "v1";

    private PipelineImages() {
    }

    /** Writes the default folder when it is missing and prints its path (for bench/compare's PyTorch side). */
    public static void main(String[] args) {
        System.out.println(ensure(defaultFolder(), COUNT));
    }

    /** {@code <java.io.tmpdir>/vireo-pipeline-jpeg-<version>-<count>}. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "vireo-pipeline-jpeg-" + VERSION + "-" + COUNT);
    }

    /**
     * {@code folder}, written with {@code count} pictures unless it already exists. A new folder is written beside
     * it and renamed into place, so a run that is stopped half-way never leaves a partial folder behind under the
     * real name, and two runs started together both end up with complete folders.
     */
    public static Path ensure(Path folder, int count) {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        try {
            Path parent = folder.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, folder.getFileName() + ".partial-");
            try {
                write(tmp, count);
                Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
            } catch (IOException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
                // Another run renamed its copy into place first (a non-empty target fails the move): use it.
            } finally {
                deleteTree(tmp);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("pipeline workload: cannot write its JPEG folder " + folder, e);
        }
    }

    private static void write(Path root, int count) throws IOException {
        for (int c = 0; c < 2; c++) {
            Files.createDirectories(root.resolve("class" + c));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            for (int i = 0; i < count; i++) {
                Path file = root.resolve("class" + (i % 2)).resolve(String.format("%05d.jpg", i));
                try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(picture(i), null, null), param);
                }
            }
        } finally {
            writer.dispose();
        }
    }

    /** Picture {@code i}: a deterministic function of {@code i}. */
    static BufferedImage picture(int i) {
        boolean portrait = i % 4 == 3;
        int w = portrait ? 375 : 500;
        int h = portrait ? 500 : 375;
        var random = new SplittableRandom(1000 + i);
        double fx = 1 + 5 * random.nextDouble();
        double fy = 1 + 5 * random.nextDouble();
        double phase = 6.28 * random.nextDouble();
        // A blurred "object": an ellipse of its own colour, whose edge JPEG has to code.
        double cx = w * (0.2 + 0.6 * random.nextDouble());
        double cy = h * (0.2 + 0.6 * random.nextDouble());
        double rx = w * (0.1 + 0.25 * random.nextDouble());
        double ry = h * (0.1 + 0.25 * random.nextDouble());
        double[] tint = {255 * random.nextDouble(), 255 * random.nextDouble(), 255 * random.nextDouble()};
        int stripe = 5 + i % 11;
        var img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                double r = 128 + 100 * Math.sin(u * fx + phase);
                double g = 40 + 180 * v * (0.5 + 0.5 * Math.cos(fy * u));
                double b = 200 - 150 * u;
                if (((x / stripe) + (y / 9)) % 2 == 0) { // texture: a faint checker, like fabric or tiles
                    r *= 0.85;
                    g *= 0.85;
                    b *= 0.85;
                }
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                double inside = 1 / (1 + Math.exp(8 * (dx * dx + dy * dy - 1))); // soft edge
                r += inside * (tint[0] - r);
                g += inside * (tint[1] - g);
                b += inside * (tint[2] - b);
                int o = (y * w + x) * 3;
                bgr[o] = clamp(b + 4 * random.nextGaussian());
                bgr[o + 1] = clamp(g + 4 * random.nextGaussian());
                bgr[o + 2] = clamp(r + 4 * random.nextGaussian());
            }
        }
        return img;
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
