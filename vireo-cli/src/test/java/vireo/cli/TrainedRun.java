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
}
