package vireo.cli.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.autograd.GradMode;
import vireo.cli.data.ImageSamples;
import vireo.cli.data.ImageSource;
import vireo.cli.model.LoadedModel;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.nn.metrics.Metrics;
import vireo.tensor.Tensor;

/**
 * A model's class probabilities for every image of a source, with the metrics derived from them: top-1 and top-5
 * accuracy, the confusion matrix (rows = true class) and per-class accuracy.
 *
 * @param probabilities {@code [N][classes]} softmax outputs
 * @param labels the true classes
 */
public record Predictions(ImageSource source, List<String> classes, float[][] probabilities, int[] labels) {

    /** Runs {@code model} in eval mode over {@code source} without recording gradients. */
    public static Predictions of(LoadedModel model, ImageSource source, int batchSize) {
        model.module().eval();
        int n = source.size();
        int c = model.info().classes().size();
        float[][] probs = new float[n][];
        int[] labels = new int[n];
        var samples = new ImageSamples(source, model.info().preprocessing().eval());
        int at = 0;
        try (var noGrad = GradMode.noGrad();
             DataLoader<?> loader = DataLoader.builder(samples).batchSize(batchSize).build()) {
            for (Batch b : loader) {
                float[] p = model.module().call(b.input()).softmax(1).contiguous().floats();
                int rows = b.target().size(0);
                for (int r = 0; r < rows; r++) {
                    probs[at] = Arrays.copyOfRange(p, r * c, (r + 1) * c);
                    labels[at] = (int) b.target().getLong(r);
                    at++;
                }
            }
        }
        return new Predictions(source, model.info().classes(), probs, labels);
    }

    public int size() {
        return labels.length;
    }

    public int predicted(int i) {
        return topK(i, 1)[0];
    }

    /** The {@code k} most probable classes of image {@code i}, most probable first. */
    public int[] topK(int i, int k) {
        float[] p = probabilities[i];
        Integer[] idx = new Integer[p.length];
        for (int j = 0; j < p.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer j) -> -p[j]).thenComparingInt(j -> j));
        int m = Math.min(k, p.length);
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            out[j] = idx[j];
        }
        return out;
    }

    private Tensor scores() {
        float[] flat = new float[labels.length * classes.size()];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(probabilities[i], 0, flat, i * classes.size(), classes.size());
        }
        return Tensor.wrap(flat, labels.length, classes.size());
    }

    private Tensor targets() {
        long[] t = new long[labels.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = labels[i];
        }
        return Tensor.wrapLong(t, t.length);
    }

    public double top1() {
        return Metrics.accuracy(scores(), targets());
    }

    /** Top-k accuracy, with k capped at the number of classes. */
    public double topK(int k) {
        return Metrics.topKAccuracy(scores(), targets(), Math.min(k, classes.size()));
    }

    public long[][] confusionMatrix() {
        return Metrics.confusionMatrix(scores(), targets(), classes.size());
    }

    public double[] perClassAccuracy() {
        return Metrics.perClassAccuracy(confusionMatrix());
    }

    /** Indices of the wrong predictions, most confident first. */
    public List<Integer> worstMistakes() {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predicted(i) != labels[i]) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> -probabilities[i][predicted(i)]));
        return wrong;
    }

    /** top1, top5, per-class accuracy and the confusion matrix, for metrics.json and {@code --json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", labels.length);
        m.put("top1", top1());
        m.put("top5", topK(5));
        m.put("top5_k", Math.min(5, classes.size()));
        Map<String, Object> perClass = new LinkedHashMap<>();
        double[] acc = perClassAccuracy();
        for (int c = 0; c < classes.size(); c++) {
            perClass.put(classes.get(c), Double.isNaN(acc[c]) ? null : acc[c]);
        }
        m.put("per_class_accuracy", perClass);
        m.put("classes", classes);
        List<Object> rows = new ArrayList<>();
        for (long[] row : confusionMatrix()) {
            rows.add(row);
        }
        m.put("confusion_matrix", rows);
        return m;
    }

    /** The metrics as text: accuracies, then per-class accuracy and the confusion matrix. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("images: %d%ntop-1 accuracy: %.4f%ntop-%d accuracy: %.4f%n%n", labels.length, top1(),
                Math.min(5, classes.size()), topK(5)));
        int w = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(5));
        double[] acc = perClassAccuracy();
        long[][] cm = confusionMatrix();
        sb.append("per-class accuracy:\n");
        for (int c = 0; c < classes.size(); c++) {
            long total = Arrays.stream(cm[c]).sum();
            sb.append(String.format("  %-" + w + "s  %s  (%d images)%n", classes.get(c),
                    Double.isNaN(acc[c]) ? "   n/a" : String.format("%.4f", acc[c]), total));
        }
        sb.append("\nconfusion matrix (rows: true class, columns: predicted):\n");
        int cw = 6;
        for (long[] row : cm) {
            for (long v : row) {
                cw = Math.max(cw, Long.toString(v).length() + 1);
            }
        }
        sb.append(" ".repeat(w + 2));
        for (int c = 0; c < classes.size(); c++) {
            sb.append(String.format("%" + cw + "s", "[" + c + "]"));
        }
        sb.append('\n');
        for (int r = 0; r < classes.size(); r++) {
            sb.append(String.format("  %-" + w + "s", classes.get(r)));
            for (long v : cm[r]) {
                sb.append(String.format("%" + cw + "d", v));
            }
            sb.append(String.format("   [%d]%n", r));
        }
        return sb.toString();
    }
}
