package vireo.vision.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import vireo.tensor.Tensor;

/**
 * Top-k classes of a classifier's output with their names, like Keras's {@code decode_predictions}.
 *
 * <pre>{@code
 * Tensor logits = model.forward(batch);                          // [N, 1000]
 * for (Prediction p : Predictions.decode(logits, 5).get(0)) {
 *     System.out.printf("%4d %-20s %.3f%n", p.index(), p.name(), p.probability());
 * }
 * }</pre>
 *
 * <p>Logits or probabilities: a row whose values all lie in [0, 1] and sum to 1 (within 1e-3) is taken as
 * probabilities, as it is; any other row goes through a softmax first. (A row of logits that happens to look like a
 * distribution is read as one; pass {@code logits.softmax(-1)} to be explicit.)
 *
 * <p>Shapes: {@code [N, C]} gives N lists; {@code [C]} gives one.
 */
public final class Predictions {

    /** One ranked class: its index, its name and its probability. */
    public record Prediction(int index, String name, float probability) {
    }

    private static final double SUM_TOLERANCE = 1e-3;

    private Predictions() {
    }

    /**
     * The top {@code k} ImageNet classes of each row, best first (ties: lower index first).
     *
     * @param scores logits or probabilities, {@code [N, 1000]} or {@code [1000]}
     */
    public static List<List<Prediction>> decode(Tensor scores, int k) {
        int classes = scores.dim() == 0 ? 0 : scores.size(-1);
        if (classes != ImageNetClasses.COUNT) {
            throw new IllegalArgumentException("Predictions.decode: expected ImageNet's " + ImageNetClasses.COUNT
                    + " classes in the last dimension, received " + Arrays.toString(scores.shape())
                    + "; for another head pass its class names");
        }
        return decode(scores, k, ImageNetClasses.names());
    }

    /**
     * The top {@code k} classes of each row, named from {@code classNames} (for a fine-tuned head, say
     * {@code imageFolder.classes()}).
     *
     * @param scores logits or probabilities, {@code [N, C]} or {@code [C]}, with {@code C = classNames.size()}
     */
    public static List<List<Prediction>> decode(Tensor scores, int k, List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        int[] shape = scores.shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException("Predictions.decode: expected scores [N, C] or [C], received "
                    + Arrays.toString(shape));
        }
        int c = shape[shape.length - 1];
        if (c != classNames.size()) {
            throw new IllegalArgumentException("Predictions.decode: expected " + classNames.size()
                    + " classes (one per name) in the last dimension, received " + Arrays.toString(shape));
        }
        if (k < 1 || k > c) {
            throw new IllegalArgumentException("Predictions.decode: expected k in 1.." + c + ", received " + k);
        }
        float[] v = scores.toFloatArray();
        int rows = shape.length == 1 ? 1 : shape[0];
        List<List<Prediction>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double[] p = probabilities(v, r * c, c);
            Integer[] order = new Integer[c];
            for (int i = 0; i < c; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
            List<Prediction> top = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                int i = order[j];
                top.add(new Prediction(i, classNames.get(i), (float) p[i]));
            }
            out.add(List.copyOf(top));
        }
        return List.copyOf(out);
    }

    /** The row as probabilities: itself if it already is a distribution, else its softmax (in double). */
    private static double[] probabilities(float[] v, int from, int c) {
        double[] p = new double[c];
        double sum = 0;
        boolean unitRange = true;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c; i++) {
            float x = v[from + i];
            if (Float.isNaN(x)) {
                throw new IllegalArgumentException("Predictions.decode: expected finite scores, received NaN at "
                        + "class " + i);
            }
            p[i] = x;
            sum += x;
            unitRange &= x >= 0f && x <= 1f;
            max = Math.max(max, x);
        }
        if (unitRange && Math.abs(sum - 1) <= SUM_TOLERANCE) {
            return p;
        }
        double z = 0;
        for (int i = 0; i < c; i++) {
            p[i] = Math.exp(p[i] - max);
            z += p[i];
        }
        for (int i = 0; i < c; i++) {
            p[i] /= z;
        }
        return p;
    }
}
