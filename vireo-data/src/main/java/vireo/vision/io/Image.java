package vireo.vision.io;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB picture, stored row by row with the three channels interleaved ({@code HWC}, like PIL's "RGB" mode
 * and like a decoded JPEG). Transforms before {@code ToTensor} take and return images; they never modify one in
 * place, so an image may be shared between threads.
 *
 * <p>Shapes: {@code pixels.length == height * width * 3}; the value of channel {@code c} at column {@code x}, row
 * {@code y} is {@code pixels[(y * width + x) * 3 + c] & 0xFF}.
 *
 * <pre>{@code
 * Image img = ImageDecoder.read(Path.of("cat.jpg"));
 * Tensor t = ToTensor.INSTANCE.apply(img);   // [3, H, W] in [0, 1]
 * }</pre>
 */
public final class Image {

    /** Channels per pixel; always RGB. */
    public static final int CHANNELS = 3;

    private final int width;
    private final int height;
    private final byte[] pixels;

    private Image(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * An image over {@code pixels} (HWC, RGB), taking ownership of the array: the caller must not write to it
     * afterwards. This is how transforms hand over freshly computed pixels without a copy.
     */
    public static Image wrap(int width, int height, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image: expected a positive width and height, received " + width + "x"
                    + height);
        }
        if ((long) width * height * CHANNELS != pixels.length) {
            throw new IllegalArgumentException("Image: a " + width + "x" + height + " RGB image needs "
                    + (long) width * height * CHANNELS + " bytes, received " + pixels.length);
        }
        return new Image(width, height, pixels);
    }

    /** An image of one colour ({@code r, g, b} in 0..255). */
    public static Image filled(int width, int height, int r, int g, int b) {
        byte[] p = new byte[width * height * CHANNELS];
        for (int i = 0; i < p.length; i += CHANNELS) {
            p[i] = (byte) r;
            p[i + 1] = (byte) g;
            p[i + 2] = (byte) b;
        }
        return wrap(width, height, p);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) at column {@code x}, row {@code y}, in 0..255. */
    public int get(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, CHANNELS);
        return pixels[(y * width + x) * CHANNELS + c] & 0xFF;
    }

    /** A copy of the pixels (HWC, RGB). */
    public byte[] toBytes() {
        return pixels.clone();
    }

    /**
     * The pixel array itself, for transforms that read it in bulk. Must not be written: images are shared.
     */
    public byte[] pixels() {
        return pixels;
    }

    /** This image as an RGB Java2D image, pixel for pixel (to draw on it or hand it to an ImageIO writer). */
    public BufferedImage toBufferedImage() {
        var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = 3 * (y * width + x);
                out.setRGB(x, y, (pixels[o] & 0xff) << 16 | (pixels[o + 1] & 0xff) << 8 | (pixels[o + 2] & 0xff));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && other.width == width && other.height == height
                && Arrays.equals(other.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + " RGB]";
    }
}
