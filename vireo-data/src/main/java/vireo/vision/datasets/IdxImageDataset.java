package vireo.vision.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import vireo.data.Batch;
import vireo.data.Collate;
import vireo.data.Dataset;
import vireo.data.Gatherable;
import vireo.data.TensorDataset;
import vireo.tensor.Tensor;

/**
 * An MNIST-style data set held in memory: grey images from an IDX image file and class labels from an IDX label
 * file, both validated before anything is kept. The base of {@link MNIST} and {@link FashionMNIST}.
 *
 * <p>Shapes: a sample is {@code [image [1, H, W] float32 in [0, 1], label [] int64]}; {@link #images()} is
 * {@code [N, 1, H, W]} and {@link #labels()} {@code [N]}. Without a transform, the {@code DataLoader} gathers
 * whole batches in one copy per field.
 */
public abstract sealed class IdxImageDataset implements Dataset<List<Tensor>>, Gatherable
        permits MNIST, FashionMNIST {

    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f; // the same division torchvision's ToTensor does
        }
    }

    private final IdxCatalog catalog;
    private final boolean train;
    private final TensorDataset tensors;
    private final Function<Tensor, Tensor> transform;

    /** What a builder hands to a subclass constructor. */
    record Loaded(IdxCatalog catalog, boolean train, Tensor images, Tensor labels,
                  Function<Tensor, Tensor> transform) {
    }

    IdxImageDataset(Loaded loaded) {
        this.catalog = loaded.catalog();
        this.train = loaded.train();
        this.tensors = new TensorDataset(loaded.images(), loaded.labels());
        this.transform = loaded.transform();
    }

    @Override
    public int size() {
        return tensors.size();
    }

    /** {@code [image, label]}: the image a view of {@link #images()} (transformed when a transform is set). */
    @Override
    public List<Tensor> get(int index) {
        List<Tensor> sample = tensors.get(index);
        return transform == null ? sample : List.of(transform.apply(sample.get(0)), sample.get(1));
    }

    @Override
    public Batch gather(int[] indices) {
        if (transform == null) {
            return tensors.gather(indices);
        }
        List<List<Tensor>> samples = new ArrayList<>(indices.length);
        for (int i : indices) {
            samples.add(get(i));
        }
        return Collate.<List<Tensor>>stack().apply(samples);
    }

    /** All images, {@code [N, 1, H, W]} float32 in [0, 1] (shared storage: do not write to it). */
    public Tensor images() {
        return tensors.tensors().get(0);
    }

    /** All labels, {@code [N]} int64. */
    public Tensor labels() {
        return tensors.tensors().get(1);
    }

    /** The whole split as a {@link TensorDataset} of (images, labels), ignoring any transform. */
    public TensorDataset asTensorDataset() {
        return tensors;
    }

    /** Class names, indexed by label. */
    public List<String> classes() {
        return catalog.classes();
    }

    public boolean isTrain() {
        return train;
    }

    @Override
    public String toString() {
        return "Dataset " + catalog.name() + "\n    Number of datapoints: " + size() + "\n    Split: "
                + (train ? "Train" : "Test");
    }

    /** Options: the root folder, the split, whether to download, and a per-sample image transform. */
    public static final class Builder<D extends IdxImageDataset> {
        private IdxCatalog catalog;
        private final Path root;
        private final Function<Loaded, D> factory;
        private boolean train = true;
        private boolean download;
        private Function<Tensor, Tensor> transform;

        Builder(IdxCatalog catalog, Path root, Function<Loaded, D> factory) {
            this.catalog = catalog;
            this.root = Objects.requireNonNull(root, "root");
            this.factory = factory;
        }

        /** The training split (default) or, with {@code false}, the test split. */
        public Builder<D> train(boolean train) {
            this.train = train;
            return this;
        }

        /** Fetch missing files into the root, verified by checksum. Off by default: nothing is fetched unasked. */
        public Builder<D> download(boolean download) {
            this.download = download;
            return this;
        }

        /** Base URLs to download from instead of the canonical hosts (a local cache, or a test server). */
        public Builder<D> mirrors(List<URI> mirrors) {
            this.catalog = catalog.withMirrors(mirrors);
            return this;
        }

        /** Applied to each image ({@code [1, H, W]}) when a sample or batch is built; disables the gather path. */
        public Builder<D> transform(Function<Tensor, Tensor> transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Finds (or downloads) and reads the split's two files. Looks in {@code root}, then in torchvision's layout
         * {@code root/<Name>/raw}, for each file raw or {@code .gz}.
         *
         * @throws UncheckedIOException when a file is missing, unreadable, damaged or inconsistent; the message
         *                              names the file and what was wrong, and nothing is half-loaded
         */
        public D build() {
            try {
                return factory.apply(load());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        private Loaded load() throws IOException {
            List<RemoteFile> wanted = catalog.split(train);
            Path[] found = new Path[2];
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                found[k] = locate(wanted.get(k).name());
                if (found[k] == null && download) {
                    found[k] = new Downloader().fetch(wanted.get(k), catalog.mirrors(), root);
                }
                if (found[k] == null) {
                    missing.add(rawName(wanted.get(k).name()) + "[.gz]");
                }
            }
            if (!missing.isEmpty()) {
                throw new IOException(missingMessage(missing));
            }
            IdxReader.Idx images = IdxReader.read(found[0], IdxReader.IMAGES_MAGIC, "image");
            IdxReader.Idx labels = IdxReader.read(found[1], IdxReader.LABELS_MAGIC, "label");
            int[] d = images.dims();
            int size = catalog.imageSize();
            if (d[1] != size || d[2] != size) {
                throw new IOException(found[0].getFileName() + ": expected " + size + "x" + size + " images, received "
                        + d[1] + "x" + d[2]);
            }
            if (labels.count() != images.count()) {
                throw new IOException(found[1].getFileName() + ": holds " + labels.count() + " labels but "
                        + found[0].getFileName() + " holds " + images.count() + " images");
            }
            long[] y = new long[labels.count()];
            byte[] lb = labels.data();
            for (int i = 0; i < y.length; i++) {
                y[i] = lb[i] & 0xFF;
                if (y[i] >= catalog.classes().size()) {
                    throw new IOException(found[1].getFileName() + ": label " + y[i] + " at index " + i
                            + " is outside 0.." + (catalog.classes().size() - 1));
                }
            }
            byte[] px = images.data();
            float[] x = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                x[i] = SCALE[px[i] & 0xFF];
            }
            // Wrapped, not copied: the arrays are new and no one else holds them (a copy doubled the peak memory of
            // loading: Fashion-MNIST's 188 MB of training pixels twice, and a 512 MB heap ran out).
            return new Loaded(catalog, train, Tensor.wrap(x, d[0], 1, size, size), Tensor.wrapLong(y, y.length),
                    transform);
        }

        private List<Path> searchDirs() {
            return List.of(root, root.resolve(catalog.name()).resolve("raw"));
        }

        /** The raw file if present (faster to read), else the .gz, in the first folder holding either. */
        private Path locate(String gzName) {
            for (Path dir : searchDirs()) {
                for (String n : List.of(rawName(gzName), gzName)) {
                    Path p = dir.resolve(n);
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
            }
            return null;
        }

        private static String rawName(String gzName) {
            return gzName.endsWith(".gz") ? gzName.substring(0, gzName.length() - 3) : gzName;
        }

        private String missingMessage(List<String> missing) {
            String where = Files.isDirectory(root) ? "" : " (the folder does not exist)";
            StringBuilder sb = new StringBuilder();
            sb.append(catalog.name()).append(": cannot find the ").append(train ? "train" : "test")
                    .append(" split under ").append(root.toAbsolutePath()).append(where).append(". Missing ")
                    .append(String.join(" and ", missing)).append("; looked in ")
                    .append(searchDirs().get(0).toAbsolutePath()).append(" and ")
                    .append(searchDirs().get(1).toAbsolutePath()).append(". To fetch them, use ")
                    .append(catalog.name()).append(".builder(root).download(true)");
            if (!catalog.mirrors().isEmpty()) {
                sb.append(" (from ").append(catalog.mirrors().get(0)).append(')');
            }
            if (!catalog.debianHint().isEmpty()) {
                sb.append(", ").append(catalog.debianHint());
            }
            return sb.append('.').toString();
        }
    }
}
