package vireo.keras;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.keras.callbacks.Callback;
import vireo.keras.callbacks.History;
import vireo.keras.callbacks.ProgbarLogger;
import vireo.keras.metrics.Metric;
import vireo.optim.Optimizer;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * The loops behind {@code fit}, {@code evaluate} and {@code predict}: a plain PyTorch-face loop
 * ({@code zeroGrad, forward, loss, backward, step}) over a {@link DataLoader}, with Keras's bookkeeping around it.
 */
final class Trainer {

    private final Sequential model;

    Trainer(Sequential model) {
        this.model = model;
    }

    /** A running mean weighted by samples, like Keras's {@code Mean} metric. */
    private static final class Mean {
        double total;
        double count;

        void add(double sum, double n) {
            total += sum;
            count += n;
        }

        double value() {
            return count == 0 ? 0 : total / count;
        }
    }

    History fit(Tensor x, Tensor y, Fit f) {
        model.checkCompiled("fit");
        checkPair("x", x, "y", y);
        Tensor xTrain = x;
        Tensor yTrain = y;
        Tensor xVal = f.validationX;
        Tensor yVal = f.validationY;
        if (xVal != null || yVal != null) {
            if (xVal == null || yVal == null) {
                throw new IllegalArgumentException("fit: validationData needs both x and y");
            }
            checkPair("validation x", xVal, "validation y", yVal);
        } else if (f.validationSplit > 0) {
            int n = x.size(0);
            // Keras: split_at = ceil(n * (1 - split)); the validation set is the tail, taken before shuffling.
            int splitAt = (int) Math.ceil(n * (1.0 - f.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("fit: validationSplit " + f.validationSplit + " of " + n
                        + " samples leaves an empty training or validation set");
            }
            xTrain = x.narrow(0, 0, splitAt);
            yTrain = y.narrow(0, 0, splitAt);
            xVal = x.narrow(0, splitAt, n - splitAt);
            yVal = y.narrow(0, splitAt, n - splitAt);
        }
        model.buildFor(xTrain);
        model.loss().checkTargets(yTrain, model.outputShape());
        Optimizer optimizer = model.optimizer();
        Tensor weights = f.classWeight == null ? null : classWeights(yTrain, f.classWeight);
        var dataset = weights == null ? new TensorDataset(xTrain, yTrain) : new TensorDataset(xTrain, yTrain, weights);
        var loader = DataLoader.builder(dataset).batchSize(f.batchSize).shuffle(f.shuffle).seed(model.shuffleSeed())
                .build();

        var history = new History();
        List<Callback> callbacks = new ArrayList<>(f.callbacks);
        callbacks.add(history);
        if (f.verbose > 0) {
            callbacks.add(new ProgbarLogger(f.verbose, f.epochs, loader.numBatches(), f.out, f.dynamicDisplay));
        }
        callbacks.forEach(c -> c.setModel(model));
        model.stopTraining(false);
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(logs));
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = f.initialEpoch; epoch < f.epochs; epoch++) {
            final int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(e, new LinkedHashMap<>()));
            model.train();
            Mean lossMean = new Mean();
            List<Mean> metricMeans = means();
            int step = 0;
            loader.setEpoch(epoch);
            Map<String, Double> batchLogs = Map.of();
            for (Batch b : loader) {
                final int s = step;
                callbacks.forEach(c -> c.onTrainBatchBegin(s, new LinkedHashMap<>()));
                Tensor bx = b.field(0);
                Tensor by = b.field(1);
                optimizer.zeroGrad();
                Tensor out = model.call(bx);
                Tensor perSample = model.loss().perSample(by, out);
                Tensor loss = weights == null ? perSample.mean() : perSample.mul(b.field(2)).mean();
                loss.backward();
                optimizer.step();
                int n = bx.size(0);
                lossMean.add(loss.item() * (double) n, n);
                track(metricMeans, by, out);
                batchLogs = results(lossMean, metricMeans, "");
                Map<String, Double> view = batchLogs;
                callbacks.forEach(c -> c.onTrainBatchEnd(s, view));
                step++;
                if (model.stopTraining()) {
                    break;
                }
            }
            epochLogs = new LinkedHashMap<>(results(lossMean, metricMeans, ""));
            if (xVal != null) {
                epochLogs.putAll(evaluate(xVal, yVal, f.batchSize, 0, f.out, "val_"));
            }
            model.epochsCompleted(epoch + 1);
            Map<String, Double> view = epochLogs;
            callbacks.forEach(c -> c.onEpochEnd(e, view));
            if (model.stopTraining()) {
                break;
            }
        }
        Map<String, Double> last = epochLogs;
        callbacks.forEach(c -> c.onTrainEnd(last));
        return history;
    }

    /** Loss and metrics; {@code prefix} is {@code "val_"} inside fit (keys then sorted, as Keras logs are). */
    Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose, PrintStream out, String prefix) {
        model.checkCompiled("evaluate");
        checkPair("x", x, "y", y);
        model.buildFor(x);
        model.loss().checkTargets(y, model.outputShape());
        var loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(batchSize).shuffle(false).build();
        ProgbarLogger bar = verbose > 0 ? new ProgbarLogger(verbose, 1, loader.numBatches(), out, null) : null;
        if (bar != null) {
            bar.onTestBegin(Map.of());
        }
        model.eval();
        Mean lossMean = new Mean();
        List<Mean> metricMeans = means();
        int step = 0;
        try (var g = GradMode.noGrad()) {
            for (Batch b : loader) {
                Tensor out2 = model.call(b.field(0));
                Tensor per = model.loss().perSample(b.field(1), out2);
                int n = b.field(0).size(0);
                lossMean.add(per.sum().item(), n);
                track(metricMeans, b.field(1), out2);
                if (bar != null) {
                    bar.onTestBatchEnd(step, results(lossMean, metricMeans, ""));
                }
                step++;
            }
        }
        Map<String, Double> res = prefix == null ? ordered(lossMean, metricMeans) : results(lossMean, metricMeans, prefix);
        if (bar != null) {
            bar.onTestEnd(results(lossMean, metricMeans, ""));
        }
        return res;
    }

    Tensor predict(Tensor x, int batchSize, int verbose, PrintStream out) {
        model.buildFor(x);
        model.eval();
        var loader = DataLoader.builder(new TensorDataset(x)).batchSize(batchSize).shuffle(false).build();
        ProgbarLogger bar = verbose > 0 ? new ProgbarLogger(verbose, 1, loader.numBatches(), out, null) : null;
        List<Tensor> parts = new ArrayList<>();
        int step = 0;
        try (var g = GradMode.noGrad()) {
            for (Batch b : loader) {
                parts.add(model.call(b.field(0)));
                if (bar != null) {
                    bar.onPredictBatchEnd(step, null);
                }
                step++;
            }
        }
        if (bar != null) {
            bar.onPredictEnd();
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
    }

    private List<Mean> means() {
        List<Mean> out = new ArrayList<>();
        for (int i = 0; i < model.metrics().size(); i++) {
            out.add(new Mean());
        }
        return out;
    }

    private void track(List<Mean> means, Tensor y, Tensor out) {
        if (means.isEmpty()) {
            return;
        }
        try (var g = GradMode.noGrad()) {
            Tensor pred = out.detach();
            for (int i = 0; i < means.size(); i++) {
                Tensor v = model.metrics().get(i).perSample(y, pred);
                means.get(i).add(v.sum().item(), v.size(0));
            }
        }
    }

    /** Keras's logs: every name sorted ({@code accuracy} before {@code loss}), each with {@code prefix}. */
    private Map<String, Double> results(Mean loss, List<Mean> metrics, String prefix) {
        var sorted = new TreeMap<String, Double>();
        sorted.put(prefix + "loss", loss.value());
        for (int i = 0; i < metrics.size(); i++) {
            sorted.put(prefix + model.metrics().get(i).name(), metrics.get(i).value());
        }
        return new LinkedHashMap<>(sorted);
    }

    /** evaluate's result: loss first, then the metrics in compile order (Keras's list order). */
    private Map<String, Double> ordered(Mean loss, List<Mean> metrics) {
        var out = new LinkedHashMap<String, Double>();
        out.put("loss", loss.value());
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = model.metrics().get(i);
            out.put(m.name(), metrics.get(i).value());
        }
        return out;
    }

    private static Tensor classWeights(Tensor y, Map<Integer, Double> weights) {
        Tensor labels = y.dim() == 2 && y.size(1) > 1 ? y.argmax(1) : y.reshape(y.size(0));
        long[] idx = (labels.dtype() == DType.INT64 ? labels : labels.toLong()).contiguous().toLongArray();
        float[] w = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            w[i] = weights.getOrDefault((int) idx[i], 1.0).floatValue();
        }
        return Tensor.fromArray(w, idx.length);
    }

    private static void checkPair(String xName, Tensor x, String yName, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("expected " + xName + " and " + yName + ", received null");
        }
        if (x.dim() == 0 || y.dim() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("Data cardinality is ambiguous: " + xName + " has "
                    + (x.dim() == 0 ? "no sample axis" : x.size(0) + " samples " + Arrays.toString(x.shape()))
                    + " but " + yName + " has "
                    + (y.dim() == 0 ? "no sample axis" : y.size(0) + " samples " + Arrays.toString(y.shape()))
                    + "; make sure all arrays contain the same number of samples");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("expected at least one sample, received " + xName + " "
                    + Arrays.toString(x.shape()));
        }
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("expected " + xName + " as float32, received " + x.describe()
                    + "; convert with toFloat()");
        }
    }
}
