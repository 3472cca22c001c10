package vireo.vision.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The MNIST handwritten digits, like {@code torchvision.datasets.MNIST}: 60,000 training and 10,000 test images.
 *
 * <p>Shapes: a sample is {@code [image [1, 28, 28] float32 in [0, 1], label [] int64]};
 * {@link #images()} is {@code [N, 1, 28, 28]}, {@link #labels()} {@code [N]}.
 *
 * <pre>{@code
 * var train = MNIST.builder(Path.of("data")).train(true).download(true).build();
 * var loader = DataLoader.builder(train).batchSize(64).shuffle(true).seed(1).build();
 * }</pre>
 */
public final class MNIST extends IdxImageDataset {

    /** Where {@code download(true)} looks, in order (torchvision's working mirror). */
    public static final List<URI> MIRRORS = List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"));

    /**
     * The four files. Content SHA-256 values are of the decompressed IDX files (identical on every mirror); the
     * archive MD5 values are torchvision's, for the {@code .gz} files as the canonical mirrors serve them.
     */
    public static final IdxCatalog CATALOG = new IdxCatalog("MNIST", MIRRORS, List.of(
            new RemoteFile("train-images-idx3-ubyte.gz",
                    Checksum.sha256OfContent("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    Checksum.md5OfArchive("f68b3c2dcbeaaa9fbdd348bbdeb94873")),
            new RemoteFile("train-labels-idx1-ubyte.gz",
                    Checksum.sha256OfContent("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    Checksum.md5OfArchive("d53e105ee54ea40749a09fcbcd1e9432")),
            new RemoteFile("t10k-images-idx3-ubyte.gz",
                    Checksum.sha256OfContent("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    Checksum.md5OfArchive("9fb629c4189551a2d022fa330f9573f3")),
            new RemoteFile("t10k-labels-idx1-ubyte.gz",
                    Checksum.sha256OfContent("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                    Checksum.md5OfArchive("ec29112dd5afa0611ce80d1b7f02629c"))),
            28,
            List.of("0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
                    "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"),
            "");

    MNIST(Loaded loaded) {
        super(loaded);
    }

    public static Builder<MNIST> builder(Path root) {
        return new Builder<>(CATALOG, root, MNIST::new);
    }
}
