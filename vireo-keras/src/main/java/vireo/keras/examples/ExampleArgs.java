package vireo.keras.examples;

import java.nio.file.Path;
import vireo.data.MainRunner;
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
            String a = args[i];
            if (MainRunner.asksForHelp(a)) {
                throw new MainRunner.HelpRequested(OPTIONS);
            }
            if (i + 1 >= args.length) {
                throw usage("missing value after " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--data" -> data = Path.of(v);
                    case "--limit" -> limit = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--save" -> save = Path.of(v);
                    case "--verbose" -> verbose = Integer.parseInt(v);
                    default -> throw usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw usage(a + " expects a whole number, received '" + v + "'");
            }
        }
        return new ExampleArgs(epochs, data, limit, seed, save, verbose);
    }

    private static final String OPTIONS = "--epochs N --data DIR (Fashion-MNIST IDX files) --limit N (train on the"
            + " first N images) --seed S --save FILE --verbose 0|1|2";

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; options: " + OPTIONS);
    }
}
