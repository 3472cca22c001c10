package vireo.cli.report;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * The drawing operations a chart needs. Each chart draws once through this interface and gets both outputs from
 * it: {@link SvgCanvas} (inlined in report.html) and {@link PngCanvas} (Java2D, the PNG files), so the two never
 * drift apart. Coordinates are pixels from the top-left corner.
 */
public interface Canvas {

    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, Color color, double width);

    /** A rectangle, filled with {@code fill} and outlined with {@code stroke} (either may be null). */
    void rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth);

    void circle(double cx, double cy, double r, Color fill);

    /** Text whose baseline starts, centers or ends at (x, y). */
    void text(double x, double y, String text, double size, Color color, Anchor anchor, boolean bold);

    /** Text rotated -90° (reading upwards), centered on (x, y); for y-axis titles. */
    void verticalText(double x, double y, String text, double size, Color color);

    /** A raster image scaled into the box (nearest-neighbour, so small thumbnails stay crisp). */
    void image(double x, double y, double w, double h, BufferedImage image);
}
