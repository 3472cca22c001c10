package vireo.vision.datasets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import vireo.data.Dataset;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.io.ImageDecoder;
import vireo.vision.io.ImageInfo;
import vireo.vision.transforms.ToTensor;
import vireo.vision.transforms.Transform;

/**
 * A folder of images sorted into one sub-folder per class, like {@code torchvision.datasets.ImageFolder}:
 * {@code root/dog/xxx.png}, {@code root/cat/123.jpg}. Class names are sorted and numbered from 0; files are found
 * recursively, sorted, and kept when their extension is an image's.
 *
 * <p>Every candidate file's header is read when the folder is opened (which gives the size statistics). A file
 * that cannot be read (empty, not an image, damaged) is reported with its path and the reason and left out, or,
 * in {@link Builder#strict strict} mode, fails the opening with that path. So a damaged file never stops an epoch
 * half way. {@link Builder#verify(boolean)} decodes every file up front for damage past the header; if one still
 * fails to decode during an epoch, the lenient mode reports it and serves the next readable sample in its place
 * (the strict mode fails). A class left with no readable file fails, as torchvision's
 * {@code "Found no valid file for the classes ..."}.
 *
 * <p>Shapes: a sample is {@code [transform(image), label [] int64]}; with the default transform ({@link ToTensor})
 * the image is {@code [3, H, W]} in [0, 1].
 *
 * <pre>{@code
 * var train = ImageFolder.builder(Path.of("data/train")).transform(Compose.of(new RandomResizedCrop(224),
 *         new RandomHorizontalFlip(), new ToTensor(), Normalize.IMAGENET)).build();
 * var loader = DataLoader.builder(train).batchSize(32).shuffle(true).seed(1).numWorkers(2).build();
 * }</pre>
 */
public final class ImageFolder implements Dataset<List<Tensor>> {

