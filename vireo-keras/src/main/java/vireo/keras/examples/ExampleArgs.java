package vireo.keras.examples;

import java.nio.file.Path;
import vireo.vision.datasets.FashionMNIST;

/** The flags the Keras-face examples take: {@code --epochs N --data DIR --limit N --seed S --save FILE --verbose V}. */
record ExampleArgs(int epochs, Path data, int limit, long seed, Path save, int verbose) {

    static ExampleArgs parse(String[] args, int defaultEpochs) {
        int epochs = defaultEpochs;
        Path data = FashionMNIST.DEBIAN_ROOT;
        int limit = 0;
        long seed = 1;
        Path save = null;
        int verbose = 1;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String v = args[++i];
            switch (args[i - 1]) {
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--data" -> data = Path.of(v);
                case "--limit" -> limit = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--save" -> save = Path.of(v);
                case "--verbose" -> verbose = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
                        + "; options: --epochs N --data DIR --limit N --seed S --save FILE --verbose 0|1|2");
            }
        }
        return new ExampleArgs(epochs, data, limit, seed, save, verbose);
    }
}
