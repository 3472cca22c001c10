package vireo.keras.metrics;

import java.util.List;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Keras's metrics by name. {@code "accuracy"} picks its flavour from the data, as Keras picks it from the loss:
 * class indices → sparse categorical accuracy, one-hot → categorical accuracy (argmax against argmax), a single
 * output column → binary accuracy (threshold 0.5).
 */
public final class Metrics {

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "categorical_accuracy",
            "sparse_categorical_accuracy", "binary_accuracy", "top_k_categorical_accuracy",
            "sparse_top_k_categorical_accuracy");

    private Metrics() {
    }

    /** The metric called {@code name}, or an error listing the known names. */
    public static Metric get(String name) {
        return switch (name == null ? "" : name) {
            case "accuracy", "acc" -> named(name, Metrics::accuracy);
            case "categorical_accuracy", "sparse_categorical_accuracy" -> named(name, Metrics::categoricalAccuracy);
            case "binary_accuracy" -> named(name, (t, p) -> binaryAccuracy(t, p));
            case "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy" -> topK(name, 5);
            default -> throw new IllegalArgumentException("Unknown metric '" + name + "'; known metrics: " + NAMES);
        };
    }

    /** Top-k accuracy with a chosen k (Keras's {@code TopKCategoricalAccuracy(k)}). */
    public static Metric topKCategoricalAccuracy(int k) {
        return topK("top_k_categorical_accuracy", k);
    }

    private interface Fn {
        Tensor apply(Tensor yTrue, Tensor yPred);
    }

    private static Metric named(String name, Fn fn) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tensor perSample(Tensor yTrue, Tensor yPred) {
                return fn.apply(yTrue, yPred);
            }
        };
    }

    private static Metric topK(String name, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("top-k accuracy: k must be positive, received " + k);
        }
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tensor perSample(Tensor yTrue, Tensor yPred) {
                Tensor labels = labels(yTrue, yPred);
                int kk = Math.min(k, yPred.size(1));
                Tensor top = yPred.topk(kk, 1, true).indices();
                return top.eq(labels.reshape(labels.size(0), 1)).toFloat().sum(new int[]{1}, false);
            }

            @Override
            public String configName() {
                return k == 5 ? name : name + "@" + k;
            }
        };
    }

    private static Tensor accuracy(Tensor yTrue, Tensor yPred) {
        if (yPred.dim() == 2 && yPred.size(1) == 1) {
            return binaryAccuracy(yTrue, yPred);
        }
        return categoricalAccuracy(yTrue, yPred);
    }

    /** 1 where the arg-max class matches the label (indices, or the arg-max of one-hot targets). */
    private static Tensor categoricalAccuracy(Tensor yTrue, Tensor yPred) {
        return yPred.argmax(1).eq(labels(yTrue, yPred)).toFloat();
    }

    private static Tensor binaryAccuracy(Tensor yTrue, Tensor yPred) {
        Tensor pred = yPred.gt(0.5f).toFloat();
        Tensor t = yTrue.dtype() == DType.FLOAT32 ? yTrue : yTrue.toFloat();
        Tensor eq = pred.eq(t.reshape(pred.shape())).toFloat();
        return eq.dim() <= 1 ? eq : eq.reshape(eq.size(0), -1).mean(new int[]{1}, false);
    }

    /** Class indices {@code [N]} int64 from indices ({@code [N]} or {@code [N, 1]}) or one-hot targets. */
    static Tensor labels(Tensor yTrue, Tensor yPred) {
        if (yTrue.dim() == 2 && yTrue.size(1) == yPred.size(1) && yPred.size(1) > 1) {
            return yTrue.argmax(1);
        }
        Tensor idx = yTrue.dim() == 2 ? yTrue.reshape(yTrue.size(0)) : yTrue;
        return idx.dtype() == DType.INT64 ? idx : idx.toLong();
    }
}
