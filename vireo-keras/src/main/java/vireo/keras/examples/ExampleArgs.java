package vireo.keras.examples;

import java.nio.file.Path;
import java.util.Set;
import vireo.data.ExampleFlags;
import vireo.vision.datasets.FashionMNIST;

/** The flags the Keras-face examples take: {@code --epochs N --data DIR --limit N --seed S --save FILE --verbose V}. */
record ExampleArgs(int epochs, Path data, int limit, long seed, Path save, int verbose) {

    static ExampleArgs parse(String[] args, int defaultEpochs) {
        ExampleFlags f = ExampleFlags.parse(args, OPTIONS,
                Set.of("--epochs", "--data", "--limit", "--seed", "--save", "--verbose"), Set.of());
        return new ExampleArgs(f.integer("--epochs", defaultEpochs), f.path("--data", FashionMNIST.DEBIAN_ROOT),
                f.integer("--limit", 0), f.wholeNumber("--seed", 1), f.path("--save", null), f.integer("--verbose", 1));
    }

    private static final String OPTIONS = "--epochs N --data DIR (Fashion-MNIST IDX files) --limit N (train on the"
            + " first N images) --seed S --save FILE --verbose 0|1|2";
}
