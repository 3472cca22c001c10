package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vireo.data.Batch;
import vireo.data.DataLoader;

/** Reads Debian's Fashion-MNIST (package dataset-fashion-mnist); skipped where it is not installed. */
class FashionMnistRealDataTest {

    static FashionMNIST train;
    static FashionMNIST test;

    @BeforeAll
    static void load() {
        Assumptions.assumeTrue(Files.isDirectory(FashionMNIST.DEBIAN_ROOT),
                "Debian's dataset-fashion-mnist is not installed at " + FashionMNIST.DEBIAN_ROOT);
        long t0 = System.nanoTime();
        train = FashionMNIST.builder(FashionMNIST.DEBIAN_ROOT).build();
        long t1 = System.nanoTime();
        test = FashionMNIST.builder(FashionMNIST.DEBIAN_ROOT).train(false).build();
        System.out.printf("Fashion-MNIST train loaded in %.0f ms%n", (t1 - t0) / 1e6);
    }

    static long[] histogram(FashionMNIST ds) {
        long[] h = new long[10];
        for (long y : ds.labels().toLongArray()) {
            h[(int) y]++;
        }
        return h;
    }

    @Test
    void countsAndBalancedClasses() {
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[]{60_000, 1, 28, 28}, train.images().shape());
        long[] six = new long[10];
        java.util.Arrays.fill(six, 6000);
        assertArrayEquals(six, histogram(train));
        long[] one = new long[10];
        java.util.Arrays.fill(one, 1000);
        assertArrayEquals(one, histogram(test));
    }

    @Test
    void valuesMatchTorchvision() {
        // numpy/torch over the same files: labels[:10], x[0].float().div(255).sum(), mean over the set
        assertArrayEquals(new long[]{9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
                java.util.Arrays.copyOf(train.labels().toLongArray(), 10));
        assertEquals(299.00787f, train.images().select(0, 0).sum().item(), 1e-3f);
        assertEquals(0.2860406f, train.images().mean().item(), 1e-5f);
        assertEquals("Ankle boot", train.classes().get(9));
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), train.classes());
    }

    @Test
    void oneEpochThroughTheLoader() {
        for (int workers : new int[]{0, 2}) {
            var loader = DataLoader.builder(train).batchSize(64).shuffle(true).seed(1).numWorkers(workers).build();
            long t0 = System.nanoTime();
            long seen = 0;
            for (Batch b : loader) {
                seen += b.size();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("Fashion-MNIST epoch, batch 64, %d workers: %.0f images/s%n", workers, seen / s);
            assertEquals(60_000, seen);
            assertEquals(938, loader.numBatches());
            loader.close();
        }
    }
}
