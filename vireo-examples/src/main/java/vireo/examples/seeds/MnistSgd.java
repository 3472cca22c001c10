package vireo.examples.seeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vireo.data.MainRunner;
import vireo.io.safetensors.SafeTensors;
import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.optim.OptimizerState;
import vireo.optim.SGD;
import vireo.tensor.Vireo;
import vireo.vision.models.MnistNet;

/**
 * PyTorch's MNIST example, line by line, on Fashion-MNIST: {@code Net}, SGD (lr 0.01, momentum 0.5), batch 64,
 * 3 epochs; saves model and optimizer state as safetensors, reloads both into fresh objects and checks the reloaded
 * model scores the same.
 *
 * <p>Run: {@code ./vireo example mnist-sgd [--epochs 3] [--data DIR] [--out results]}
 */
public final class MnistSgd {

    private MnistSgd() {
    }

    public static void main(String[] args) {
        MainRunner.main("mnist-sgd", () -> run(args));
    }

    static void run(String[] args) throws IOException {
        SeedArgs a = SeedArgs.parse(args, 3);
        createOutputFolder(a.out());
        Vireo.manualSeed(a.seed());
        var data = new SeedData(a, 64, 1000);
        var model = new MnistNet();
        var optimizer = new SGD(model.parameters(), 0.01, 0.5);
        SeedLoop.TestResult result = null;
        for (int epoch = 1; epoch <= a.epochs(); epoch++) {
            SeedLoop.trainEpoch(model, data.train, optimizer, F::nllLoss, epoch, 10, System.out);
            result = SeedLoop.test(model, data.test, (out, y) -> F.nllLoss(out, y, null, F.IGNORE_INDEX, Reduction.SUM),
                    System.out);
        }
        Path modelFile = a.out().resolve("model.safetensors");
        Path optimizerFile = a.out().resolve("optimizer.safetensors");
        SafeTensors.write(model.stateDict(), modelFile);
        OptimizerState state = optimizer.stateDict();
        SafeTensors.write(state.toTensors(), optimizerFile, state.toMetadata());
        System.out.println("Saved " + modelFile + " and " + optimizerFile);

        var reloaded = new MnistNet();
        reloaded.loadStateDict(SafeTensors.read(modelFile));
        var reloadedOptimizer = new SGD(reloaded.parameters(), 0.01, 0.5);
        reloadedOptimizer.loadStateDict(OptimizerState.fromTensors(SafeTensors.read(optimizerFile),
                SafeTensors.readMetadata(optimizerFile)));
        var again = SeedLoop.test(reloaded, data.test,
                (out, y) -> F.nllLoss(out, y, null, F.IGNORE_INDEX, Reduction.SUM), null);
        System.out.printf("Reloaded model: Accuracy: %d/%d (%s as before)%n", again.correct(), again.total(),
                result != null && again.correct() == result.correct() ? "same" : "NOT the same");
    }

    /** Made before training, so that an unusable {@code --out} fails at once rather than after the epochs. */
    private static void createOutputFolder(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file (expected a folder for model.safetensors"
                    + " and optimizer.safetensors)");
        }
        Files.createDirectories(out);
    }
}
