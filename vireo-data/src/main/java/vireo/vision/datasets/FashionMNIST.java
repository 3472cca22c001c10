package vireo.vision.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST, like {@code torchvision.datasets.FashionMNIST}: 28×28 grey images of 10 kinds of
 * clothing, 60,000 for training and 10,000 for testing, in MNIST's file format.
 *
 * <p>Shapes: a sample is {@code [image [1, 28, 28] float32 in [0, 1], label [] int64]};
 * {@link #images()} is {@code [N, 1, 28, 28]}, {@link #labels()} {@code [N]}.
 *
 * <pre>{@code
 * var test = FashionMNIST.builder(Path.of("/usr/share/datasets/fashion-mnist")).train(false).build();
 * String name = test.classes().get((int) test.labels().getLong(0));
 * }</pre>
 */
public final class FashionMNIST extends IdxImageDataset {

    /** Debian's {@code dataset-fashion-mnist} package puts the four files here. */
    public static final Path DEBIAN_ROOT = Path.of("/usr/share/datasets/fashion-mnist");

    /** Where {@code download(true)} looks (the publisher's bucket; plain HTTP, hence the checksums). */
    public static final List<URI> MIRRORS =
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));

    /**
     * The four files. Content SHA-256 values are of the decompressed IDX files (computed from Debian's copy, which
     * is recompressed, and matching the publisher's data); the archive MD5 values are the publisher's.
     */
    public static final IdxCatalog CATALOG = new IdxCatalog("FashionMNIST", MIRRORS, List.of(
            new RemoteFile("train-images-idx3-ubyte.gz",
                    Checksum.sha256OfContent("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                    Checksum.md5OfArchive("8d4fb7e6c68d591d4c3dfef9ec88bf0d")),
            new RemoteFile("train-labels-idx1-ubyte.gz",
                    Checksum.sha256OfContent("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                    Checksum.md5OfArchive("25c81989df183df01b3e8a0aad5dffbe")),
            new RemoteFile("t10k-images-idx3-ubyte.gz",
                    Checksum.sha256OfContent("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                    Checksum.md5OfArchive("bef4ecab320f06d8554ea6380940ec79")),
            new RemoteFile("t10k-labels-idx1-ubyte.gz",
                    Checksum.sha256OfContent("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
                    Checksum.md5OfArchive("bb300cfdad3c16e7a12a480ee83cd310"))),
            28,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            "or on Debian/Ubuntu install the package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) "
                    + "and use the root " + DEBIAN_ROOT);

    FashionMNIST(Loaded loaded) {
        super(loaded);
    }

    public static Builder<FashionMNIST> builder(Path root) {
        return new Builder<>(CATALOG, root, FashionMNIST::new);
    }
}
