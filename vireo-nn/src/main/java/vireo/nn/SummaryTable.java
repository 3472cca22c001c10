package vireo.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of Keras 3's {@code model.summary()}, as it prints on an 80-column terminal: the model's name, a
 * heavy box-drawing header, one row per layer ({@code conv2d (Conv2D)}, {@code (None, 26, 26, 32)}, {@code 320}),
 * cells wrapped at spaces (a word too long ends in {@code …}), then totals such as
 * {@code Total params: 34,826 (136.04 KB)}. Only the layout: the Keras face and the {@code vireo summary} command
 * each decide what goes in the rows.
 *
 * <pre>{@code
 * String s = new SummaryTable("sequential")
 *         .row("dense (Dense)", "(None, 8)", SummaryTable.number(40))
 *         .total("Total params", 40)
 *         .render();
 * }</pre>
 */
public final class SummaryTable {

    /** Column widths between the borders, padding included (Keras 3 / rich at 80 columns). */
    private static final int[] WIDTHS = {33, 24, 15};

    private final String name;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> totals = new ArrayList<>();

    public SummaryTable(String modelName) {
        this.name = modelName;
    }

    /** Adds a layer's row; {@code params} is printed as given, right-aligned. */
    public SummaryTable row(String layer, String outputShape, String params) {
        rows.add(new String[]{layer, outputShape, params});
        return this;
    }

    /** Adds a line under the table: {@code label: n (size as float32)}. */
    public SummaryTable total(String label, long count) {
        totals.add(" " + label + ": " + count(count));
        return this;
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(name).append("\"\n");
        b.append(border('┏', '━', '┳', '┓'));
        b.append(line(new String[]{"Layer (type)", "Output Shape", "Param #"}, '┃'));
        b.append(border('┡', '━', '╇', '┩'));
        for (int i = 0; i < rows.size(); i++) {
            b.append(line(rows.get(i), '│'));
            if (i < rows.size() - 1) {
                b.append(border('├', '─', '┼', '┤'));
            }
        }
        b.append(border('└', '─', '┴', '┘'));
        for (String t : totals) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** {@code n} with thousands separators: {@code 34,826}. */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A parameter count with its size as float32: {@code 34,826 (136.04 KB)}. */
    public static String count(long n) {
        return number(n) + " (" + readableSize(n * 4.0) + ")";
    }

    /** Keras's {@code readable_memory_size}: 1024-based units with two decimals. */
    public static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String u : units) {
            if (bytes / 1024 < 1) {
                return String.format(Locale.ROOT, "%.2f %s", bytes, u);
            }
            bytes /= 1024;
        }
        return String.format(Locale.ROOT, "%.2f %s", bytes, "PB");
    }

    private static String border(char left, char fill, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < WIDTHS.length; i++) {
            b.append(String.valueOf(fill).repeat(WIDTHS[i])).append(i == WIDTHS.length - 1 ? right : mid);
        }
        return b.append('\n').toString();
    }

    private static String line(String[] cells, char sep) {
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
