package vireo.cli.report;

import java.awt.Color;
import java.util.Locale;

/**
 * A rectangle of a canvas with data coordinates: maps x/y values to pixels and draws axes, grid lines and tick
 * labels. Shared by every chart with axes.
 */
final class Plot {

    static final Color AXIS = new Color(0x44, 0x44, 0x44);
    static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x77, 0x77, 0x77);
    static final Color[] SERIES = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
            new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd)};
    static final Color GOOD = new Color(0x2c, 0xa0, 0x2c);
    static final Color BAD = new Color(0xd6, 0x27, 0x28);

    final double left;
    final double top;
    final double width;
    final double height;
    final double xmin;
    final double xmax;
    final double ymin;
    final double ymax;

    Plot(double left, double top, double width, double height, double xmin, double xmax, double ymin, double ymax) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.xmin = xmin;
        this.xmax = xmax == xmin ? xmin + 1 : xmax;
        this.ymin = ymin;
        this.ymax = ymax == ymin ? ymin + 1 : ymax;
    }

    double x(double v) {
        return left + (v - xmin) / (xmax - xmin) * width;
    }

    double y(double v) {
        return top + height - (v - ymin) / (ymax - ymin) * height;
    }

    /** Grid, axes, ticks, axis titles and a title above. */
    void axes(Canvas c, String title, String xTitle, String yTitle, boolean integerX) {
        axes(c, title, xTitle, yTitle, integerX, true);
    }

    /** As above; without {@code xTicks} the caller labels the x axis itself (bar charts). */
    void axes(Canvas c, String title, String xTitle, String yTitle, boolean integerX, boolean xTicks) {
        for (double t : ticks(ymin, ymax)) {
            c.line(left, y(t), left + width, y(t), GRID, 1, false);
            c.text(left - 6, y(t) + 4, format(t), 11, MUTED, Canvas.Anchor.END, false);
        }
        for (double t : !xTicks ? new double[0] : integerX ? integerTicks(xmin, xmax) : ticks(xmin, xmax)) {
            c.line(x(t), top + height, x(t), top + height + 4, AXIS, 1, false);
            c.text(x(t), top + height + 17, format(t), 11, MUTED, Canvas.Anchor.MIDDLE, false);
        }
        c.line(left, top + height, left + width, top + height, AXIS, 1, false);
        c.line(left, top, left, top + height, AXIS, 1, false);
        c.text(left + width / 2, top - 10, title, 14, TEXT, Canvas.Anchor.MIDDLE, true);
        c.text(left + width / 2, top + height + 36, xTitle, 12, TEXT, Canvas.Anchor.MIDDLE, false);
        c.verticalText(left - 44, top + height / 2, yTitle, 12, TEXT);
    }

    /** About five round tick values covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 0)) {
            return new double[]{lo};
        }
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    static double[] integerTicks(double lo, double hi) {
        int a = (int) Math.ceil(lo);
        int b = (int) Math.floor(hi);
        int step = Math.max(1, (int) Math.ceil((b - a + 1) / 10.0));
        int n = (b - a) / step + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = a + (double) i * step;
        }
        return t;
    }

    static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e9) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    /** Shortens {@code s} to {@code max} characters with an ellipsis. */
    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}
