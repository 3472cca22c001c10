package vireo.vision.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding of files written by PIL (tools/golden/transforms_fixtures.py), against PIL's own convert("RGB"). */
class ImageDecoderTest {

    static Path decodeDir() {
        try {
            return Path.of(ImageDecoderTest.class.getResource("/vision/decode").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int maxDiff(Image a, Image b) {
        assertEquals(a.width() + "x" + a.height(), b.width() + "x" + b.height());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    /**
     * Lossless formats must give PIL's bytes exactly. JPEG decoders could differ by the IDCT and the chroma
     * upsampling (the JDK's libjpeg 6b against PIL's libjpeg-turbo) but were measured identical (difference 0);
     * CMYK differs by rounding (measured 1; the JDK's reader alone is off by 74 on this file).
     */
    @ParameterizedTest
    @CsvSource({"rgba.png, 0", "gray.png, 0", "gray_alpha.png, 0", "palette.png, 0", "image.bmp, 0",
            "image.gif, 0", "baseline.jpg, 1", "progressive.jpg, 1", "gray.jpg, 1", "cmyk.jpg, 2"})
    void matchesPilConvertRgb(String file, int tolerance) throws IOException {
        Image ours = ImageDecoder.read(decodeDir().resolve(file));
        Image pil = ImageDecoder.read(decodeDir().resolve(file + ".rgb.png"));
        int diff = maxDiff(ours, pil);
        assertTrue(diff <= tolerance, file + ": max difference to PIL " + diff + " > " + tolerance);
    }

    @Test
    void cmykJpegDecodesThroughTwelveMonkeys() throws IOException {
        Image img = ImageDecoder.read(decodeDir().resolve("cmyk.jpg"));
        assertEquals(16, img.width());
        assertEquals(8, img.height());
        // Pure red ink (C=0, M=255, Y=255, K=0) at (5, 4).
        int r = img.get(5, 4, 0);
        int g = img.get(5, 4, 1);
        int b = img.get(5, 4, 2);
        assertTrue(r > 250 && g < 5 && b < 5, "expected red, received (" + r + ", " + g + ", " + b + ")");
        javax.imageio.ImageReader first = javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next();
        assertTrue(first.getClass().getName().startsWith("com.twelvemonkeys"),
                "expected TwelveMonkeys' JPEG reader first, found " + first.getClass().getName());
    }

    /**
     * Each thread reuses its readers from file to file: a failed read must not spoil the next one, formats may
     * alternate, and every decode of a file gives the same pixels as a fresh thread (fresh readers) does.
     */
    @Test
    void reusedReadersGiveTheSamePixelsAfterFailuresAndOtherFormats(@TempDir Path dir) throws Exception {
        Path jpeg = decodeDir().resolve("baseline.jpg");
        Path png = decodeDir().resolve("rgba.png");
        Image[] fresh = new Image[2];
        Thread t = new Thread(() -> {
            try {
                fresh[0] = ImageDecoder.read(jpeg);
                fresh[1] = ImageDecoder.read(png);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        t.join();
        byte[] bytes = Files.readAllBytes(jpeg);
        Path truncated = Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path cmyk = decodeDir().resolve("cmyk.jpg");
        Image cmykFirst = ImageDecoder.read(cmyk);
        for (int round = 0; round < 3; round++) {
            assertEquals(fresh[0], ImageDecoder.read(jpeg), "round " + round);
            assertThrows(IOException.class, () -> ImageDecoder.read(truncated));
            assertEquals(fresh[0], ImageDecoder.read(jpeg), "after a failure, round " + round);
            assertEquals(fresh[1], ImageDecoder.read(png), "round " + round);
            assertEquals(cmykFirst, ImageDecoder.read(cmyk), "round " + round);
        }
    }

    @Test
    void probeReadsTheHeaderOnly() throws IOException {
        ImageInfo info = ImageDecoder.probe(decodeDir().resolve("progressive.jpg"));
        assertEquals(40, info.width());
        assertEquals(30, info.height());
        assertEquals("jpeg", info.format().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void unreadableFilesFailWithPathAndReason(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty"), e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.png"), "this is not an image\n");
        e = assertThrows(IOException.class, () -> ImageDecoder.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a recognised image"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> ImageDecoder.probe(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());

        Path missing = dir.resolve("missing.jpg");
        e = assertThrows(IOException.class, () -> ImageDecoder.read(missing));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());

        byte[] jpeg = Files.readAllBytes(decodeDir().resolve("baseline.jpg"));
        Path truncated = Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        e = assertThrows(IOException.class, () -> ImageDecoder.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        byte[] png = Files.readAllBytes(decodeDir().resolve("rgba.png"));
        for (int i = 40; i < png.length; i += 7) {
            png[i] ^= 0x5A; // damage the compressed data, keep the header
        }
        Path damaged = Files.write(dir.resolve("damaged.png"), png);
        e = assertThrows(IOException.class, () -> ImageDecoder.read(damaged));
        assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
    }
}
