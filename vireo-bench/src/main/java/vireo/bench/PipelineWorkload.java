package vireo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

/**
 * The input pipeline alone, no model: JPEG files decoded and augmented by the {@link DataLoader}'s workers
 * ({@code RandomResizedCrop(224)}, {@code RandomHorizontalFlip}, {@code ColorJitter(0.4, 0.4, 0.4, 0.1)},
 * {@code ToTensor}, ImageNet {@code Normalize}), batch 32, shuffled, 2 workers; images/s. The peer is
 * {@code bench/pipeline_torchvision.py} on the same files ({@link PipelineImages}) with the same settings.
 *
 * <p>Epoch 0 warms up (JIT, page cache, worker start); the figure is the median images/s of the timed epochs after
 * it, as the peer script does.
 */
public record PipelineWorkload(String name, Supplier<Path> folder, int timedEpochs, int workers, int batchSize)
        implements Workload {

    /** {@code pipeline_224_augment} on {@link PipelineImages}' folder, written on first use. */
    public static PipelineWorkload augment224() {
        return new PipelineWorkload("pipeline_224_augment",
                () -> PipelineImages.ensure(PipelineImages.defaultFolder(), PipelineImages.COUNT), 3, 2, 32);
    }

    @Override
    public Unit unit() {
        return Unit.IMAGES_PER_S;
    }

    @Override
    public double run() {
        Compose<Image, Tensor> tf = Compose.of(new RandomResizedCrop(224), new RandomHorizontalFlip(),
                new ColorJitter(0.4, 0.4, 0.4, 0.1), new ToTensor(), Normalize.IMAGENET);
        ImageFolder ds = ImageFolder.builder(folder.get()).transform(tf).build();
        List<Double> rates = new ArrayList<>();
        try (var loader = DataLoader.builder(ds).batchSize(batchSize).shuffle(true).seed(1).numWorkers(workers)
                .build()) {
            for (int e = 0; e <= timedEpochs; e++) {
                long t0 = System.nanoTime();
                int n = 0;
                for (Batch b : loader) {
                    n += b.size();
                }
                double rate = n / ((System.nanoTime() - t0) / 1e9);
                if (n != ds.size()) {
                    throw new IllegalStateException(name + ": expected " + ds.size() + " images per epoch, the loader "
                            + "gave " + n);
                }
                System.err.printf("bench: %s epoch %d: %.1f images/s%n", name, e, rate);
                if (e > 0) {
                    rates.add(rate);
                }
            }
        }
        rates.sort(null);
        return rates.get(rates.size() / 2);
    }

    @Override
    public Map<String, Object> details() {
        var d = new LinkedHashMap<String, Object>();
        d.put("batch", batchSize);
        d.put("workers", workers);
        d.put("epochs", timedEpochs);
        return d;
    }
}
