package vireo.examples.seeds;

import java.io.IOException;
import vireo.autograd.GradMode;
import vireo.data.MainRunner;
import vireo.nn.Module;
import vireo.nn.Sequential;
import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.optim.Adam;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.models.LeNet5;

/**
 * LeNet-5 (sigmoid, average pooling, padding 2) with Adam (lr 0.01), batch 64, on Fashion-MNIST; first prints the
 * per-layer output shapes the tutorial shows.
 *
 * <p>Run: {@code ./vireo example lenet5 [--epochs 3]}
 */
public final class LeNet5Adam {

    private LeNet5Adam() {
    }

    public static void main(String[] args) {
        MainRunner.main("lenet5", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        SeedArgs a = SeedArgs.parse(args, 3);
        Vireo.manualSeed(a.seed());
        Sequential net = LeNet5.create();
        printShapes(net);
        var data = new SeedData(a, 64, 1000);
        var optimizer = new Adam(net.parameters(), 0.01);
        for (int epoch = 1; epoch <= a.epochs(); epoch++) {
            SeedLoop.trainEpoch(net, data.train, optimizer, F::crossEntropy, epoch, 100, System.out);
            SeedLoop.test(net, data.test, (out, y) -> F.crossEntropy(out, y, null, F.IGNORE_INDEX, Reduction.SUM, 0.0),
                    System.out);
        }
    }

    /** {@code Conv2d output shape: [1, 6, 28, 28]} for each layer, as the tutorial prints. */
    static void printShapes(Sequential net) {
        Tensor x = Tensor.rand(1, 1, 28, 28);
        try (var noGrad = GradMode.noGrad()) {
            for (Module layer : net.children()) {
                x = layer.call(x);
                System.out.printf("%-10s output shape: \t%s%n", layer.typeName(), java.util.Arrays.toString(x.shape()));
            }
        }
    }
}
