package vireo.examples.transfer;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import vireo.tensor.Tensor;
import vireo.vision.datasets.FashionMNIST;

/**
 * Builds an image folder shaped like the Alien-vs-Predator data set of the transfer-learning tutorials from
 * Fashion-MNIST: two classes, sneaker (label 7) and ankle boot (label 9), {@code perClassTrain} training and
 * {@code perClassValid} validation images each, upscaled from 28×28 grey to {@code size}×{@code size} RGB JPEG files.
 *
 * <pre>
 * ROOT/train/ankle_boot/00000.jpg ... ROOT/train/sneaker/00346.jpg
 * ROOT/valid/ankle_boot/00000.jpg ... ROOT/valid/sneaker/00099.jpg
 * </pre>
 *
 * <p>Training images are the first images of each class in Fashion-MNIST's training split, validation images the
 * first of each class in its test split, so the two never overlap. Building is idempotent: a folder that already
 * holds a complete build with the same parameters (recorded in {@code ROOT/.avp-folder}) is reused as it is.
 */
public record AvpFolder(Path mnistRoot, int perClassTrain, int perClassValid, int size) {

    /** The tutorial's shape: 347 + 100 images per class at 224×224 (694 training and 200 validation images). */
    public static AvpFolder tutorial(Path mnistRoot) {
        return new AvpFolder(mnistRoot, 347, 100, 224);
    }

    /** Folder name → Fashion-MNIST label. Sorted by name, as ImageFolder numbers classes: ankle_boot 0, sneaker 1. */
    static final List<String> CLASSES = List.of("ankle_boot", "sneaker");
    private static final int[] LABELS = {9, 7};
    private static final String STAMP = ".avp-folder";

    public AvpFolder {
        if (perClassTrain <= 0 || perClassValid <= 0 || size < 28) {
            throw new IllegalArgumentException("AvpFolder: expected positive image counts and a size of at least 28, "
                    + "received " + perClassTrain + ", " + perClassValid + ", " + size);
        }
    }

    /**
     * Builds the tutorial-shaped folder: {@code AvpFolder ROOT [FASHION_MNIST_DIR]} (default Debian's copy). For
     * {@code bench/compare transfer_avp_5epochs --avp ROOT}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: AvpFolder ROOT [FASHION_MNIST_DIR]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        AvpFolder folder = tutorial(args.length > 1 ? Path.of(args[1]) : FashionMNIST.DEBIAN_ROOT);
        System.out.println((folder.build(root) ? "built " : "reused ") + root.toAbsolutePath());
    }

    /** Whether {@code root} holds a complete build with these parameters. */
    public boolean isBuilt(Path root) {
        try {
            return Files.isRegularFile(root.resolve(STAMP)) && Files.readString(root.resolve(STAMP)).equals(stamp());
        } catch (IOException e) {
            return false;
        }
    }

    /** Builds the folder under {@code root} unless it is already built; returns {@code true} when it wrote files. */
    public boolean build(Path root) throws IOException {
        if (isBuilt(root)) {
            return false;
        }
        System.setProperty("java.awt.headless", "true");
        Files.deleteIfExists(root.resolve(STAMP)); // a partial or different build is rewritten in full
        write(FashionMNIST.builder(mnistRoot).train(true).build(), root.resolve("train"), perClassTrain);
        write(FashionMNIST.builder(mnistRoot).train(false).build(), root.resolve("valid"), perClassValid);
        Files.writeString(root.resolve(STAMP), stamp()); // last: its presence means the build finished
        return true;
    }

    private String stamp() {
        return "fashion-mnist sneaker(7)/ankle_boot(9) train=" + perClassTrain + " valid=" + perClassValid
                + " size=" + size + " jpeg\n";
    }

    private void write(FashionMNIST split, Path dir, int perClass) throws IOException {
        Tensor images = split.images();
        long[] labels = split.labels().longs();
        for (int c = 0; c < CLASSES.size(); c++) {
            Path classDir = dir.resolve(CLASSES.get(c));
            clear(classDir);
            Files.createDirectories(classDir);
            int written = 0;
            for (int i = 0; i < labels.length && written < perClass; i++) {
                if (labels[i] == LABELS[c]) {
                    float[] grey = images.select(0, i).toFloatArray();
                    Path file = classDir.resolve(String.format("%05d.jpg", written));
                    if (!ImageIO.write(upscale(grey, 28, size), "jpg", file.toFile())) {
                        throw new IOException("AvpFolder: no JPEG writer in javax.imageio to write " + file);
                    }
                    written++;
                }
            }
            if (written < perClass) {
                throw new IllegalStateException("AvpFolder: expected " + perClass + " images of label " + LABELS[c]
                        + " in " + split + ", found " + written);
            }
        }
    }

    /** A {@code side}×{@code side} grey picture in [0, 1] scaled bilinearly to {@code size}×{@code size} RGB. */
    static BufferedImage upscale(float[] grey, int side, int size) {
        var small = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = Math.round(Math.clamp(grey[y * side + x], 0f, 1f) * 255f);
                small.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        var big = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        var g = big.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(small, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return big;
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
