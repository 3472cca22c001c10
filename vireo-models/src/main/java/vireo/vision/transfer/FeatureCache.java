package vireo.vision.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.Dataset;
import vireo.data.Subset;
import vireo.data.TensorDataset;
import vireo.nn.BatchNorm;
import vireo.nn.Dropout;
import vireo.nn.Dropout2d;
import vireo.nn.Module;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

/**
 * Backbone features computed once per input, for training a new head on a frozen backbone: the expensive part of
 * transfer learning (ResNet-50 on every image, every epoch) then runs once instead of once per epoch.
 *
 * <p>Caching is exact only when the backbone maps an input to the same features whenever it is called:
 * {@link #blockers} lists what breaks that (a parameter that still trains, a batch norm that uses batch statistics,
 * an active dropout), and {@link #isDeterministic} checks that the data set serves the same sample whatever
 * generator it is given (no random augmentation). With random augmentation, {@link #computeViews} caches a fixed
 * number of augmented views: view {@code v} is exactly what epoch {@code start + v} of the loader serves.
 * "Exact" means the same inputs through the same network; the features themselves can differ from a recomputation in
 * the last float bits, because the SIMD convolution batches small images together and an image's batch mates change
 * the GEMM path (a head trained on the cache matched one trained by recomputation to 1e-5 in the tests).
 *
 * <p>Shapes: the cached data set is {@code [features [N, ...backbone output], labels [N]]} in data set order
 * (sample {@code i} of the cache is sample {@code i} of the data set).
 *
 * <pre>{@code
 * ResNet net = Freezing.freeze(ResNet.resnet50(), BatchNormMode.EVAL);
 * net.setFc(new Identity());                                   // the backbone: images -> [N, 2048]
 * TensorDataset features = FeatureCache.compute(net, trainLoader);
 * }</pre>
 */
public final class FeatureCache {

    /** Samples and generators the determinism probe compares. */
    private static final int PROBE_SAMPLES = 4;
    private static final long[] PROBE_SEEDS = {0x5EED_0001L, 0x5EED_0002L, 0x5EED_0003L};

    private FeatureCache() {
    }

    /**
     * Why caching {@code backbone}'s output would not be exact; empty when it is. Checks every parameter (none may
     * require grad), every batch norm (running statistics must be used: frozen with {@code freezeStatistics} or the
     * layer in eval mode) and every dropout (none active). Modules with other randomness are not detected.
     */
    public static List<String> blockers(Module backbone) {
        List<String> why = new ArrayList<>();
        backbone.namedParameters().forEach((name, p) -> {
            if (p.requiresGrad()) {
                why.add("parameter " + name + " requires grad (the backbone still trains)");
            }
        });
        backbone.namedModules().forEach((name, m) -> {
            String at = name.isEmpty() ? m.typeName() : name + " (" + m.typeName() + ")";
            if (m instanceof BatchNorm bn) {
                if (bn.runningMean() == null) {
                    why.add(at + " has no running statistics: it normalises each batch with the batch's own");
                } else if (m.isTraining() && !bn.statisticsFrozen()) {
                    why.add(at + " is in training mode: it normalises with batch statistics and updates its running "
                            + "ones (Freezing.freeze(.., BatchNormMode.EVAL) or eval() fixes it)");
                }
            } else if (m instanceof Dropout d && m.isTraining() && d.p() > 0) {
                why.add(at + " is active (training mode, p=" + d.p() + ")");
            } else if (m instanceof Dropout2d d && m.isTraining() && d.p() > 0) {
                why.add(at + " is active (training mode, p=" + d.p() + ")");
            }
        });
        return why;
    }

    /** {@link #blockers} is empty. */
    public static boolean isFrozen(Module backbone) {
        return blockers(backbone).isEmpty();
    }

    /**
     * Whether {@code dataset} serves the same sample whatever generator it is given, i.e. has no random
     * augmentation. A {@link TensorDataset} (or a subset of one) is deterministic by construction; any other data set
     * is probed: its first few samples are built with several generators and compared. A random transform that
     * happens to draw the same result on every probe (for a 50% flip: 1 chance in 256) is missed; state it with
     * {@code TransferTrainer.Builder.augmentedViews} to be sure.
     */
    public static boolean isDeterministic(Dataset<?> dataset) {
        Dataset<?> d = dataset;
        while (d instanceof Subset<?> s) {
            d = s.parent();
        }
        if (d instanceof TensorDataset) {
            return true;
        }
        int n = Math.min(PROBE_SAMPLES, dataset.size());
        for (int i = 0; i < n; i++) {
            Object first = dataset.get(i, new Generator(PROBE_SEEDS[0]));
            for (int k = 1; k < PROBE_SEEDS.length; k++) {
                if (!sameSample(first, dataset.get(i, new Generator(PROBE_SEEDS[k])))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The backbone's output for every sample of {@code loader}'s data set, in data set order, with the labels
     * (field 1 of each batch). Batches have the loader's size and are built by its workers; the loader's own
     * order and epoch counter are left alone. The backbone runs without recording a graph.
     *
     * @throws IllegalStateException when {@link #blockers} is not empty
     */
    public static TensorDataset compute(Module backbone, DataLoader<?> loader) {
        return computeViews(backbone, loader, loader.nextEpoch(), 1).get(0);
    }

    /**
     * {@code views} caches of the backbone's output: cache {@code v} holds the samples exactly as epoch
     * {@code startEpoch + v} of {@code loader} serves them (the same per-sample generators), so training on view
     * {@code v} in that epoch matches recomputing the backbone. For data sets with random augmentation.
     */
    public static List<TensorDataset> computeViews(Module backbone, DataLoader<?> loader, long startEpoch, int views) {
        List<String> why = blockers(backbone);
        if (!why.isEmpty()) {
            throw new IllegalStateException("FeatureCache: the backbone's output is not a fixed function of its input, "
                    + "so caching it would not be exact: " + String.join("; ", why));
        }
        if (views < 1) {
            throw new IllegalArgumentException("FeatureCache: expected at least 1 view, received " + views);
        }
        @SuppressWarnings("unchecked")
        Dataset<Object> dataset = (Dataset<Object>) loader.dataset();
        // The loader's own iteration shuffles and advances its epoch; a sequential twin with the same seed builds the
        // same samples (the per-sample generator depends on seed, epoch and index only).
        DataLoader<Object> inOrder = DataLoader.builder(dataset).batchSize(loader.batchSize())
                .numWorkers(loader.numWorkers()).seed(loader.seed()).build();
        List<TensorDataset> out = new ArrayList<>(views);
        try (var noGrad = GradMode.noGrad()) {
            for (int v = 0; v < views; v++) {
                inOrder.setEpoch(startEpoch + v);
                List<Tensor> features = new ArrayList<>();
                List<Tensor> labels = new ArrayList<>();
                for (Batch b : inOrder) {
                    features.add(backbone.call(b.input()).detach());
                    labels.add(b.target());
                }
                out.add(new TensorDataset(Tensor.cat(features, 0), Tensor.cat(labels, 0)));
            }
        } finally {
            inOrder.close();
        }
        return out;
    }

    private static boolean sameSample(Object a, Object b) {
        if (a instanceof Tensor x && b instanceof Tensor y) {
            if (!Arrays.equals(x.shape(), y.shape()) || x.dtype() != y.dtype()) {
                return false;
            }
            return x.dtype() != vireo.tensor.DType.INT64 ? Arrays.equals(x.toFloatArray(), y.toFloatArray())
                    : Arrays.equals(x.toLongArray(), y.toLongArray());
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameSample(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
