package vireo.cli.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.nn.Module;
import vireo.nn.functional.F;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * A small supervised training loop (cross-entropy on logits) with per-epoch history, early stopping on the
 * validation loss that restores the best weights, and a hook after every completed epoch (where the CLI writes
 * its checkpoint, so an interrupted run can be resumed from the last completed epoch).
 */
public final class Trainer {

    /** Called after each completed epoch with the state to persist. */
    @FunctionalInterface
    public interface EpochListener {
        void epochEnd(Progress progress) throws Exception;
    }

    /** Called after each training batch (progress display). */
    @FunctionalInterface
    public interface BatchListener {
        void batchEnd(int epoch, int batch, int batches, double meanLoss);
    }

    /**
     * Where a run stands after an epoch.
     *
     * @param bestState the weights of the best epoch so far (copies), null before the first epoch
     * @param waited epochs since the best one
     */
    public record Progress(List<EpochStats> history, int bestEpoch, double bestValidLoss,
                           Map<String, Tensor> bestState, int waited, boolean stopped) {

        public int epoch() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        }
    }

    private final Module model;
    /** What batches go through: the model, or only its head when the loaders serve cached backbone features. */
    private Module net;
    private final Optimizer optimizer;
    private final DataLoader<?> train;
    private final DataLoader<?> valid;
    private final int patience;
    private final long seed;
    private BatchListener batchListener = (epoch, batch, batches, loss) -> { };

    /**
     * @param patience epochs without a better validation loss before stopping; 0 disables early stopping
     * @param seed the global generator (dropout) is reseeded from (seed, epoch) at the start of every epoch, so
     *             a resumed run draws what an uninterrupted one would
     */
    public Trainer(Module model, Optimizer optimizer, DataLoader<?> train, DataLoader<?> valid, int patience,
                   long seed) {
        this.model = model;
        this.net = model;
        this.optimizer = optimizer;
        this.train = train;
        this.valid = valid;
        this.patience = patience;
        this.seed = seed;
    }

    /** Sets who hears about every batch (default: nobody). */
    public Trainer onBatch(BatchListener listener) {
        this.batchListener = listener;
        return this;
    }

    /**
     * Trains only {@code head}, a part of the model, on loaders that serve what the rest of the model (frozen)
     * computes for each image: the backbone's features, computed once (see {@link CachedFeatures}). The progress
     * still records, and early stopping restores, the whole model's state.
     */
    public Trainer throughHead(Module head) {
        this.net = head;
        return this;
    }

    /** A fresh run's starting point. */
    public static Progress start() {
        return new Progress(List.of(), 0, Double.POSITIVE_INFINITY, null, 0, false);
    }

    /**
     * Trains from {@code from} (a fresh start or a resumed checkpoint) up to {@code epochs} epochs in all, then
     * loads the best weights when early stopping is on.
     */
    public Progress fit(Progress from, int epochs, EpochListener listener) throws Exception {
        Progress p = from;
        while (p.epoch() < epochs && !p.stopped()) {
            int epoch = p.epoch() + 1;
            long t0 = System.nanoTime();
            train.setEpoch(epoch - 1);
            Vireo.manualSeed(seed * 0x9E3779B97F4A7C15L + epoch);
            double[] tr = trainEpoch(epoch);
            double[] va = evaluate(valid);
            var stats = new EpochStats(epoch, tr[0], tr[1], va[0], va[1], (System.nanoTime() - t0) / 1e9);
            List<EpochStats> history = new ArrayList<>(p.history());
            history.add(stats);
            boolean better = va[0] < p.bestValidLoss() || p.bestState() == null;
            int wait = better ? 0 : p.waited() + 1;
            p = new Progress(history, better ? epoch : p.bestEpoch(), better ? va[0] : p.bestValidLoss(),
                    better ? copy(model.stateDict()) : p.bestState(), wait, patience > 0 && wait >= patience);
            listener.epochEnd(p);
        }
        if (patience > 0 && p.bestState() != null) {
            model.loadStateDict(p.bestState());
        }
        return p;
    }

    /** Mean loss and accuracy over the epoch's batches. */
    private double[] trainEpoch(int epoch) {
        net.train();
        double loss = 0;
        long correct = 0;
        long n = 0;
        int batch = 0;
        int batches = train.numBatches();
        for (Batch b : train) {
            optimizer.zeroGrad();
            Tensor out = net.call(b.input());
            Tensor l = F.crossEntropy(out, b.target());
            l.backward();
            optimizer.step();
            int rows = b.target().size(0);
            loss += l.item() * rows;
            correct += (long) out.detach().argmax(1).eq(b.target()).sum().item();
            n += rows;
            batchListener.batchEnd(epoch, ++batch, batches, loss / n);
        }
        return new double[]{loss / n, (double) correct / n};
    }

    /** Mean loss and accuracy of the model (or the head, on features) in eval mode. */
    public double[] evaluate(DataLoader<?> loader) {
        net.eval();
        double loss = 0;
        long correct = 0;
        long n = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                Tensor out = net.call(b.input());
                int rows = b.target().size(0);
                loss += F.crossEntropy(out, b.target()).item() * rows;
                correct += (long) out.argmax(1).eq(b.target()).sum().item();
                n += rows;
            }
        }
        return new double[]{loss / n, (double) correct / n};
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }
}
