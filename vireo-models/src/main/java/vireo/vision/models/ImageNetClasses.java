package vireo.vision.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ImageNet-1k's 1,000 class names in torchvision's order ({@code weights.meta["categories"]}): index 0 is
 * {@code tench}, 207 {@code golden retriever}, 999 {@code toilet tissue}. The two names ImageNet's synsets share
 * are told apart as torchvision does ({@code crane bird} / {@code crane}, {@code maillot} /
 * {@code maillot tank suit}).
 *
 * <p>The list is the resource {@code imagenet_classes.txt}, generated from torchvision by
 * {@code tools/golden/imagenet_registry.py}.
 */
public final class ImageNetClasses {

    /** The number of classes. */
    public static final int COUNT = 1000;

    private static final String RESOURCE = "imagenet_classes.txt";

    private ImageNetClasses() {
    }

    /** The names, immutable, index = class index. */
    public static List<String> names() {
        return Holder.NAMES;
    }

    /** The name of class {@code index} (0..999). */
    public static String name(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IndexOutOfBoundsException("ImageNetClasses: expected a class index in 0.." + (COUNT - 1)
                    + ", received " + index);
        }
        return Holder.NAMES.get(index);
    }

    private static final class Holder {
        static final List<String> NAMES = load();
    }

    private static List<String> load() {
        try (InputStream in = ImageNetClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ImageNetClasses: the resource " + RESOURCE
                        + " is missing from the vireo-models jar");
            }
            List<String> names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .toList();
            if (names.size() != COUNT) {
                throw new IllegalStateException("ImageNetClasses: expected " + COUNT + " names in " + RESOURCE
                        + ", received " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("ImageNetClasses: cannot read " + RESOURCE, e);
        }
    }
}
