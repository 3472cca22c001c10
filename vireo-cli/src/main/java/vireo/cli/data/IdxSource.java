package vireo.cli.data;

import java.util.List;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * Grayscale IDX images ({@code [N, 1, H, W]} in [0, 1], e.g. Fashion-MNIST) as an {@link ImageSource}; each image
 * is served as RGB with three equal channels, restricted to {@code positions}.
 */
public final class IdxSource implements ImageSource {

    private final String prefix;
    private final float[] pixels;
    private final long[] labels;
    private final int height;
    private final int width;
    private final int[] positions;
    private final List<String> classes;

    public IdxSource(String prefix, Tensor images, Tensor labels, List<String> classes, int[] positions) {
        this.prefix = prefix;
        this.pixels = images.contiguous().floats();
        this.labels = new long[labels.size(0)];
        for (int i = 0; i < this.labels.length; i++) {
            this.labels[i] = labels.getLong(i);
        }
        this.height = images.size(2);
        this.width = images.size(3);
        this.positions = positions;
        this.classes = classes;
    }

    private IdxSource(IdxSource parent, int[] positions) {
        this.prefix = parent.prefix;
        this.pixels = parent.pixels;
        this.labels = parent.labels;
        this.height = parent.height;
        this.width = parent.width;
        this.classes = parent.classes;
        this.positions = positions;
    }

    /** The images at {@code subset} (positions in this source). */
    public IdxSource subset(int[] subset) {
        int[] p = new int[subset.length];
        for (int i = 0; i < subset.length; i++) {
            p[i] = positions[subset[i]];
        }
        return new IdxSource(this, p);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int size() {
        return positions.length;
    }

    @Override
    public Image image(int index) {
        int k = positions[index];
        int plane = height * width;
        byte[] rgb = new byte[plane * 3];
        for (int i = 0; i < plane; i++) {
            byte v = (byte) Math.round(pixels[k * plane + i] * 255f);
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }
        return Image.wrap(width, height, rgb);
    }

    @Override
    public int label(int index) {
        return (int) labels[positions[index]];
    }

    @Override
    public String name(int index) {
        return prefix + "[" + positions[index] + "]";
    }

    @Override
    public int[] imageSize(int index) {
        return new int[]{width, height};
    }
}
