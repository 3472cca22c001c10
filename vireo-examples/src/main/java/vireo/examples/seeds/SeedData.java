package vireo.examples.seeds;

import java.util.stream.IntStream;
import vireo.data.DataLoader;
import vireo.data.Dataset;
import vireo.data.Subset;
import vireo.vision.datasets.FashionMNIST;

/** Fashion-MNIST train and test loaders as the seed programs use them. */
final class SeedData {

    final DataLoader<?> train;
    final DataLoader<?> test;

    SeedData(SeedArgs a, int batchSize, int testBatchSize) {
        Dataset<?> trainSet = FashionMNIST.builder(a.data()).train(true).build().asTensorDataset();
        if (a.limit() > 0 && a.limit() < trainSet.size()) {
            trainSet = new Subset<>(trainSet, IntStream.range(0, a.limit()).toArray());
        }
        Dataset<?> testSet = FashionMNIST.builder(a.data()).train(false).build().asTensorDataset();
        train = DataLoader.builder(trainSet).batchSize(batchSize).shuffle(true).seed(a.seed())
                .numWorkers(a.workers()).build();
        test = DataLoader.builder(testSet).batchSize(testBatchSize).build();
    }
}
