package vireo.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.Dataset;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.optim.Adam;
import vireo.optim.Optimizer;
import vireo.optim.SGD;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.models.KerasTutorialCnn;
import vireo.vision.models.LeNet5;

/**
 * One seed model trained as the peer script's {@code train} does: {@code epochs} epochs over the 60,000
 * Fashion-MNIST training images in a fresh random order each epoch, {@code zeroGrad, crossEntropy(model(x), y),
 * backward, step} per batch, then the test accuracy over the 10,000 test images in batches of 1000.
 *
 * <p>The figure is images per second of the last epoch, timed from its first batch to its last step, the data
 * already in memory (the peer also loads before timing and, having no JIT, does no warm-up: neither does this).
 * {@link #details()} adds {@code epoch_s}, {@code epochs} and {@code test_acc} like the peer's line.
 *
 * <p>The seed (weights, dropout, order) is 1, or the system property {@code vireo.bench.seed}
 * ({@code VIREO_JAVA_OPTS=-Dvireo.bench.seed=2 bench/compare ...}) to compare accuracy over several seeds.
 *
 * <p>Memory: the Keras CNN at batch 128 trains within a 2 GB heap; check it with the JVM's heap limit, which makes
 * the run fail with {@code OutOfMemoryError} (reported by {@code BenchMain}) if it does not fit:
 * {@code VIREO_JAVA_OPTS=-Xmx2g bench/compare mnist_cnn_keras_seed004}.
 *
 * <p>Shapes: images {@code [B, 1, 28, 28]} float32 in [0, 1], labels {@code [B]} int64, logits {@code [B, 10]}.
 */
public final class SeedTrainingWorkload implements Workload {

    private final String name;
    private final Supplier<Module> model;
    private final Function<Module, Optimizer> optimizer;
    private final int batchSize;
    private final int epochs;
    private final Path data;
    private Map<String, Object> details = Map.of();

    SeedTrainingWorkload(String name, Supplier<Module> model, Function<Module, Optimizer> optimizer, int batchSize,
                         int epochs, Path data) {
        if (batchSize <= 0 || epochs <= 0) {
            throw new IllegalArgumentException(name + ": expected a positive batch size and epoch count, received "
                    + batchSize + " and " + epochs);
        }
        this.name = name;
        this.model = model;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.data = data;
    }

    /** The Keras tutorial CNN (seed 004) with Adam (lr 1e-3), batch 128. */
    public static SeedTrainingWorkload kerasCnn() {
        return new SeedTrainingWorkload("mnist_cnn_keras_seed004", KerasTutorialCnn::create,
                m -> new Adam(m.parameters()), 128, 1, FashionMNIST.DEBIAN_ROOT);
    }

    /** LeNet-5 (seed 003) with Adam (lr 0.01), batch 64. */
    public static SeedTrainingWorkload lenet5() {
        return new SeedTrainingWorkload("lenet5_seed003", LeNet5::create,
                m -> new Adam(m.parameters(), 0.01), 64, 1, FashionMNIST.DEBIAN_ROOT);
    }

    /** PyTorch's MNIST {@code Net} as the peer writes it (seed 004) with SGD (lr 0.01, momentum 0.5), batch 64. */
    public static SeedTrainingWorkload net() {
        return new SeedTrainingWorkload("net_sgd_seed004", PeerNet::new,
                m -> new SGD(m.parameters(), 0.01, 0.5), 64, 1, FashionMNIST.DEBIAN_ROOT);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Unit unit() {
        return Unit.IMAGES_PER_S;
    }

    @Override
    public double run() {
        Dataset<?> train = FashionMNIST.builder(data).train(true).build().asTensorDataset();
        Dataset<?> test = FashionMNIST.builder(data).train(false).build().asTensorDataset();
        long seed = Long.getLong("vireo.bench.seed", 1);
        Vireo.manualSeed(seed);
        Module m = model.get();
        Optimizer opt = optimizer.apply(m);
        var loader = DataLoader.builder(train).batchSize(batchSize).shuffle(true).seed(seed).build();
        double seconds = 0;
        for (int e = 0; e < epochs; e++) {
            m.train();
            long t = System.nanoTime();
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor loss = F.crossEntropy(m.call(b.input()), b.target());
                loss.backward();
                opt.step();
            }
            seconds = (System.nanoTime() - t) / 1e9;
        }
        double acc = accuracy(m, DataLoader.builder(test).batchSize(1000).build());
        var d = new LinkedHashMap<String, Object>();
        d.put("epoch_s", Math.round(seconds * 100) / 100.0);
        d.put("epochs", epochs);
        d.put("test_acc", Math.round(acc * 10000) / 10000.0);
        details = d;
        return train.size() / seconds;
    }

    private static double accuracy(Module m, DataLoader<?> test) {
        m.eval();
        long correct = 0;
        long n = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : test) {
                correct += (long) m.call(b.input()).argmax(1).eq(b.target()).sum().item();
                n += b.target().size(0);
            }
        }
        return (double) correct / n;
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
