package vireo.keras;

import java.util.ArrayList;
import java.util.List;
import vireo.keras.layers.Layer;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

/**
 * Keras 3's {@code model.summary()} for a Sequential model, as it prints on an 80-column terminal: a table with
 * heavy box-drawing header, one row per layer ({@code conv2d (Conv2D)}, {@code (None, 26, 26, 32)}, {@code 320}),
 * cells wrapped at spaces (a word too long ends in {@code …}), then the totals with their sizes in float32 bytes.
 */
final class Summary {

    /** Column widths between the borders, padding included (Keras 3 / rich at 80 columns). */
    private static final int[] WIDTHS = {33, 24, 15};

    private Summary() {
    }

    static String render(Sequential model) {
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append(border('┏', '━', '┳', '┓'));
        b.append(row(new String[]{"Layer (type)", "Output Shape", "Param #"}, '┃'));
        b.append(border('┡', '━', '╇', '┩'));
        List<Layer> layers = model.layers();
        long trainable = 0;
        long nonTrainable = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String params = l.isBuilt() ? String.format("%,d", l.countParams()) : "0 (unbuilt)";
            b.append(row(new String[]{l.name() + " (" + l.className() + ")", l.outputShapeKeras(), params}, '│'));
            b.append(i == layers.size() - 1 ? border('└', '─', '┴', '┘') : border('├', '─', '┼', '┤'));
            long own = 0;
            for (Tensor p : l.parameters()) {
                own += p.numel();
            }
            long all = l.isBuilt() ? l.countParams() : 0;
            if (l.trainable()) {
                trainable += own;
                nonTrainable += all - own;
            } else {
                nonTrainable += all;
            }
        }
        if (layers.isEmpty()) {
            b.append(border('└', '─', '┴', '┘'));
        }
        Optimizer opt = model.isCompiled() && model.isBuilt() ? model.optimizer() : null;
        // Keras counts the optimizer's variables once it is built (its first step): 2 per parameter for Adam plus
        // `iterations` and `learning_rate`; they are part of "Total params" too.
        long optimizerParams = opt != null && (model.epochsCompleted() > 0 || !opt.stateDict().state().isEmpty())
                ? model.optimizerConfig().slotsPerParameter() * trainable + 2 : -1;
        b.append(" Total params: ").append(count(trainable + nonTrainable + Math.max(optimizerParams, 0))).append('\n');
        b.append(" Trainable params: ").append(count(trainable)).append('\n');
        b.append(" Non-trainable params: ").append(count(nonTrainable)).append('\n');
        if (optimizerParams >= 0) {
            b.append(" Optimizer params: ").append(count(optimizerParams)).append('\n');
        }
        return b.toString();
    }

    private static String count(long n) {
        return String.format("%,d", n) + " (" + readableSize(n * 4) + ")";
    }

    /** Keras's {@code readable_memory_size}: 1024-based units with two decimals. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String u : units) {
            if (bytes / 1024 < 1) {
                return String.format("%.2f %s", bytes, u);
            }
            bytes /= 1024;
        }
        return String.format("%.2f %s", bytes, "PB");
    }

    private static String border(char left, char fill, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < WIDTHS.length; i++) {
            b.append(String.valueOf(fill).repeat(WIDTHS[i])).append(i == WIDTHS.length - 1 ? right : mid);
        }
        return b.append('\n').toString();
    }

    private static String row(String[] cells, char sep) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> w = wrap(cells[i], WIDTHS[i] - 2);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        StringBuilder b = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            b.append(sep);
            for (int i = 0; i < cells.length; i++) {
                String text = line < wrapped.get(i).size() ? wrapped.get(i).get(line) : "";
                int pad = WIDTHS[i] - 2 - text.length();
                // The parameter column is right-aligned, the others left-aligned.
                b.append(' ').append(i == 2 ? " ".repeat(pad) + text : text + " ".repeat(pad)).append(' ').append(sep);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Splits at spaces into lines of at most {@code width}; a longer word is cut with an ellipsis. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.length() > width) {
                word = word.substring(0, width - 1) + "…";
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.add(line.toString());
        return out;
    }
}
