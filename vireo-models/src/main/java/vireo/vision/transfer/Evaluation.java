package vireo.vision.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import vireo.autograd.GradMode;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.Dataset;
import vireo.nn.Module;
import vireo.nn.metrics.Metrics;
import vireo.tensor.Tensor;
import vireo.tensor.ValuesIndices;
import vireo.vision.datasets.ImageFolder;

/**
 * A classifier's predictions over a whole data set, in data set order, and what to read from them: top-1 and top-k
 * accuracy, per-class accuracy, the confusion matrix and the mistakes with their top predictions.
 *
 * <p>Shapes: {@link #probabilities()} {@code [N, C]} (softmax of the model's scores, averaged over the
 * test-time-augmentation views when there are several); {@link #targets()} {@code [N]} int64.
 *
 * <pre>{@code
 * Evaluation ev = Evaluation.predict(model, validLoader, List.of(Tta.identity(), Tta.hflip()));
 * System.out.println(ev.accuracy() + " " + Arrays.toString(ev.perClassAccuracy()));
 * for (Evaluation.Mistake m : ev.mistakes(3, validSet)) System.out.println(m);
 * }</pre>
 */
public record Evaluation(Tensor probabilities, Tensor targets) {

    public Evaluation {
        if (probabilities.dim() != 2 || targets.dim() != 1 || targets.size(0) != probabilities.size(0)) {
            throw new IllegalArgumentException("Evaluation: expected probabilities [N, C] and targets [N], received "
                    + Arrays.toString(probabilities.shape()) + " and " + Arrays.toString(targets.shape()));
        }
    }

    /** One wrong prediction: where it is, its true class and the top predicted classes with their probabilities. */
    public record Mistake(int index, Path path, int trueClass, int[] predicted, float[] probabilities,
            List<String> classNames) {

        @Override
        public String toString() {
            var sb = new StringBuilder("#").append(index);
            if (path != null) {
                sb.append(' ').append(path);
            }
            sb.append(": true ").append(name(trueClass)).append(", predicted");
            for (int k = 0; k < predicted.length; k++) {
                sb.append(k == 0 ? " " : ", ").append(name(predicted[k]))
                        .append(String.format(" %.3f", probabilities[k]));
            }
            return sb.toString();
        }

        private String name(int c) {
            return classNames != null && c < classNames.size() ? classNames.get(c) : String.valueOf(c);
        }
    }

    /** {@link #predict(Module, DataLoader, List)} without test-time augmentation. */
    public static Evaluation predict(Module model, DataLoader<?> loader) {
        return predict(model, loader, List.of(Tta.identity()));
    }

    /**
     * Runs {@code model} in eval mode (each module's mode is restored afterwards) on every view of every batch of one epoch of
     * {@code loader} and averages the softmax over the views. Rows are put back in data set order, whether the
     * loader shuffles or not.
     */
    public static Evaluation predict(Module model, DataLoader<?> loader, List<UnaryOperator<Tensor>> views) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("Evaluation.predict: expected at least one view (Tta.identity()), "
                    + "received none");
        }
        int[] order = loader.order(loader.nextEpoch());
        List<Module> modules = model.modules(); // pre-order: restoring in this order gives each its own mode back
        boolean[] modes = new boolean[modules.size()];
        for (int i = 0; i < modes.length; i++) {
            modes[i] = modules.get(i).isTraining();
        }
        model.eval();
        List<Tensor> probs = new ArrayList<>();
        List<Tensor> targets = new ArrayList<>();
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                Tensor sum = null;
                for (UnaryOperator<Tensor> v : views) {
                    Tensor p = model.call(v.apply(b.input())).softmax(1);
                    sum = sum == null ? p : sum.add(p);
                }
                probs.add(views.size() == 1 ? sum : sum.div(views.size()));
                targets.add(b.target());
            }
        } finally {
            for (int i = 0; i < modes.length; i++) {
                modules.get(i).train(modes[i]);
            }
        }
        Tensor p = Tensor.cat(probs, 0);
        Tensor t = Tensor.cat(targets, 0);
        if (p.size(0) != order.length) {
            throw new IllegalStateException("Evaluation.predict: the loader gave " + p.size(0) + " rows for a data set "
                    + "of " + order.length + " (dropLast?); every sample needs a prediction");
        }
        // Row r of the epoch is sample order[r]: invert the permutation.
        long[] inverse = new long[order.length];
        for (int r = 0; r < order.length; r++) {
            inverse[order[r]] = r;
        }
        Tensor back = Tensor.wrapLong(inverse, inverse.length);
        return new Evaluation(p.indexSelect(0, back), t.indexSelect(0, back));
    }

    /** From scores already computed (logits or probabilities; logits are turned into probabilities by softmax). */
    public static Evaluation ofScores(Tensor scores, Tensor targets, boolean logits) {
        return new Evaluation(logits ? scores.softmax(1) : scores, targets);
    }

    public int size() {
        return targets.size(0);
    }

    public int numClasses() {
        return probabilities.size(1);
    }

    /** The top-1 predicted class per sample, {@code [N]} int64. */
    public Tensor predictions() {
        return probabilities.argmax(1);
    }

    /** Top-1 accuracy. */
    public double accuracy() {
        return Metrics.accuracy(probabilities, targets);
    }

    /** Fraction whose true class is among the {@code k} most probable (top-5: {@code topKAccuracy(5)}). */
    public double topKAccuracy(int k) {
        return Metrics.topKAccuracy(probabilities, targets, Math.min(k, numClasses()));
    }

    /** Rows: true class, columns: predicted class. */
    public long[][] confusionMatrix() {
        return Metrics.confusionMatrix(probabilities, targets, numClasses());
    }

    /** Accuracy within each true class (NaN for a class with no sample). */
    public double[] perClassAccuracy() {
        return Metrics.perClassAccuracy(confusionMatrix());
    }

    /**
     * The samples whose top-1 prediction is wrong, in data set order, each with its {@code top} most probable
     * classes. With an {@link ImageFolder} (or null) as {@code dataset}, mistakes carry the file path and class names.
     */
    public List<Mistake> mistakes(int top, Dataset<?> dataset) {
        int k = Math.min(Math.max(top, 1), numClasses());
        ValuesIndices vi = probabilities.topk(k, 1, true);
        float[] values = vi.values().contiguous().toFloatArray();
        long[] indices = vi.indices().contiguous().toLongArray();
        long[] t = targets.contiguous().toLongArray();
        ImageFolder folder = dataset instanceof ImageFolder f ? f : null;
        if (folder != null && folder.size() != size()) {
            throw new IllegalArgumentException("Evaluation.mistakes: the data set has " + folder.size()
                    + " samples, the predictions " + size());
        }
        List<String> names = folder == null ? null : folder.classes();
        List<Mistake> out = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (indices[i * k] != t[i]) {
                int[] pred = new int[k];
                float[] prob = new float[k];
                for (int j = 0; j < k; j++) {
                    pred[j] = (int) indices[i * k + j];
                    prob[j] = values[i * k + j];
                }
                out.add(new Mistake(i, folder == null ? null : folder.path(i), (int) t[i], pred, prob, names));
            }
        }
        return out;
    }
}
