package vireo.nn.metrics;

import java.util.Arrays;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Classification metrics over a batch or a whole evaluation: accuracy, top-k accuracy, the confusion matrix and
 * per-class accuracy. Scores may be logits or probabilities (only their order matters); ties go to the lower class
 * index, as {@code argmax} resolves them.
 *
 * <p>Shapes: {@code scores} [N, C] float; {@code targets} [N] int64 with values in [0, C); predicted labels [N] int64.
 *
 * <pre>{@code
 * double acc = Metrics.accuracy(model.forward(x), y);
 * long[][] cm = Metrics.confusionMatrix(model.forward(x), y, 10);   // rows: true class, columns: predicted
 * double[] perClass = Metrics.perClassAccuracy(cm);
 * }</pre>
 */
public final class Metrics {

    private Metrics() {
    }

    /** The fraction of rows whose highest score (or given label) is the target class; NaN for an empty batch. */
    public static double accuracy(Tensor scoresOrLabels, Tensor targets) {
        long[] t = targets(targets, "accuracy");
        long[] pred = predictions(scoresOrLabels, t.length, "accuracy");
        long correct = 0;
        for (int i = 0; i < t.length; i++) {
            correct += pred[i] == t[i] ? 1 : 0;
        }
        return t.length == 0 ? Double.NaN : (double) correct / t.length;
    }

    /** The fraction of rows whose target class is among the {@code k} highest scores. Shapes: scores [N, C]. */
    public static double topKAccuracy(Tensor scores, Tensor targets, int k) {
        long[] t = targets(targets, "topKAccuracy");
        checkScores(scores, t.length, "topKAccuracy");
        int c = scores.size(1);
        if (k < 1 || k > c) {
            throw new IllegalArgumentException("topKAccuracy: k: expected 1.." + c + " (the number of classes), received " + k);
        }
        float[] s = scores.toFloatArray();
        long correct = 0;
        for (int i = 0; i < t.length; i++) {
            int target = checkClass(t[i], c, i, "topKAccuracy");
            float ts = s[i * c + target];
            // Rank of the target: classes scoring higher, plus equal scores at lower indices (argmax's tie order).
            int rank = 0;
            for (int j = 0; j < c; j++) {
                float v = s[i * c + j];
                if (v > ts || (v == ts && j < target)) {
                    rank++;
                }
            }
            correct += rank < k ? 1 : 0;
        }
        return t.length == 0 ? Double.NaN : (double) correct / t.length;
    }

    /**
     * Counts of (true class, predicted class) pairs: {@code cm[t][p]}. Predictions are labels [N] or scores [N, C]
     * (argmax taken).
     */
    public static long[][] confusionMatrix(Tensor scoresOrLabels, Tensor targets, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("confusionMatrix: numClasses: expected >= 1, received " + numClasses);
        }
        long[] t = targets(targets, "confusionMatrix");
        if (scoresOrLabels.dtype() != DType.INT64 && scoresOrLabels.dim() == 2 && scoresOrLabels.size(1) != numClasses) {
            throw new IllegalArgumentException("confusionMatrix: expected scores [N, " + numClasses + "], received "
                    + scoresOrLabels.describe());
        }
        long[] pred = predictions(scoresOrLabels, t.length, "confusionMatrix");
        long[][] cm = new long[numClasses][numClasses];
        for (int i = 0; i < t.length; i++) {
            int ti = checkClass(t[i], numClasses, i, "confusionMatrix");
            int pi = (int) pred[i];
            if (pred[i] < 0 || pred[i] >= numClasses) {
                throw new IllegalArgumentException("confusionMatrix: prediction " + pred[i] + " at row " + i
                        + " is outside [0, " + numClasses + ")");
            }
            cm[ti][pi]++;
        }
        return cm;
    }

    /** {@link #confusionMatrix} as an int64 tensor. Shapes: returns [numClasses, numClasses]. */
    public static Tensor confusionMatrixTensor(Tensor scoresOrLabels, Tensor targets, int numClasses) {
        long[][] cm = confusionMatrix(scoresOrLabels, targets, numClasses);
        long[] flat = new long[numClasses * numClasses];
        for (int i = 0; i < numClasses; i++) {
            System.arraycopy(cm[i], 0, flat, i * numClasses, numClasses);
        }
        return Tensor.fromArray(flat, numClasses, numClasses);
    }

    /** Per true class, the fraction predicted correctly (recall); NaN for a class with no samples. */
    public static double[] perClassAccuracy(long[][] confusionMatrix) {
        double[] out = new double[confusionMatrix.length];
        for (int c = 0; c < out.length; c++) {
            if (confusionMatrix[c].length != out.length) {
                throw new IllegalArgumentException("perClassAccuracy: expected a square matrix, row " + c + " has "
                        + confusionMatrix[c].length + " entries for " + out.length + " rows");
            }
            long total = Arrays.stream(confusionMatrix[c]).sum();
            out[c] = total == 0 ? Double.NaN : (double) confusionMatrix[c][c] / total;
        }
        return out;
    }

    /** Per-class accuracy straight from scores or labels. */
    public static double[] perClassAccuracy(Tensor scoresOrLabels, Tensor targets, int numClasses) {
        return perClassAccuracy(confusionMatrix(scoresOrLabels, targets, numClasses));
    }

    /** Predicted labels: argmax over the class dimension (first maximum wins), or the labels themselves. */
    static long[] predictions(Tensor scoresOrLabels, int n, String op) {
        if (scoresOrLabels.dtype() == DType.INT64) {
            if (scoresOrLabels.dim() != 1 || scoresOrLabels.size(0) != n) {
                throw new IllegalArgumentException(op + ": expected predicted labels [" + n + "], received "
                        + scoresOrLabels.describe());
            }
            return scoresOrLabels.toLongArray();
        }
        checkScores(scoresOrLabels, n, op);
        int c = scoresOrLabels.size(1);
        float[] s = scoresOrLabels.toFloatArray();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestV = s[i * c];
            for (int j = 1; j < c; j++) {
                float v = s[i * c + j];
                // NaN counts as the maximum, as torch.argmax treats it.
                if (v > bestV || (Float.isNaN(v) && !Float.isNaN(bestV))) {
                    best = j;
                    bestV = v;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static void checkScores(Tensor scores, int n, String op) {
        if (scores.dtype() == DType.INT64 || scores.dim() != 2 || scores.size(0) != n || scores.size(1) == 0) {
            throw new IllegalArgumentException(op + ": expected float scores [" + n + ", C] (one row per target), "
                    + "received " + scores.describe());
        }
    }

    private static long[] targets(Tensor targets, String op) {
        if (targets.dtype() != DType.INT64 || targets.dim() != 1) {
            throw new IllegalArgumentException(op + ": expected int64 targets [N], received " + targets.describe());
        }
        return targets.toLongArray();
    }

    private static int checkClass(long t, int classes, int row, String op) {
        if (t < 0 || t >= classes) {
            throw new IllegalArgumentException(op + ": target " + t + " at row " + row + " is outside [0, " + classes + ")");
        }
        return (int) t;
    }
}
