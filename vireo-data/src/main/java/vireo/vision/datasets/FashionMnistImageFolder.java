package vireo.vision.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import vireo.vision.io.Image;
import vireo.vision.transforms.Resize;

/**
 * An image folder of JPEG files cut from Fashion-MNIST, to try the folder workflow of transfer learning
 * ({@link ImageFolder}, {@code vireo train --data DIR}) on real pictures without downloading any:
 *
 * <pre>
 * ROOT/train/ankle_boot/train-00000.jpg ...   from Fashion-MNIST's training images
 * ROOT/valid/ankle_boot/test-00011.jpg ...    from its test images
 * ROOT/test/ankle_boot/test-00249.jpg ...     from its test images too, disjoint from valid/
 * </pre>
 *
 * <p>Each kept class gets {@code train}, {@code valid} and {@code test} images (a split with 0 is not written).
 * Without a seed they are the first images of the class in file order; with one, a seeded random choice. Files are
 * named after the split file and index they came from. Images are the 28×28 grey pictures resized bilinearly
 * (torchvision's {@link Resize}) to {@code imageSize}, written as RGB JPEG with three equal channels. Class folders
 * are the class names in lower case with other characters as {@code _} ({@code ankle_boot}, {@code t_shirt_top}).
 *
 * <p>Building is idempotent: {@code ROOT/.fashion-mnist-folder} records the settings, written first as "building"
 * and last as done, so a folder holding a complete build with the same settings is reused as it is. A build with
 * other settings, or an unfinished one, is replaced: its split folders are deleted and written again. Split folders
 * without that record were not written here and are never touched (an error says so).
 *
 * <pre>{@code
 * var shoes = FashionMnistImageFolder.builder(FashionMNIST.DEBIAN_ROOT)
 *         .classes(7, 9).perClass(347, 100, 0).imageSize(224).build();
 * shoes.writeTo(Path.of("/tmp/shoes"));     // train/ and valid/, sneaker and ankle_boot
 * }</pre>
 */
public final class FashionMnistImageFolder {

    /** The record of what a folder was built with. */
    public static final String STAMP = ".fashion-mnist-folder";
    /** The split folders, in the order of {@link Builder#perClass}. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");

    private static final String DONE = "done ";
    private static final String BUILDING = "building ";

    private final Path fashionMnistRoot;
    private final int[] labels;
    private final int[] perClass;
    private final int imageSize;
    private final Long seed;
    private final float jpegQuality;

    private FashionMnistImageFolder(Builder b) {
        this.fashionMnistRoot = b.root;
        this.labels = b.labels != null ? b.labels.clone() : new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        this.perClass = b.perClass.clone();
        this.imageSize = b.imageSize;
        this.seed = b.seed;
        this.jpegQuality = b.jpegQuality;
    }

    /** Options, from the folder holding Fashion-MNIST's IDX files ({@link FashionMNIST#DEBIAN_ROOT} on Debian). */
    public static Builder builder(Path fashionMnistRoot) {
        return new Builder(fashionMnistRoot);
    }

    /** {@code "Ankle boot"} → {@code "ankle_boot"}, {@code "T-shirt/top"} → {@code "t_shirt_top"}. */
    public static String folderName(String className) {
        return className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** The class folders this writes, sorted as {@link ImageFolder} numbers them. */
    public List<String> classFolders() {
        return Arrays.stream(labels).mapToObj(k -> folderName(FashionMNIST.CATALOG.classes().get(k))).sorted()
                .toList();
    }

    /** Images written in all: classes × (train + valid + test). */
    public int imageCount() {
        return labels.length * (perClass[0] + perClass[1] + perClass[2]);
    }

    /** The settings line recorded in {@link #STAMP}. */
    public String settings() {
        return "fashion-mnist labels=" + Arrays.toString(labels).replace(" ", "") + " train=" + perClass[0]
                + " valid=" + perClass[1] + " test=" + perClass[2] + " size=" + imageSize + " seed="
                + (seed == null ? "none" : seed) + " jpeg=" + jpegQuality;
    }

    /** Whether {@code root} holds a complete build with these settings. */
    public boolean isBuiltIn(Path root) {
        return recorded(root).filter(s -> s.equals(DONE + settings())).isPresent();
    }

    /**
     * What {@code root} was built with, if this class built it: the settings line, prefixed {@code "done "} for a
     * complete build or {@code "building "} for an unfinished one.
     */
    public static Optional<String> recorded(Path root) {
        Path stamp = root.resolve(STAMP);
        if (!Files.isRegularFile(stamp)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(stamp).strip());
        } catch (IOException e) {
            return Optional.of(BUILDING + "(unreadable " + STAMP + ")");
        }
    }

