package vireo.vision.datasets;

import java.net.URI;
import java.util.List;

/**
 * What defines an MNIST-style data set: its name, where to download it, the four files and their checksums, the
 * image size and the class names.
 *
 * @param name         the class name, also the torchvision folder ({@code root/<name>/raw})
 * @param mirrors      base URLs, tried in order by {@code download(true)}
 * @param files        train images, train labels, test images, test labels (the {@code .gz} names)
 * @param debianHint   how to get the files from a distribution package, or empty
 */
public record IdxCatalog(String name, List<URI> mirrors, List<RemoteFile> files, int imageSize,
                         List<String> classes, String debianHint) {

    public IdxCatalog {
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
        classes = List.copyOf(classes);
        if (files.size() != 4) {
            throw new IllegalArgumentException("IdxCatalog " + name + ": expected 4 files (train images, train "
                    + "labels, test images, test labels), received " + files.size());
        }
    }

    /** Images then labels of one split. */
    List<RemoteFile> split(boolean train) {
        return train ? files.subList(0, 2) : files.subList(2, 4);
    }

    /** A copy downloading from other mirrors (a local cache, or a test server). */
    public IdxCatalog withMirrors(List<URI> newMirrors) {
        return new IdxCatalog(name, newMirrors, files, imageSize, classes, debianHint);
    }
}
