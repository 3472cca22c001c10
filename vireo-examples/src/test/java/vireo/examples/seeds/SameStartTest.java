package vireo.examples.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.optim.Adam;
import vireo.tensor.Tensor;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.models.LeNet5;

/**
 * "A PyTorch user ports the script line by line and gets the same numbers": LeNet-5 with Adam (the seed recipe) trained
 * for one epoch on Fashion-MNIST from exactly the weights and batch order PyTorch used
 * ({@code tools/golden/lenet_same_start.py} documents both and wrote PyTorch's per-step losses and test result).
 *
 * <p>Only float rounding differs between the engines (the order of sums inside convolutions and matrix products), so the
 * first steps agree to float precision and the trajectories stay together: training is chaotic enough that rounding
 * differences grow over hundreds of Adam steps, which is why later steps are compared by their running mean and the
 * end by test loss and accuracy rather than bit for bit.
 */
class SameStartTest {

    private static final String GOLDEN = "/golden/lenet_same_start.txt";
    private static final int BATCH = 64;
    private static final long SEED = 1;

    @Test
    void leNet5FromPyTorchsStartEndsWherePyTorchEnds() throws IOException {
        assumeTrue(java.nio.file.Files.isDirectory(FashionMNIST.DEBIAN_ROOT) || "true".equals(System.getenv("CI")),
                "Fashion-MNIST is not installed (./vireo test installs it)");
        Golden golden = Golden.read();
        var train = FashionMNIST.builder(FashionMNIST.DEBIAN_ROOT).train(true).build();
        var test = FashionMNIST.builder(FashionMNIST.DEBIAN_ROOT).train(false).build();
        Module model = LeNet5.create();
        sameStart(model);
        var optimizer = new Adam(model.parameters(), 0.01);

        int n = train.size();
        int steps = (n + BATCH - 1) / BATCH;
        assertEquals(golden.losses.length, steps, "steps in the fixture");
        double[] losses = new double[steps];
        model.train();
        for (int step = 0; step < steps; step++) {
            int[] indices = new int[Math.min(BATCH, n - step * BATCH)];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = (int) (((long) (step * BATCH + k) * 7919 + 13) % n);
            }
            Batch b = train.gather(indices);
            optimizer.zeroGrad();
            Tensor loss = F.crossEntropy(model.call(b.input()), b.target());
            loss.backward();
            optimizer.step();
            losses[step] = loss.item();
        }
        var result = SeedLoop.test(model, DataLoader.builder(test.asTensorDataset()).batchSize(1000).build(),
                (out, y) -> F.crossEntropy(out, y, null, F.IGNORE_INDEX, Reduction.SUM, 0.0), null);
        System.out.printf("LeNet-5 from PyTorch's start: step 0 loss %.6f (PyTorch %.6f), last 100 steps mean %.4f "
                        + "(PyTorch %.4f), test loss %.4f (PyTorch %.4f), accuracy %d/10000 (PyTorch %d/10000)%n",
                losses[0], golden.losses[0], mean(losses, steps - 100, steps), mean(golden.losses, steps - 100, steps),
                result.averageLoss(), golden.testLoss, result.correct(), golden.testCorrect);

        for (int step = 0; step < 5; step++) {
            assertEquals(golden.losses[step], losses[step], 1e-5, "loss of step " + step);
        }
        for (int from = 0; from < steps; from += 100) {
            int to = Math.min(steps, from + 100);
            assertEquals(mean(golden.losses, from, to), mean(losses, from, to), 0.01,
                    "mean loss of steps " + from + ".." + (to - 1));
        }
        assertEquals(golden.testLoss, result.averageLoss(), 0.01, "test loss");
        assertTrue(Math.abs(result.correct() - golden.testCorrect) <= 50,
                "test accuracy " + result.correct() + "/10000 vs PyTorch's " + golden.testCorrect + "/10000 (0.5 pp allowed)");
    }

    /** The deterministic start of tools/golden/lenet_same_start.py (see there). */
    static void sameStart(Module model) {
        Map<String, Tensor> state = model.stateDict();
        long stream = SEED;
        for (var e : state.entrySet()) {
            String key = e.getKey();
            Tensor weight = key.endsWith("bias") ? state.get(key.substring(0, key.length() - 4) + "weight") : e.getValue();
            double bound = 1 / Math.sqrt(weight.numel() / weight.size(0));
            float[] values = new float[e.getValue().numel()];
            for (int k = 0; k < values.length; k++) {
                stream += 0x9E3779B97F4A7C15L;
                double u = (splitMix64(stream) >>> 11) * 0x1.0p-53;
                values[k] = (float) (bound * (2 * u - 1));
            }
            e.getValue().copy_(Tensor.fromArray(values, e.getValue().shape()));
        }
    }

    /** SplitMix64's output function of the state (the stream adds the golden gamma before each call). */
    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double mean(double[] xs, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += xs[i];
        }
        return s / (to - from);
    }

    /** PyTorch's per-step losses and test result. */
    private record Golden(double[] losses, double testLoss, long testCorrect) {
        static Golden read() throws IOException {
            String text;
            try (InputStream in = SameStartTest.class.getResourceAsStream(GOLDEN)) {
                assertTrue(in != null, GOLDEN + " is missing (tools/golden/lenet_same_start.py writes it)");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<Double> losses = new ArrayList<>();
            double testLoss = Double.NaN;
            long correct = -1;
            for (String line : text.split("\n")) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "loss" -> losses.add(Double.parseDouble(f[2]));
                    case "test_loss" -> testLoss = Double.parseDouble(f[1]);
                    case "test_correct" -> correct = Long.parseLong(f[1].split("/")[0]);
                    default -> { }
                }
            }
            return new Golden(losses.stream().mapToDouble(Double::doubleValue).toArray(), testLoss, correct);
        }
    }
}
