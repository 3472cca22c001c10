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
 * it, as the peer script does. Beside it, {@code cpu_ms_per_image}: the process's CPU time per image (all threads:
 * workers, collation, JIT, GC), the median over the same epochs; the peer reports the same for its processes. On a
 * machine shared with other work, wall-clock rates mostly measure how the scheduler shares the cores; CPU time per
 * image says which pipeline does less work.
 */
public final class PipelineWorkload implements Workload {

    private final String name;
    private final Supplier<Path> folder;
    private final int timedEpochs;
    private final int workers;
    private final int batchSize;
    private double lastCpuMsPerImage = -1;

    /** {@code timedEpochs} epochs timed after the warm-up one, on the folder {@code folder} supplies when run. */
    public PipelineWorkload(String name, Supplier<Path> folder, int timedEpochs, int workers, int batchSize) {
        if (timedEpochs < 1 || workers < 0 || batchSize < 1) {
            throw new IllegalArgumentException(name + ": expected at least one timed epoch, workers >= 0 and a "
                    + "positive batch, received " + timedEpochs + ", " + workers + ", " + batchSize);
        }
        this.name = name;
        this.folder = folder;
        this.timedEpochs = timedEpochs;
        this.workers = workers;
        this.batchSize = batchSize;
    }

    /** {@code pipeline_224_augment} on {@link PipelineImages}' folder, written on first use. */
    public static PipelineWorkload augment224() {
        return new PipelineWorkload("pipeline_224_augment",
                () -> PipelineImages.ensure(PipelineImages.defaultFolder(), PipelineImages.COUNT), 3, 2, 32);
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
        Compose<Image, Tensor> tf = Compose.of(new RandomResizedCrop(224), new RandomHorizontalFlip(),
                new ColorJitter(0.4, 0.4, 0.4, 0.1), new ToTensor(), Normalize.IMAGENET);
        ImageFolder ds = ImageFolder.builder(folder.get()).transform(tf).build();
        List<Double> rates = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        try (var loader = DataLoader.builder(ds).batchSize(batchSize).shuffle(true).seed(1).numWorkers(workers)
                .build()) {
            for (int e = 0; e <= timedEpochs; e++) {
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                int n = 0;
                for (Batch b : loader) {
                    n += b.size();
                }
                double rate = n / ((System.nanoTime() - t0) / 1e9);
                double cpu = (processCpuNanos() - cpu0) / 1e6 / n;
                if (n != ds.size()) {
                    throw new IllegalStateException(name + ": expected " + ds.size() + " images per epoch, the loader "
                            + "gave " + n);
                }
                System.err.printf("bench: %s epoch %d: %.1f images/s, %.2f CPU ms per image%n", name, e, rate, cpu);
                if (e > 0) {
                    rates.add(rate);
                    cpuMs.add(cpu);
                }
            }
        }
        lastCpuMsPerImage = median(cpuMs);
        return median(rates);
    }

    private static double median(List<Double> xs) {
        var sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** CPU time of the whole process so far, or a negative value where the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    @Override
    public Map<String, Object> details() {
        var d = new LinkedHashMap<String, Object>();
        d.put("batch", batchSize);
        d.put("workers", workers);
        d.put("epochs", timedEpochs);
        if (lastCpuMsPerImage > 0) {
            d.put("cpu_ms_per_image", BenchMain.round(lastCpuMsPerImage));
        }
        return d;
    }
}
