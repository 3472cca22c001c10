package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One small trained run shared by the evaluate/predict/report tests (training it once keeps them quick). */
final class TrainedRun {

    static final Path ROOT;
    static final Path DATA;
    static final Path RUN;

    static {
        try {
            ROOT = Files.createTempDirectory("vireo-cli-run");
            Runtime.getRuntime().addShutdownHook(new Thread(TrainedRun::delete));
            DATA = Cli.stripeSplits(ROOT.resolve("data"), 12, 6, 6, 28);
            RUN = ROOT.resolve("run");
            var r = Cli.run("train", "--data", DATA.toString(), "--arch", "cnn", "--epochs", "2", "--batch-size",
                    "8", "--out", RUN.toString(), "--quiet", "--seed", "3");
            assertEquals(0, r.code(), r.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainedRun() {
    }

    private static void delete() {
        try (var walk = Files.walk(ROOT)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp folder left behind is harmless
        }
    }
}
