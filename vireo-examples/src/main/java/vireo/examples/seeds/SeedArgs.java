package vireo.examples.seeds;

import java.nio.file.Path;
import vireo.data.MainRunner;
import vireo.vision.datasets.FashionMNIST;

/** The few flags the seed programs take: {@code --epochs N --data DIR --out DIR --limit N --seed S --workers N}. */
record SeedArgs(int epochs, Path data, Path out, int limit, long seed, int workers) {

    static SeedArgs parse(String[] args, int defaultEpochs) {
        int epochs = defaultEpochs;
        Path data = FashionMNIST.DEBIAN_ROOT;
        Path out = Path.of("results");
        int limit = 0;
        long seed = 1;
        int workers = 0;
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
                    case "--out" -> out = Path.of(v);
                    case "--limit" -> limit = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--workers" -> workers = Integer.parseInt(v);
                    default -> throw usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw usage(a + " expects a whole number, received '" + v + "'");
            }
        }
        return new SeedArgs(epochs, data, out, limit, seed, workers);
    }

    private static final String OPTIONS = "--epochs N --data DIR (Fashion-MNIST IDX files) --out DIR --limit N (train"
            + " on the first N images) --seed S --workers N";

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; options: " + OPTIONS);
    }
}
