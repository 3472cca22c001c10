import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.tensor.Tensor;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.io.Image;
import vireo.vision.transforms.ColorJitter;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Normalize;
import vireo.vision.transforms.RandomHorizontalFlip;
import vireo.vision.transforms.RandomResizedCrop;
import vireo.vision.transforms.ToTensor;
import vireo.vision.transforms.Transform;

/**
 * Images/s of Vireo's augmentation pipeline on JPEG files, the peer of pipeline_torchvision.py (same files, same
 * pipeline, batch 32, shuffle). Run as a single-file program after {@code mvn -pl vireo-data -am package}:
 *
 * <pre>
 * java -cp vireo-data/target/classes:vireo-core/target/classes:$(TwelveMonkeys jars) \
 *      --add-modules jdk.incubator.vector tools/bench/PipelineBench.java [DIR] [epochs] [workers]
 * </pre>
 *
 * Epoch 0 is a warm-up (JIT, page cache); the figure is the median images/s over the remaining epochs.
 */
public final class PipelineBench {

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/vireo-pipeline-jpeg");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Transform<Image, Tensor> tf = Compose.of(new RandomResizedCrop(224), new RandomHorizontalFlip(),
                new ColorJitter(0.4, 0.4, 0.4, 0.1), new ToTensor(), Normalize.IMAGENET);
        ImageFolder ds = ImageFolder.builder(dir).transform(tf).build();
        List<Double> rates = new ArrayList<>();
        try (var loader = DataLoader.builder(ds).batchSize(32).shuffle(true).seed(1).numWorkers(workers).build()) {
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                int n = 0;
                for (Batch b : loader) {
                    n += b.size();
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                System.out.printf("epoch %d: %d images in %.2f s = %.1f images/s%n", e, n, dt, n / dt);
                if (e > 0) {
                    rates.add(n / dt);
                }
            }
        }
        Collections.sort(rates);
        System.out.printf("vireo, %d workers: median %.1f images/s%n", workers, rates.get(rates.size() / 2));
    }
}
