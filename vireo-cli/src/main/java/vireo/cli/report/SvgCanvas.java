package vireo.cli.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A {@link Canvas} that writes SVG markup; raster images are inlined as PNG {@code data:} URIs. */
public final class SvgCanvas implements Canvas {

    private final StringBuilder sb = new StringBuilder();
    private final int width;
    private final int height;

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The complete {@code <svg>} element. */
    public String toSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>" + sb + "</svg>";
    }

    private static String c(Color color) {
        return color == null ? "none" : String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double w, boolean dashed) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(c(color)).append("\" stroke-width=\"")
                .append(n(w)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double w) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(c(color)).append("\" stroke-width=\"").append(n(w))
                .append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            sb.append(n(xs[i])).append(',').append(n(ys[i])).append(' ');
        }
        sb.append("\"/>");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(c(fill)).append("\" stroke=\"")
                .append(c(stroke)).append("\" stroke-width=\"").append(n(strokeWidth)).append("\"/>");
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(c(fill)).append("\"/>");
    }

    @Override
    public void text(double x, double y, String text, double size, Color color, Anchor anchor, boolean bold) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(c(color)).append("\" text-anchor=\"").append(a).append('"')
                .append(bold ? " font-weight=\"bold\"" : "").append('>').append(Html.escape(text)).append("</text>");
    }

    @Override
    public void verticalText(double x, double y, String text, double size, Color color) {
        sb.append("<text transform=\"translate(").append(n(x)).append(',').append(n(y))
                .append(") rotate(-90)\" font-size=\"").append(n(size)).append("\" fill=\"").append(c(color))
                .append("\" text-anchor=\"middle\">").append(Html.escape(text)).append("</text>");
    }

    @Override
    public void image(double x, double y, double w, double h, BufferedImage image) {
        sb.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" preserveAspectRatio=\"none\" ")
                .append("style=\"image-rendering:pixelated\" href=\"").append(dataUri(image)).append("\"/>");
    }

    /** {@code image} as a {@code data:image/png;base64,...} URI. */
    public static String dataUri(BufferedImage image) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
