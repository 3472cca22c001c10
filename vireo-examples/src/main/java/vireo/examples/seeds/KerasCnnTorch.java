package vireo.examples.seeds;

import java.io.IOException;
import vireo.data.MainRunner;
import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.optim.Adam;
import vireo.tensor.Vireo;
import vireo.vision.models.KerasTutorialCnn;

/**
 * The Keras MNIST tutorial's CNN written with the PyTorch face: Adam (lr 1e-3), batch 128, on Fashion-MNIST.
 *
 * <p>Run: {@code ./vireo example keras-cnn [--epochs 3]}
 */
public final class KerasCnnTorch {

    private KerasCnnTorch() {
    }

    public static void main(String[] args) {
        MainRunner.main("cnn", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        SeedArgs a = SeedArgs.parse(args, 3);
        Vireo.manualSeed(a.seed());
        var model = KerasTutorialCnn.create();
        var data = new SeedData(a, 128, 1000);
        var optimizer = new Adam(model.parameters());
        for (int epoch = 1; epoch <= a.epochs(); epoch++) {
            SeedLoop.trainEpoch(model, data.train, optimizer, F::crossEntropy, epoch, 50, System.out);
            SeedLoop.test(model, data.test, (out, y) -> F.crossEntropy(out, y, null, F.IGNORE_INDEX, Reduction.SUM, 0.0),
                    System.out);
        }
    }
}