    /**
     * Writes the folder under {@code root} (created if needed) unless it already holds this build.
     *
     * @return {@code true} when images were written, {@code false} when a complete identical build was reused
     * @throws IllegalStateException when {@code root} has split folders not written by this class
     * @throws IllegalArgumentException when a class has fewer images than asked (nothing is written then)
     * @throws UncheckedIOException when Fashion-MNIST cannot be read (the message names the missing files)
     */
    public boolean writeTo(Path root) throws IOException {
        if (isBuiltIn(root)) {
            return false;
        }
        if (recorded(root).isEmpty()) {
            for (String split : SPLITS) {
                if (Files.exists(root.resolve(split))) {
                    throw new IllegalStateException("FashionMnistImageFolder: " + root.resolve(split) + " exists and "
                            + "was not written here (no " + root.resolve(STAMP) + "); expected a folder without "
                            + String.join("/, ", SPLITS) + "/ sub-folders");
                }
            }
        }
        // Choose every image before touching the disk: a request the data cannot satisfy writes nothing.
        List<Pick> picks = choose();
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(root);
        Files.writeString(root.resolve(STAMP), BUILDING + settings() + "\n");
        for (String split : SPLITS) {
            deleteTree(root.resolve(split));
        }
        var resize = new Resize(imageSize);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality);
            for (Pick p : picks) {
                Path dir = root.resolve(SPLITS.get(p.split)).resolve(folderName(p.source.classes().get(p.label)));
                Files.createDirectories(dir);
                Image img = grey(p.source, p.index);
                if (imageSize != img.width()) {
                    img = resize.apply(img);
                }
                Path file = dir.resolve(String.format("%s-%05d.jpg", p.source.isTrain() ? "train" : "test", p.index));
                try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(img.toBufferedImage(), null, null), param);
                }
            }
        } finally {
            writer.dispose();
        }
        Files.writeString(root.resolve(STAMP), DONE + settings() + "\n"); // last: the build is complete
        return true;
    }

    private record Pick(FashionMNIST source, int split, int label, int index) {
    }

    private List<Pick> choose() {
        FashionMNIST train = perClass[0] > 0 ? FashionMNIST.builder(fashionMnistRoot).train(true).build() : null;
        FashionMNIST test = perClass[1] + perClass[2] > 0
                ? FashionMNIST.builder(fashionMnistRoot).train(false).build() : null;
        List<Pick> picks = new ArrayList<>();
        for (int label : labels) {
            String name = FashionMNIST.CATALOG.classes().get(label);
            if (train != null) {
                List<Integer> pool = pool(train, label);
                need(pool, perClass[0], label, name, "training images");
                for (int i = 0; i < perClass[0]; i++) {
                    picks.add(new Pick(train, 0, label, pool.get(i)));
                }
            }
            if (test != null) {
                List<Integer> pool = pool(test, label);
                need(pool, perClass[1] + perClass[2], label, name, "test images (for valid/ and test/)");
                for (int i = 0; i < perClass[1] + perClass[2]; i++) {
                    picks.add(new Pick(test, i < perClass[1] ? 1 : 2, label, pool.get(i)));
                }
            }
        }
        return picks;
    }

    /** The indices of {@code label} in file order, or shuffled by the seed (each class by its own generator). */
    private List<Integer> pool(FashionMNIST split, int label) {
        long[] y = split.labels().toLongArray();
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == label) {
                pool.add(i);
            }
        }
        if (seed != null) {
            Collections.shuffle(pool, new Random(seed * 31 + label + (split.isTrain() ? 0 : 1000)));
        }
        return pool;
    }

    private static void need(List<Integer> pool, int wanted, int label, String name, String what) {
        if (pool.size() < wanted) {
            throw new IllegalArgumentException("FashionMnistImageFolder: class " + label + " (" + name + ") has "
                    + pool.size() + " " + what + ", expected at least the " + wanted + " asked");
        }
    }

    /** Image {@code index} of {@code split} as RGB with three equal channels. */
    private static Image grey(FashionMNIST split, int index) {
        float[] px = split.images().select(0, index).toFloatArray();
        byte[] rgb = new byte[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            byte v = (byte) Math.round(Math.clamp(px[i], 0f, 1f) * 255f);
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }
        int side = split.images().size(3);
        return Image.wrap(side, split.images().size(2), rgb);
    }


    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Settings; defaults: all 10 classes, 100 / 50 / 50 images per class, 28 px, file order, JPEG quality 0.75. */
    public static final class Builder {
        private final Path root;
        private int[] labels;
        private int[] perClass = {100, 50, 50};
        private int imageSize = 28;
        private Long seed;
        private float jpegQuality = 0.75f; // ImageIO's default

        private Builder(Path root) {
            this.root = root;
        }

        /** The labels to keep (0..9, each once); default all ten. */
        public Builder classes(int... labels) {
            if (labels.length == 0) {
                throw new IllegalArgumentException("classes: expected at least one label, received none");
            }
            int classes = FashionMNIST.CATALOG.classes().size();
            boolean[] seen = new boolean[classes];
            for (int k : labels) {
                if (k < 0 || k >= classes) {
                    throw new IllegalArgumentException("classes: expected labels 0.." + (classes - 1)
                            + ", received " + k);
                }
                if (seen[k]) {
                    throw new IllegalArgumentException("classes: expected each label once, received " + k + " twice");
                }
                seen[k] = true;
            }
            this.labels = labels.clone();
            return this;
        }

        /** Images per class in {@code train/}, {@code valid/} and {@code test/} (0 leaves a split out). */
        public Builder perClass(int train, int valid, int test) {
            if (train < 0 || valid < 0 || test < 0 || train + valid + test == 0) {
                throw new IllegalArgumentException("perClass: expected non-negative counts, not all 0, received "
                        + train + ", " + valid + ", " + test);
            }
            this.perClass = new int[]{train, valid, test};
            return this;
        }

        /** The side of the written square images (default 28: the originals). */
        public Builder imageSize(int px) {
            if (px < 1) {
                throw new IllegalArgumentException("imageSize: expected a positive size, received " + px);
            }
            this.imageSize = px;
            return this;
        }

        /** A seeded random choice of images instead of the first of each class. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** JPEG quality in (0, 1] (default 0.75, ImageIO's). */
        public Builder jpegQuality(float quality) {
            if (!(quality > 0 && quality <= 1)) {
                throw new IllegalArgumentException("jpegQuality: expected a value in (0, 1], received " + quality);
            }
            this.jpegQuality = quality;
            return this;
        }

        public FashionMnistImageFolder build() {
            return new FashionMnistImageFolder(this);
        }
    }
}
