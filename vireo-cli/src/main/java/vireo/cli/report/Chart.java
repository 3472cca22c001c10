package vireo.cli.report;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A picture drawn through a {@link Canvas}, rendered both as inline SVG and as a PNG.
 *
 * @param name the PNG's file name without extension, e.g. {@code curves}
 */
public record Chart(String name, String title, int width, int height, Consumer<Canvas> painter) {

    public String toSvg() {
        var c = new SvgCanvas(width, height);
        painter.accept(c);
        return c.toSvg();
    }

    public BufferedImage toPng() {
        var c = new PngCanvas(width, height);
        painter.accept(c);
        return c.finish();
    }
}
