package vireo.vision.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.optim.Optimizer;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Trains a new head on a frozen backbone for a number of epochs, validating after each, with early stopping on
 * the validation loss and the best head weights restored at the end.
 *
 * <p>When caching is exact (see {@link FeatureCache}: the backbone is frozen and the data sets have no random
 * augmentation, or a fixed number of augmented views is asked for), the backbone runs once per input and the head
 * trains on the cached features, in the same batches and order as the loader would give: the head's weights come out
 * as if the backbone had been recomputed every epoch. {@link Builder#cacheFeatures(boolean) cacheFeatures(false)}
 * turns this off; when caching would not be exact, the trainer recomputes and says why on the log.
 *
 * <pre>{@code
 * ResNet net = Freezing.freeze(ResNet.resnet50(), BatchNormMode.EVAL);
 * net.setFc(new Identity());                                                   // backbone: images -> [N, 2048]
 * Module head = new Sequential(new Linear(2048, 128), new ReLU(), new Linear(128, 2));
 * History h = TransferTrainer.builder(net, head, new Adam(head.parameters()))
 *         .epochs(10).patience(3).log(System.out::println).build()
 *         .fit(trainLoader, validLoader);
 * net.setFc(head);                                                             // the whole model, best head
 * }</pre>
 *
 * <p>Shapes: the backbone maps a batch input {@code [B, ...]} to features {@code [B, F...]}, the head maps those to
 * scores {@code [B, C]}; the loss takes (scores, targets), cross-entropy with int64 targets {@code [B]} by default.
 */
public final class TransferTrainer {

    private final Module backbone;
    private final Module head;
    private final Optimizer optimizer;
    private final BiFunction<Tensor, Tensor, Tensor> loss;
    private final int epochs;
    private final int patience;
    private final boolean restoreBestWeights;
    private final boolean cacheFeatures;
    private final int augmentedViews;
    private final Consumer<String> log;

    private TransferTrainer(Builder b) {
        this.backbone = b.backbone;
        this.head = b.head;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.epochs = b.epochs;
        this.patience = b.patience;
        this.restoreBestWeights = b.restoreBestWeights;
        this.cacheFeatures = b.cacheFeatures;
        this.augmentedViews = b.augmentedViews;
        this.log = b.log;
    }

    public static Builder builder(Module backbone, Module head, Optimizer optimizer) {
        return new Builder(backbone, head, optimizer);
    }

    /**
     * Trains the head for up to {@code epochs} epochs on {@code train}, validating on {@code valid} after each. Both
     * loaders' epoch counters advance once per epoch, as when iterating them, whether or not features are cached.
     */
    public History fit(DataLoader<?> train, DataLoader<?> valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        long trainStart = train.nextEpoch();
        List<TensorDataset> trainViews = null;
        TensorDataset validCache = null;
        double cacheSeconds = 0;
        if (cacheFeatures) {
            List<String> why = FeatureCache.blockers(backbone);
            if (!why.isEmpty()) {
                log.accept("transfer: recomputing the backbone every epoch, its output is not cacheable: "
                        + String.join("; ", why));
            } else {
                long t0 = System.nanoTime();
                int views = augmentedViews > 0 ? augmentedViews
                        : FeatureCache.isDeterministic(train.dataset()) ? 1 : 0;
                if (views > 0) {
                    trainViews = FeatureCache.computeViews(backbone, train, trainStart, views);
                } else {
                    log.accept("transfer: the training set has random augmentation; recomputing it every epoch "
                            + "(augmentedViews(k) caches k augmented views instead)");
                }
                if (FeatureCache.isDeterministic(valid.dataset())) {
                    validCache = FeatureCache.compute(backbone, valid);
                } else {
                    log.accept("transfer: the validation set has random augmentation; recomputing it every epoch");
                }
                cacheSeconds = (System.nanoTime() - t0) / 1e9;
                if (trainViews != null || validCache != null) {
                    log.accept(String.format("transfer: cached backbone features (%s%s) in %.1f s",
                            trainViews != null ? trainViews.size() + " training view(s)" : "",
                            validCache != null ? (trainViews != null ? ", " : "") + "validation" : "", cacheSeconds));
                }
            }
        }

        List<EpochStats> history = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        Map<String, Tensor> bestWeights = null;
        boolean stoppedEarly = false;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            Sums tr = trainViews != null
                    ? trainCached(train, trainViews.get(e % trainViews.size()), trainStart + e)
                    : trainRecomputing(train);
            Sums va = validCache != null ? validateCached(valid, validCache) : validateRecomputing(valid);
            double seconds = (System.nanoTime() - t0) / 1e9 + (e == 0 ? cacheSeconds : 0);
            EpochStats s = new EpochStats(e, tr.loss(), tr.accuracy(), va.loss(), va.accuracy(), seconds);
            history.add(s);
            log.accept(s.toString());
            if (va.loss() < bestLoss) {
                bestLoss = va.loss();
                bestEpoch = e;
                bestWeights = restoreBestWeights ? snapshot(head) : null;
            } else if (e - bestEpoch >= patience) {
                stoppedEarly = e + 1 < epochs;
                if (stoppedEarly) {
                    log.accept("transfer: early stop, no lower validation loss for " + patience + " epoch(s)");
                }
                break;
            }
        }
        if (bestEpoch < 0) {
            bestEpoch = history.size() - 1; // every validation loss was NaN
        } else if (bestWeights != null && bestEpoch != history.size() - 1) {
            head.loadStateDict(bestWeights);
            log.accept("transfer: restored the head of epoch " + (bestEpoch + 1) + " (lowest validation loss)");
        }
        return new History(history, bestEpoch, stoppedEarly, trainViews != null, validCache != null, cacheSeconds);
    }

    // ------------------------------------------------------------------ epochs

    private Sums trainCached(DataLoader<?> train, TensorDataset view, long epoch) {
        int[] order = train.order(epoch);
        train.setEpoch(epoch + 1); // as iterating the loader would
        int bs = train.batchSize();
        Sums sums = new Sums();
        head.train();
        for (int b = 0, n = train.numBatches(); b < n; b++) {
            int[] idx = java.util.Arrays.copyOfRange(order, b * bs, Math.min((b + 1) * bs, order.length));
            Batch batch = view.gather(idx);
            step(batch.input(), batch.target(), sums);
        }
        return sums;
    }

    private Sums trainRecomputing(DataLoader<?> train) {
        Sums sums = new Sums();
        head.train();
        for (Batch b : train) {
            step(features(b.input()), b.target(), sums);
        }
        return sums;
    }

    private void step(Tensor features, Tensor target, Sums sums) {
        optimizer.zeroGrad();
        Tensor scores = head.call(features);
        Tensor l = loss.apply(scores, target);
        l.backward();
        optimizer.step();
        sums.add(l.item(), scores.detach(), target);
    }

    private Sums validateCached(DataLoader<?> valid, TensorDataset cache) {
        long epoch = valid.nextEpoch();
        int[] order = valid.order(epoch);
        valid.setEpoch(epoch + 1);
        int bs = valid.batchSize();
        Sums sums = new Sums();
        head.eval();
        try (var noGrad = GradMode.noGrad()) {
            for (int b = 0, n = valid.numBatches(); b < n; b++) {
                Batch batch = cache.gather(java.util.Arrays.copyOfRange(order, b * bs,
                        Math.min((b + 1) * bs, order.length)));
                Tensor scores = head.call(batch.input());
                sums.add(loss.apply(scores, batch.target()).item(), scores, batch.target());
            }
        }
        return sums;
    }

    private Sums validateRecomputing(DataLoader<?> valid) {
        Sums sums = new Sums();
        head.eval();
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : valid) {
                Tensor scores = head.call(backbone.call(b.input()));
                sums.add(loss.apply(scores, b.target()).item(), scores, b.target());
            }
        }
        return sums;
    }

    /** The backbone's output; without a graph when nothing in the backbone trains. */
    private Tensor features(Tensor input) {
        boolean frozen = backbone.parameters().stream().noneMatch(Tensor::requiresGrad);
        if (!frozen) {
            return backbone.call(input);
        }
        try (var noGrad = GradMode.noGrad()) {
            return backbone.call(input).detach();
        }
    }

    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Sample-weighted loss and accuracy over an epoch. */
    private static final class Sums {
        private double loss;
        private long correct;
        private long n;
        private boolean classes = true;

        void add(double batchMeanLoss, Tensor scores, Tensor target) {
            int b = target.dim() == 0 ? 1 : target.size(0);
            loss += batchMeanLoss * b;
            n += b;
            if (classes && target.dtype() == DType.INT64 && scores.dim() == 2 && target.dim() == 1) {
                long[] pred = scores.argmax(1).longs();
                long[] t = target.contiguous().toLongArray();
                for (int i = 0; i < t.length; i++) {
                    correct += pred[i] == t[i] ? 1 : 0;
                }
            } else {
                classes = false;
            }
        }

        double loss() {
            return n == 0 ? Double.NaN : loss / n;
        }

        double accuracy() {
            return n == 0 || !classes ? Double.NaN : (double) correct / n;
        }
    }

    /** Options; only the backbone, the head and the optimizer are required. */
    public static final class Builder {
        private final Module backbone;
        private final Module head;
        private final Optimizer optimizer;
        private BiFunction<Tensor, Tensor, Tensor> loss = F::crossEntropy;
        private int epochs = 1;
        private int patience = Integer.MAX_VALUE;
        private boolean restoreBestWeights = true;
        private boolean cacheFeatures = true;
        private int augmentedViews;
        private Consumer<String> log = s -> { };

        private Builder(Module backbone, Module head, Optimizer optimizer) {
            if (backbone == null || head == null || optimizer == null) {
                throw new IllegalArgumentException("TransferTrainer: expected a backbone, a head and an optimizer, "
                        + "received " + (backbone == null ? "no backbone " : "") + (head == null ? "no head " : "")
                        + (optimizer == null ? "no optimizer" : ""));
            }
            this.backbone = backbone;
            this.head = head;
            this.optimizer = optimizer;
        }

        /** The loss of (scores, targets), batch mean; cross-entropy by default. */
        public Builder loss(BiFunction<Tensor, Tensor, Tensor> loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** Most epochs to run (default 1). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("TransferTrainer: epochs must be at least 1, received " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Stop after this many epochs without a lower validation loss (Keras's EarlyStopping); default never. */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("TransferTrainer: patience must be at least 1, received " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** Load the head weights of the epoch with the lowest validation loss at the end (default on). */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /** Cache backbone features where that is exact (default on); off recomputes the backbone every epoch. */
        public Builder cacheFeatures(boolean cache) {
            this.cacheFeatures = cache;
            return this;
        }

        /**
         * Cache {@code k} augmented views of the training set (epoch {@code e} trains on view {@code e mod k}, exactly
         * what the loader serves in epochs 0..k-1). 0 (default): cache only when the training set is deterministic.
         */
        public Builder augmentedViews(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("TransferTrainer: augmentedViews must be >= 0, received " + k);
            }
            this.augmentedViews = k;
            return this;
        }

        /** Where per-epoch lines and caching notes go (default nowhere). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public TransferTrainer build() {
            return new TransferTrainer(this);
        }
    }
}
