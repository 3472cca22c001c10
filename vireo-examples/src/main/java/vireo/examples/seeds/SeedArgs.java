package vireo.examples.seeds;

import java.nio.file.Path;
import java.util.Set;
import vireo.data.ExampleFlags;
import vireo.vision.datasets.FashionMNIST;

/** The few flags the seed programs take: {@code --epochs N --data DIR --out DIR --limit N --seed S --workers N}. */
record SeedArgs(int epochs, Path data, Path out, int limit, long seed, int workers) {

    static SeedArgs parse(String[] args, int defaultEpochs) {
        ExampleFlags f = ExampleFlags.parse(args, OPTIONS,
                Set.of("--epochs", "--data", "--out", "--limit", "--seed", "--workers"), Set.of());
        return new SeedArgs(f.integer("--epochs", defaultEpochs), f.path("--data", FashionMNIST.DEBIAN_ROOT),
                f.path("--out", Path.of("results")), f.integer("--limit", 0), f.wholeNumber("--seed", 1),
                f.integer("--workers", 0));
    }

    private static final String OPTIONS = "--epochs N --data DIR (Fashion-MNIST IDX files) --out DIR --limit N (train"
            + " on the first N images) --seed S --workers N";
}
