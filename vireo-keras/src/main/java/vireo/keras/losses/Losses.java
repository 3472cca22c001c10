package vireo.keras.losses;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.keras.internal.Config;
import vireo.nn.functional.F;
import vireo.nn.functional.Reduction;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Keras's losses, with the formulas of Keras 3 (torch backend). Probabilities are clipped to
 * {@code [1e-7, 1 − 1e-7]} (Keras's {@code epsilon()}); {@code fromLogits} losses take raw scores instead.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * model.compile(Adam.of(1e-3), Losses.categoricalCrossentropy(true), Metrics.get("accuracy"));
 * }</pre>
 */
public final class Losses {

    /** Keras's {@code backend.epsilon()}. */
    public static final float EPSILON = 1e-7f;

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("categorical_crossentropy", "sparse_categorical_crossentropy",
            "binary_crossentropy", "mean_squared_error", "mse", "mean_absolute_error", "mae");

    private Losses() {
    }

    /** The loss called {@code name}, or an error listing the known names. */
    public static Loss get(String name) {
        return switch (name == null ? "" : name) {
            case "categorical_crossentropy" -> categoricalCrossentropy(false);
            case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(false);
            case "binary_crossentropy" -> binaryCrossentropy(false);
            case "mean_squared_error", "mse" -> meanSquaredError();
            case "mean_absolute_error", "mae" -> meanAbsoluteError();
            default -> throw new IllegalArgumentException("Unknown loss '" + name + "'; known losses: " + NAMES);
        };
    }

    /** Rebuilds a loss saved as {@code {"name": ..., "from_logits": ...}}. */
    public static Loss fromConfig(Config c) {
        String name = c.string("name");
        boolean logits = c.has("from_logits") && c.bool("from_logits");
        return switch (name) {
            case "categorical_crossentropy" -> categoricalCrossentropy(logits);
            case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(logits);
            case "binary_crossentropy" -> binaryCrossentropy(logits);
            default -> get(name);
        };
    }