    /** torchvision's {@code IMG_EXTENSIONS}, plus {@code .gif} (decoded here; torchvision leaves it out). */
    public static final Set<String> IMG_EXTENSIONS = Set.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif",
            ".tiff", ".webp", ".gif");

    /** A file left out, and why. */
    public record Skipped(Path path, String reason) {
    }

    /** Image sizes over the data set, from the file headers. */
    public record SizeStats(int count, int minWidth, int maxWidth, double meanWidth, int minHeight, int maxHeight,
                            double meanHeight) {
    }

    /** What the scan found; shared by every view ({@link #withTransform}, {@link #subset}). */
    private record Catalog(Path root, List<String> classes, Path[] paths, int[] labels, int[] widths, int[] heights,
                           List<Skipped> skipped, List<Path> ignored, boolean strict, Consumer<String> warnings,
                           List<Skipped> failedDuringEpoch) {
    }

    private final Catalog catalog;
    private final int[] indices; // into the catalog
    private final Transform<Image, Tensor> transform;

    private ImageFolder(Catalog catalog, int[] indices, Transform<Image, Tensor> transform) {
        this.catalog = catalog;
        this.indices = indices;
        this.transform = transform;
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Opens {@code root} with the defaults: lenient, header check, {@link ToTensor}. */
    public static ImageFolder of(Path root) {
        return builder(root).build();
    }

    // ------------------------------------------------------------------ views

    /** The same images with another transform (for example augmentation for training, none for validation). */
    public ImageFolder withTransform(Transform<Image, Tensor> transform) {
        return new ImageFolder(catalog, indices, Objects.requireNonNull(transform, "transform"));
    }

    /** The samples at {@code positions} of this data set, with the same transform. */
    public ImageFolder subset(int[] positions) {
        int[] sub = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Dataset.checkIndex(this, positions[i]);
            sub[i] = indices[positions[i]];
        }
        return new ImageFolder(catalog, sub, transform);
    }

    /**
     * Splits into train/valid/test by fractions with a seed; see {@link ImageFolderSplit#of}. The fractions must sum
     * to 1.
     */
    public ImageFolderSplit split(double train, double valid, double test, long seed) {
        return ImageFolderSplit.of(this, train, valid, test, seed);
    }

    // ------------------------------------------------------------------ Dataset

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public List<Tensor> get(int index) {
        return get(index, vireo.tensor.Vireo.defaultGenerator());
    }

    @Override
    public List<Tensor> get(int index, Generator random) {
        Dataset.checkIndex(this, index);
        int at = index;
        for (int tries = 0; tries < indices.length; tries++) {
            int k = indices[at];
            Image img;
            try {
                img = ImageDecoder.read(catalog.paths[k]);
            } catch (IOException e) {
                if (catalog.strict) {
                    throw new UncheckedIOException("ImageFolder (strict): " + e.getMessage(), e);
                }
                catalog.failedDuringEpoch.add(new Skipped(catalog.paths[k], e.getMessage()));
                catalog.warnings.accept("ImageFolder: skipping unreadable image, serving the next one instead: "
                        + e.getMessage());
                at = (at + 1) % indices.length;
                continue;
            }
            return List.of(transform.apply(img, random), Tensor.scalarLong(catalog.labels[k]));
        }
        throw new UncheckedIOException(new IOException("ImageFolder: no image of " + catalog.root
                + " could be decoded (" + catalog.failedDuringEpoch.size() + " failures; first: "
                + catalog.failedDuringEpoch.get(0) + ")"));
    }

    /** The decoded image at {@code index}, before any transform. */
    public Image image(int index) {
        Dataset.checkIndex(this, index);
        try {
            return ImageDecoder.read(path(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public Path path(int index) {
        Dataset.checkIndex(this, index);
        return catalog.paths[indices[index]];
    }

    public int label(int index) {
        Dataset.checkIndex(this, index);
        return catalog.labels[indices[index]];
    }

    /** Every label, in order. */
    public int[] labels() {
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = catalog.labels[indices[i]];
        }
        return out;
    }

    // ------------------------------------------------------------------ what was found

    public Path root() {
        return catalog.root;
    }

    /** Class names in index order (sorted folder names). */
    public List<String> classes() {
        return catalog.classes;
    }

    /** torchvision's {@code class_to_idx}. */
    public Map<String, Integer> classToIdx() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < catalog.classes.size(); i++) {
            m.put(catalog.classes.get(i), i);
        }
        return m;
    }

    /** Samples per class in this data set, in class order. */
    public Map<String, Integer> classCounts() {
        int[] counts = new int[catalog.classes.size()];
        for (int k : indices) {
            counts[catalog.labels[k]]++;
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            m.put(catalog.classes.get(i), counts[i]);
        }
        return m;
    }

    /** Width and height statistics over this data set, from the headers read at opening. */
    public SizeStats sizeStats() {
        int minW = Integer.MAX_VALUE;
        int maxW = 0;
        int minH = Integer.MAX_VALUE;
        int maxH = 0;
        double sumW = 0;
        double sumH = 0;
        for (int k : indices) {
            int w = catalog.widths[k];
            int h = catalog.heights[k];
            minW = Math.min(minW, w);
            maxW = Math.max(maxW, w);
            minH = Math.min(minH, h);
            maxH = Math.max(maxH, h);
            sumW += w;
            sumH += h;
        }
        int n = indices.length;
        return n == 0 ? new SizeStats(0, 0, 0, 0, 0, 0, 0)
                : new SizeStats(n, minW, maxW, sumW / n, minH, maxH, sumH / n);
    }

    /** Image files left out at opening because they could not be read, with the reason. */
    public List<Skipped> skipped() {
        return catalog.skipped;
    }

    /** Images that failed to decode during an epoch (lenient mode served another sample in their place). */
    public List<Skipped> failedDuringEpoch() {
        return List.copyOf(catalog.failedDuringEpoch);
    }

    /** Files that were not considered because their extension is not an image's (like torchvision, silently). */
    public List<Path> ignored() {
        return catalog.ignored;
    }

    /** One line: images, classes, skipped and ignored files, sizes. */
    public String summary() {
        SizeStats s = sizeStats();
        return String.format(Locale.ROOT, "ImageFolder %s: %d images in %d classes %s; %d unreadable skipped, "
                        + "%d non-image files ignored; width %d..%d (mean %.1f), height %d..%d (mean %.1f)",
                catalog.root, size(), catalog.classes.size(), classCounts(), catalog.skipped.size(),
                catalog.ignored.size(), s.minWidth(), s.maxWidth(), s.meanWidth(), s.minHeight(), s.maxHeight(),
                s.meanHeight());
    }

    @Override
    public String toString() {
        return "ImageFolder[" + catalog.root + ", " + size() + " images, " + catalog.classes.size() + " classes]";
    }

    // ------------------------------------------------------------------ opening

    /** Options for opening a folder. */
    public static final class Builder {
        private final Path root;
        private Transform<Image, Tensor> transform = new ToTensor();
        private boolean strict;
        private boolean verify;
        private Set<String> extensions = IMG_EXTENSIONS;
        private Consumer<String> warnings = System.err::println;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** Image to tensor for each sample (default {@link ToTensor}). */
        public Builder transform(Transform<Image, Tensor> transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** Fail on the first unreadable image file (with its path) instead of reporting and skipping it. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Decode every image when opening (slow: catches damage past the header), not only read its header. */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /** File extensions taken as images, with the dot, compared ignoring case (default {@link #IMG_EXTENSIONS}). */
        public Builder extensions(Set<String> extensions) {
            this.extensions = extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /** Where reports of skipped files go (default standard error). */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Scans the folder.
         *
         * @throws UncheckedIOException wrapping a {@link FileNotFoundException} when the root or its class folders
         *                              are missing or a class has no readable image, or the first unreadable file
         *                              in strict mode
         */
        public ImageFolder build() {
            try {
                return new ImageFolder(scan(), null, transform).all();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        private Catalog scan() throws IOException {
            if (!Files.isDirectory(root)) {
                throw new FileNotFoundException("ImageFolder: " + root + " is not a directory");
            }
            List<String> classes;
            try (Stream<Path> s = Files.list(root)) {
                classes = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            }
            if (classes.isEmpty()) {
                throw new FileNotFoundException("Couldn't find any class folder in " + root + ".");
            }
            List<Path> candidates = new ArrayList<>();
            List<Integer> candidateLabels = new ArrayList<>();
            List<Path> ignored = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                Path dir = root.resolve(classes.get(c));
                List<Path> files;
                try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    if (hasImageExtension(f)) {
                        candidates.add(f);
                        candidateLabels.add(c);
                    } else {
                        ignored.add(f);
                    }
                }
            }
            int n = candidates.size();
            ImageInfo[] infos = new ImageInfo[n];
            String[] errors = new String[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                try {
                    infos[i] = ImageDecoder.probe(candidates.get(i));
                    if (verify) {
                        ImageDecoder.read(candidates.get(i));
                    }
                } catch (IOException | RuntimeException e) {
                    errors[i] = e.getMessage() != null ? e.getMessage() : e.toString();
                }
            });
            List<Skipped> skipped = new ArrayList<>();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (errors[i] == null) {
                    keep.add(i);
                    continue;
                }
                if (strict) {
                    throw new IOException("ImageFolder (strict): unreadable image " + errors[i]);
                }
                Skipped s = new Skipped(candidates.get(i), errors[i]);
                skipped.add(s);
                warnings.accept("ImageFolder: skipping unreadable image " + errors[i]);
            }
            Path[] paths = new Path[keep.size()];
            int[] labels = new int[keep.size()];
            int[] widths = new int[keep.size()];
            int[] heights = new int[keep.size()];
            boolean[] seen = new boolean[classes.size()];
            for (int j = 0; j < keep.size(); j++) {
                int i = keep.get(j);
                paths[j] = candidates.get(i);
                labels[j] = candidateLabels.get(i);
                widths[j] = infos[i].width();
                heights[j] = infos[i].height();
                seen[labels[j]] = true;
            }
            TreeSet<String> empty = new TreeSet<>();
            for (int c = 0; c < classes.size(); c++) {
                if (!seen[c]) {
                    empty.add(classes.get(c));
                }
            }
            if (!empty.isEmpty()) {
                throw new FileNotFoundException("Found no valid file for the classes " + String.join(", ", empty)
                        + ". Supported extensions are: " + String.join(", ", new TreeSet<>(extensions))
                        + (skipped.isEmpty() ? "" : " (" + skipped.size() + " unreadable files were skipped)"));
            }
            return new Catalog(root, List.copyOf(classes), paths, labels, widths, heights,
                    Collections.unmodifiableList(skipped), Collections.unmodifiableList(ignored), strict, warnings,
                    new CopyOnWriteArrayList<>());
        }

        private boolean hasImageExtension(Path f) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            return dot >= 0 && extensions.contains(name.substring(dot));
        }
    }

    /** The view over every scanned file. */
    private ImageFolder all() {
        int[] idx = new int[catalog.paths.length];
        Arrays.setAll(idx, i -> i);
        return new ImageFolder(catalog, idx, transform);
    }
}
