package vireo.examples.seeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.io.safetensors.SafeTensors;
import vireo.nn.functional.F;
import vireo.optim.OptimizerState;
import vireo.optim.SGD;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.models.MnistNet;

/**
 * Saving model, optimizer and RNG state after 2 epochs and resuming in fresh objects for 2 more gives exactly the
 * weights of 4 uninterrupted epochs (same seed, same thread count) — dropout masks, shuffling and momentum included.
 */
class ResumeTrainingTest {

    private static final long SEED = 42;

    @Test
    void twoPlusTwoEpochsEqualFour(@TempDir Path dir) throws IOException {
        TensorDataset data = syntheticData();

        Vireo.manualSeed(SEED);
        var straight = new MnistNet();
        var straightOpt = new SGD(straight.parameters(), 0.01, 0.5);
        DataLoader<?> loader = loader(data);
        train(straight, straightOpt, loader, 4);

        Vireo.manualSeed(SEED);
        var first = new MnistNet();
        var firstOpt = new SGD(first.parameters(), 0.01, 0.5);
        DataLoader<?> firstLoader = loader(data);
        train(first, firstOpt, firstLoader, 2);
        Path modelFile = dir.resolve("model.safetensors");
        Path optFile = dir.resolve("optimizer.safetensors");
        SafeTensors.write(first.stateDict(), modelFile);
        OptimizerState state = firstOpt.stateDict();
        SafeTensors.write(state.toTensors(), optFile, state.toMetadata());
        long rngState = Vireo.defaultGenerator().state();
        long epoch = firstLoader.nextEpoch();

        Vireo.manualSeed(999); // a fresh process would start elsewhere
        var resumed = new MnistNet();
        resumed.loadStateDict(SafeTensors.read(modelFile));
        var resumedOpt = new SGD(resumed.parameters(), 0.01, 0.5);
        resumedOpt.loadStateDict(OptimizerState.fromTensors(SafeTensors.read(optFile), SafeTensors.readMetadata(optFile)));
        Vireo.defaultGenerator().setState(rngState);
        DataLoader<?> resumedLoader = loader(data);
        resumedLoader.setEpoch(epoch);
        train(resumed, resumedOpt, resumedLoader, 2);

        Map<String, Tensor> expected = straight.stateDict();
        Map<String, Tensor> actual = resumed.stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key).toFloatArray(), actual.get(key).toFloatArray(), 0f, key);
        }
    }

    private static void train(MnistNet model, SGD opt, DataLoader<?> loader, int epochs) {
        for (int e = 0; e < epochs; e++) {
            SeedLoop.trainEpoch(model, loader, opt, F::nllLoss, e + 1, 0, System.out);
        }
    }

    private static DataLoader<?> loader(TensorDataset data) {
        return DataLoader.builder(data).batchSize(32).shuffle(true).seed(7).build();
    }

    private static TensorDataset syntheticData() {
        var g = new Generator(3);
        Tensor x = Tensor.rand(g, 256, 1, 28, 28);
        Tensor y = Tensor.randint(g, 0, 10, 256);
        return new TensorDataset(x, y);
    }
}