    /** The config to save: the name plus the loss's options. */
    public static Map<String, Object> toConfig(Loss loss) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", loss.name());
        m.putAll(loss.getConfig());
        return m;
    }

    /**
     * {@code −Σ yTrue·log(clip(p / Σp))} over the class axis, with {@code p = yPred} (probabilities) or
     * {@code softmax(yPred)} ({@code fromLogits}). Targets: one-hot (or soft) {@code [N, C]} float.
     */
    public static Loss categoricalCrossentropy(boolean fromLogits) {
        return new Crossentropy("categorical_crossentropy", fromLogits, false);
    }

    /** {@code −log(clip(p[y]))}. Targets: class indices {@code [N]} (int64, or whole floats). */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new Crossentropy("sparse_categorical_crossentropy", fromLogits, true);
    }

    /** {@code −mean(y·log(p) + (1−y)·log(1−p))} over the last axis, p clipped (or {@code sigmoid} of logits). */
    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new Loss() {
            @Override
            public String name() {
                return "binary_crossentropy";
            }

            @Override
            public Tensor perSample(Tensor yTrue, Tensor yPred) {
                Tensor t = asFloat(yTrue, yPred);
                Tensor per;
                if (fromLogits) {
                    per = F.bceWithLogitsLoss(yPred, t, null, null, Reduction.NONE);
                } else {
                    Tensor p = yPred.clamp(EPSILON, 1 - EPSILON);
                    per = t.mul(p.log()).add(t.rsub(1f).mul(p.rsub(1f).log())).neg();
                }
                return lastAxisMean(per);
            }

            @Override
            public void checkTargets(Tensor yTrue, int[] predShape) {
                sameShape(name(), yTrue, predShape);
            }

            @Override
            public Map<String, Object> getConfig() {
                return Map.of("from_logits", fromLogits);
            }
        };
    }

    /** {@code mean((yTrue − yPred)²)} over the last axis. */
    public static Loss meanSquaredError() {
        return elementwise("mean_squared_error", true);
    }

    /** {@code mean(|yTrue − yPred|)} over the last axis. */
    public static Loss meanAbsoluteError() {
        return elementwise("mean_absolute_error", false);
    }

    private static Loss elementwise(String name, boolean squared) {
        return new Loss() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tensor perSample(Tensor yTrue, Tensor yPred) {
                Tensor d = asFloat(yTrue, yPred).sub(yPred);
                return lastAxisMean(squared ? d.mul(d) : d.abs());
            }

            @Override
            public void checkTargets(Tensor yTrue, int[] predShape) {
                sameShape(name, yTrue, predShape);
            }
        };
    }

    private record Crossentropy(String name, boolean fromLogits, boolean sparse) implements Loss {

        @Override
        public Tensor perSample(Tensor yTrue, Tensor yPred) {
            Tensor logp;
            if (fromLogits) {
                logp = yPred.logSoftmax(1);
            } else {
                Tensor p = sparse ? yPred : yPred.div(yPred.sum(new int[]{1}, true));
                logp = p.clamp(EPSILON, 1 - EPSILON).log();
            }
            if (sparse) {
                Tensor idx = yTrue.dim() == 2 ? yTrue.reshape(yTrue.size(0)) : yTrue;
                return F.nllLoss(logp, idx.dtype() == DType.INT64 ? idx : idx.toLong(), null, F.IGNORE_INDEX,
                        Reduction.NONE);
            }
            return asFloat(yTrue, yPred).mul(logp).sum(new int[]{1}, false).neg();
        }

        @Override
        public void checkTargets(Tensor y, int[] pred) {
            int classes = pred.length == 1 ? pred[0] : -1;
            if (pred.length != 1) {
                throw new IllegalArgumentException(name + ": expected the model to output class scores (None, C), "
                        + "it outputs (None, " + join(pred) + ")");
            }
            boolean indices = y.dim() == 1 || (y.dim() == 2 && y.size(1) == 1 && classes > 1);
            if (sparse && !indices) {
                throw new IllegalArgumentException(name + ": expected class indices [N], received targets "
                        + Arrays.toString(y.shape()) + (y.dim() == 2 && y.size(1) == classes
                        ? " (one-hot); use loss 'categorical_crossentropy' for one-hot targets, or pass "
                        + "argmax(y) as indices" : ""));
            }
            if (!sparse && (indices || y.dim() != 2 || y.size(1) != classes)) {
                throw new IllegalArgumentException(name + ": expected one-hot targets [N, " + classes + "], received "
                        + (indices ? "class indices " + Arrays.toString(y.shape()) + "; use loss "
                        + "'sparse_categorical_crossentropy' for integer labels, or toCategorical(y, " + classes + ")"
                        : "targets " + Arrays.toString(y.shape())));
            }
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of("from_logits", fromLogits);
        }
    }

    private static Tensor asFloat(Tensor yTrue, Tensor yPred) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException("loss: targets " + Arrays.toString(yTrue.shape())
                    + " do not match predictions " + Arrays.toString(yPred.shape()));
        }
        return yTrue.dtype() == DType.FLOAT32 ? yTrue : yTrue.toFloat();
    }

    private static Tensor lastAxisMean(Tensor per) {
        // Keras averages over the last axis and then over the batch; for [N, C] that is the mean of each row.
        return per.dim() <= 1 ? per : per.reshape(per.size(0), -1).mean(new int[]{1}, false);
    }

    private static void sameShape(String name, Tensor y, int[] pred) {
        int[] want = new int[pred.length + 1];
        want[0] = y.dim() == 0 ? 0 : y.size(0);
        System.arraycopy(pred, 0, want, 1, pred.length);
        if (!Arrays.equals(y.shape(), want)) {
            throw new IllegalArgumentException(name + ": expected targets shaped like the predictions "
                    + Arrays.toString(want) + ", received " + Arrays.toString(y.shape()));
        }
    }

    private static String join(int[] s) {
        var b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.toString();
    }
}
