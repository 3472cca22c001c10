package vireo.examples.seeds;

import java.io.PrintStream;
import java.util.function.BiFunction;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.nn.Module;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

/**
 * The {@code train} and {@code test} functions of PyTorch's MNIST example, shared by the seed programs, with the
 * example's exact log lines.
 */
public final class SeedLoop {

    /** Average loss and correct count over a test set. */
    public record TestResult(double averageLoss, long correct, long total) {
        public double accuracy() {
            return (double) correct / total;
        }
    }

    private SeedLoop() {
    }

    /**
     * One epoch: {@code zeroGrad, forward, loss, backward, step} per batch, logging every {@code logInterval} batches
     * as {@code Train Epoch: 1 [6400/60000 (11%)]\tLoss: 0.512345}.
     *
     * @param loss maps (model output, target) to the mean loss of the batch
     */
    public static void trainEpoch(Module model, DataLoader<?> loader, Optimizer optimizer,
                                  BiFunction<Tensor, Tensor, Tensor> loss, int epoch, int logInterval, PrintStream out) {
        model.train();
        int batchIdx = 0;
        int size = loader.dataset().size();
        int batches = loader.numBatches();
        for (Batch b : loader) {
            optimizer.zeroGrad();
            Tensor l = loss.apply(model.call(b.input()), b.target());
            l.backward();
            optimizer.step();
            if (logInterval > 0 && batchIdx % logInterval == 0) {
                out.printf("Train Epoch: %d [%d/%d (%.0f%%)]\tLoss: %.6f%n", epoch, batchIdx * loader.batchSize(), size,
                        100.0 * batchIdx / batches, l.item());
            }
            batchIdx++;
        }
    }

    /**
     * Evaluates without recording gradients: {@code Test set: Avg. loss: 0.1018, Accuracy: 9663/10000 (97%)}.
     *
     * @param sumLoss maps (model output, target) to the summed loss of the batch
     */
    public static TestResult test(Module model, DataLoader<?> loader, BiFunction<Tensor, Tensor, Tensor> sumLoss,
                                  PrintStream out) {
        model.eval();
        double total = 0;
        long correct = 0;
        long n = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                Tensor output = model.call(b.input());
                total += sumLoss.apply(output, b.target()).item();
                correct += (long) output.argmax(1).eq(b.target()).sum().item();
                n += b.target().size(0);
            }
        }
        var result = new TestResult(total / n, correct, n);
        if (out != null) {
            out.printf("%nTest set: Avg. loss: %.4f, Accuracy: %d/%d (%.0f%%)%n%n", result.averageLoss(), correct, n,
                    100.0 * result.accuracy());
        }
        return result;
    }
}
