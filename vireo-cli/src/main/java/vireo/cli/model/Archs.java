package vireo.cli.model;

import java.util.ArrayList;
import java.util.List;
import vireo.cli.CliException;
import vireo.nn.AvgPool2d;
import vireo.nn.Conv2d;
import vireo.nn.Dropout;
import vireo.nn.Flatten;
import vireo.nn.Linear;
import vireo.nn.MaxPool2d;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.nn.Sigmoid;
import vireo.vision.models.ResNet;
import vireo.vision.models.VGG;

/**
 * The architectures the CLI knows, by name. A model is a backbone (as torchvision or the tutorial builds it) whose
 * classifier's last layer is then replaced by {@link #replaceHead}: a {@code Linear} to the classes, or
 * {@code Linear(features, head) – ReLU – Linear(head, classes)} with {@code --head}. Building a fresh model and
 * rebuilding a saved one go through the same two steps, so state-dict keys always match.
 */
public enum Archs {
    RESNET50("resnet50", 3, 224),
    RESNET18("resnet18", 3, 224),
    VGG16("vgg16", 3, 224),
    LENET5("lenet5", 1, 28),
    CNN("cnn", 1, 28);

    private final String cliName;
    private final int channels;
    private final int defaultSize;

    Archs(String cliName, int channels, int defaultSize) {
        this.cliName = cliName;
        this.channels = channels;
        this.defaultSize = defaultSize;
    }

    public String cliName() {
        return cliName;
    }

    public int defaultImageSize() {
        return defaultSize;
    }

    /** The names, comma-separated, for messages. */
    public static String known() {
        List<String> names = new ArrayList<>();
        for (Archs a : values()) {
            names.add(a.cliName);
        }
        return String.join(", ", names);
    }

    /** The architecture called {@code name}, or a usage error listing the known ones. */
    public static Archs of(String name) {
        for (Archs a : values()) {
            if (a.cliName.equals(name)) {
                return a;
            }
        }
        throw CliException.usage("unknown --arch '" + name + "'; known: " + known());
    }

    /** The preprocessing this architecture trains with at {@code size} (≤ 0: its default size). */
    public Preprocessing preprocessing(int size) {
        int s = size > 0 ? size : defaultSize;
        return channels == 3 ? Preprocessing.imagenet(s) : Preprocessing.grayscale(s);
    }

    /**
     * The backbone as published: torchvision's 1000-class ImageNet models, the tutorials' 10-class CNNs (sized for
     * {@code size}×{@code size} inputs).
     */
    public Module backbone(int size) {
        return switch (this) {
            case RESNET50 -> ResNet.resnet50();
            case RESNET18 -> ResNet.resnet18();
            case VGG16 -> VGG.vgg16();
            case LENET5 -> {
                int s = ((size / 2) - 4) / 2;
                checkSize(s, size);
                yield new Sequential(
                        new Conv2d(1, 6, 5, 1, 2), new Sigmoid(), new AvgPool2d(2, 2),
                        new Conv2d(6, 16, 5), new Sigmoid(), new AvgPool2d(2, 2),
                        new Flatten(),
                        new Linear(16 * s * s, 120), new Sigmoid(),
                        new Linear(120, 84), new Sigmoid(),
                        new Linear(84, 10));
            }
            case CNN -> {
                int s = (size - 4) / 2;
                checkSize(s, size);
                yield new Sequential(
                        new Conv2d(1, 32, 3), new ReLU(),
                        new Conv2d(32, 64, 3), new ReLU(),
                        new MaxPool2d(2),
                        new Dropout(0.25),
                        new Flatten(),
                        new Linear(64 * s * s, 128), new ReLU(),
                        new Dropout(0.5),
                        new Linear(128, 10));
            }
        };
    }

    private void checkSize(int features, int size) {
        if (features < 1) {
            throw CliException.usage("--image-size " + size + " is too small for " + cliName
                    + " (expected at least " + (this == LENET5 ? 12 : 6) + ")");
        }
    }

    /** A fresh model for {@code numClasses} classes. */
    public Module create(int numClasses, int head, int size) {
        return replaceHead(backbone(size), numClasses, head);
    }

    /** The classifier's last layer replaced by a new head for {@code numClasses} classes (fresh weights). */
    public Module replaceHead(Module backbone, int numClasses, int head) {
        switch (backbone) {
            case ResNet r -> {
                r.setFc(head(r.numFeatures(), numClasses, head));
                return r;
            }
            case VGG v -> {
                v.setClassifier(replaceLast(v.classifier(), numClasses, head));
                return v;
            }
            case Sequential s -> {
                return replaceLast(s, numClasses, head);
            }
            default -> throw new IllegalStateException("replaceHead: unexpected backbone " + backbone.typeName());
        }
    }

    /** The key of the weight of the classifier's last layer in the backbone's state dict (its rows = classes). */
    public String classifierWeightKey() {
        return switch (this) {
            case RESNET50, RESNET18 -> "fc.weight";
            case VGG16 -> "classifier.6.weight";
            case LENET5 -> "11.weight";
            case CNN -> "10.weight";
        };
    }

    private static Sequential replaceLast(Sequential s, int numClasses, int head) {
        List<Module> children = s.children();
        Module last = children.get(children.size() - 1);
        if (!(last instanceof Linear l)) {
            throw new IllegalStateException("replaceHead: expected the classifier to end in Linear, found "
                    + last.typeName());
        }
        Module[] modules = new Module[children.size()];
        for (int i = 0; i < children.size() - 1; i++) {
            modules[i] = children.get(i);
        }
        modules[modules.length - 1] = head(l.inFeatures(), numClasses, head);
        return new Sequential(modules);
    }

    private static Module head(int features, int numClasses, int head) {
        if (head <= 0) {
            return new Linear(features, numClasses);
        }
        return new Sequential(new Linear(features, head), new ReLU(), new Linear(head, numClasses));
    }
}
