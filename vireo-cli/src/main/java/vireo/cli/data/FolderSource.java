package vireo.cli.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.io.Image;
import vireo.vision.io.ImageDecoder;
import vireo.vision.io.ImageInfo;

/** An {@link ImageFolder} (or a subset of one) as an {@link ImageSource}. */
public record FolderSource(ImageFolder folder) implements ImageSource {

    @Override
    public List<String> classes() {
        return folder.classes();
    }

    @Override
    public int size() {
        return folder.size();
    }

    @Override
    public Image image(int index) {
        return folder.image(index);
    }

    @Override
    public int label(int index) {
        return folder.label(index);
    }

    @Override
    public String name(int index) {
        return folder.root().relativize(folder.path(index)).toString();
    }

    @Override
    public int[] imageSize(int index) {
        try {
            ImageInfo info = ImageDecoder.probe(folder.path(index));
            return new int[]{info.width(), info.height()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
