package vireo.cli.data;

import java.util.List;
import vireo.vision.io.Image;

/**
 * Labelled images, decoded on demand: an image folder (or a split of one) or an IDX data set. Everything the CLI
 * shows about data (report thumbnails, counts, sizes) and everything it feeds a model goes through this one view.
 */
public interface ImageSource {

    /** Class names, index = label. */
    List<String> classes();

    int size();

    /** The image at {@code index}, RGB. */
    Image image(int index);

    int label(int index);

    /** Where the image came from, for reports ({@code "train-images[42]"} for IDX sets). */
    String name(int index);

    /** Width and height of the image at {@code index} without decoding when the source can. */
    default int[] imageSize(int index) {
        Image img = image(index);
        return new int[]{img.width(), img.height()};
    }

    /** Images per class. */
    default long[] classCounts() {
        long[] counts = new long[classes().size()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }
}
