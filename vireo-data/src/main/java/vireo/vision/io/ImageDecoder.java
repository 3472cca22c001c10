package vireo.vision.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files into RGB {@link Image}s, the way torchvision's {@code pil_loader} does
 * ({@code Image.open(f).convert("RGB")}).
 *
 * <p>Formats: whatever ImageIO can read, which with TwelveMonkeys' plugin on the class path includes JPEG
 * (baseline, progressive, CMYK and YCCK), PNG, BMP and GIF (first frame). Conversion to RGB follows PIL: alpha is
 * dropped (not blended onto a background), gray is replicated to the three channels, palettes are looked up, and
 * 16-bit samples keep their high byte. RGB values are taken as stored: an embedded ICC profile is not applied,
 * as PIL does not apply one either. JPEG pixels were measured identical to PIL's (libjpeg's integer IDCT on both
 * sides). CMYK/YCCK go through TwelveMonkeys: without an embedded profile its conversion matches PIL's within 1;
 * with a profile, TwelveMonkeys applies it and PIL does not, so colours may differ.
 *
 * <p>A truncated JPEG fails, like PIL without {@code LOAD_TRUNCATED_IMAGES}, rather than decoding to a grey
 * bottom half. Safe to call from several threads at once.
 *
 * <p>Speed (data loaders call this for every sample): each thread keeps one reader per format and reuses it, as
 * creating a JPEG reader sets up libjpeg's native state; and an 8-bit RGB picture (every colour JPEG) is decoded
 * straight into a raster laid out like {@link Image} (RGB, interleaved), which the reader fills row by row with
 * plain copies and which becomes the image without a further pass. The reader's usual {@code TYPE_3BYTE_BGR}
 * destination costs a per-sample swap while reading and a second swap after it.
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false); // no temp files: decoding reads from the file directly
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    /** Decodes {@code path}; fails with the path and the reason when the file is missing, empty or unreadable. */
    public static Image read(Path path) throws IOException {
        try (ImageInputStream in = open(path)) {
            ImageReaderSpi spi = providerFor(path, in);
            Map<ImageReaderSpi, CachedReader> cache = READERS.get();
            CachedReader cached = cache.remove(spi); // taken out while in use; put back only after a clean read
            if (cached == null) {
                cached = new CachedReader(spi.createReaderInstance());
            }
            ImageReader reader = cached.reader;
            cached.warnings.clear();
            boolean clean = false;
            try {
                reader.setInput(in, true, true);
                BufferedImage dest = rgbDestination(reader);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestination(dest);
                BufferedImage img = reader.read(0, param);
                for (String w : cached.warnings) {
                    if (w.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new IOException(path + ": truncated image (" + w + ")");
                    }
                }
                Image out = img == dest && dest != null
                        ? Image.wrap(dest.getWidth(), dest.getHeight(),
                        ((DataBufferByte) dest.getRaster().getDataBuffer()).getData())
                        : toRgb(img);
                clean = true;
                return out;
            } catch (IOException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(path.toString()) ? e
                        : new IOException(path + ": cannot decode " + reader.getFormatName() + " (" + e.getMessage()
                        + ")", e);
            } catch (RuntimeException e) {
                // Decoders throw unchecked exceptions on damaged data (index out of bounds and the like).
                throw new IOException(path + ": cannot decode " + reader.getFormatName() + " (" + e + ")", e);
            } finally {
                if (clean) {
                    reader.setInput(null); // drop the stream (closed below); keep the reader for the next file
                    cache.put(spi, cached);
                } else {
                    reader.dispose(); // a failed read may leave the reader's state behind: start afresh next time
                }
            }
        }
    }

    /** One thread's readers, one per format provider, reused from file to file. */
    private static final ThreadLocal<Map<ImageReaderSpi, CachedReader>> READERS =
            ThreadLocal.withInitial(HashMap::new);

    /** A reader and the warnings it reported during the current read. */
    private static final class CachedReader {
        final ImageReader reader;
        final List<String> warnings = new ArrayList<>();

        CachedReader(ImageReader reader) {
            this.reader = reader;
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        }
    }

    /**
     * A destination laid out like {@link Image} when the reader is a JPEG reader and its preferred type is 8-bit
     * BGR (colour JPEGs, whatever their colour transform or profile: the reader converts into the destination's
     * sRGB just as it does into its own), else null to let the reader choose. Only JPEG: other readers (BMP's,
     * for one) do not all honour a destination of another layout than their own.
     */
    private static BufferedImage rgbDestination(ImageReader reader) throws IOException {
        if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
            return null;
        }
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext() || types.next().getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
            return null;
        }
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if ((long) w * h * 3 > Integer.MAX_VALUE) {
            return null; // too large for one array; the reader's own path reports it
        }
        var sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, w, h, 3, w * 3, new int[]{0, 1, 2});
        WritableRaster raster = Raster.createWritableRaster(sm, new DataBufferByte(w * h * 3), null);
        return new BufferedImage(RGB, raster, false, null);
    }

    private static final ColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
            false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    /** The size and format from the file's header, without decoding the pixels (cheap, for scanning folders). */
    public static ImageInfo probe(Path path) throws IOException {
        try (ImageInputStream in = open(path)) {
            ImageReader reader = readerFor(path, in);
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(reader.getWidth(0), reader.getHeight(0), reader.getFormatName());
            } catch (IOException | RuntimeException e) {
                throw new IOException(path + ": damaged " + reader.getFormatName() + " header (" + e.getMessage()
                        + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageInputStream open(Path path) throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new IOException(path + ": no such file", e);
        }
        if (size == 0) {
            throw new IOException(path + ": empty file (0 bytes)");
        }
        ImageInputStream in = ImageIO.createImageInputStream(path.toFile());
        if (in == null) {
            throw new IOException(path + ": cannot open for reading");
        }
        return in;
    }

    private static ImageReader readerFor(Path path, ImageInputStream in) throws IOException {
        return providerFor(path, in).createReaderInstance();
    }

    /**
     * The provider {@code ImageIO.getImageReaders(in)} would take its first reader from (the first, in the
     * registry's order, that recognises the stream's first bytes), without creating a reader.
     */
    private static ImageReaderSpi providerFor(Path path, ImageInputStream in) throws IOException {
        Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                true);
        while (spis.hasNext()) {
            ImageReaderSpi spi = spis.next();
            in.mark();
            boolean fits;
            try {
                fits = spi.canDecodeInput(in);
            } finally {
                in.reset();
            }
            if (fits) {
                return spi;
            }
        }
        throw new IOException(path + ": not a recognised image (no decoder for its first bytes; supported: "
                + String.join(", ", sortedFormats()) + ")");
    }

    private static List<String> sortedFormats() {
        return java.util.Arrays.stream(ImageIO.getReaderFormatNames()).map(s -> s.toLowerCase(Locale.ROOT))
                .distinct().sorted().toList();
    }

    /** Converts any decoded image to RGB bytes the way PIL's {@code convert("RGB")} does. */
    static Image toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        if (directBgr(img, raster)) {
            byte[] src = ((DataBufferByte) raster.getDataBuffer()).getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = src[i + 2];
                out[i + 1] = src[i + 1];
                out[i + 2] = src[i];
            }
        } else if (cm instanceof ComponentColorModel && cm.getNumColorComponents() == 1) {
            // Gray (with or without alpha): take the stored samples. getRGB would push them through a linear-gray
            // to sRGB conversion and brighten them, which PIL does not do.
            int shift = Math.max(0, cm.getComponentSize(0) - 8);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                    byte v = (byte) (row[x] >>> shift);
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                }
            }
        } else if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            // RGB in any layout or depth, with any embedded profile: the stored values, as PIL keeps them.
            int bands = raster.getNumBands();
            int shift = Math.max(0, cm.getComponentSize(0) - 8);
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                    out[o] = (byte) (row[x * bands] >>> shift);
                    out[o + 1] = (byte) (row[x * bands + 1] >>> shift);
                    out[o + 2] = (byte) (row[x * bands + 2] >>> shift);
                }
            }
        } else {
            // Palettes, packed ints, anything else: the colour model's RGB, alpha dropped.
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                    int p = row[x];
                    out[o] = (byte) (p >>> 16);
                    out[o + 1] = (byte) (p >>> 8);
                    out[o + 2] = (byte) p;
                }
            }
        }
        return Image.wrap(w, h, out);
    }

    /** A whole, unshared 8-bit BGR raster (what JPEG decoders return), which can be copied in one pass. */
    private static boolean directBgr(BufferedImage img, Raster raster) {
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR || !(raster.getDataBuffer() instanceof DataBufferByte)
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)) {
            return false;
        }
        int[] offsets = sm.getBandOffsets();
        return raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && sm.getPixelStride() == 3
                && sm.getScanlineStride() == img.getWidth() * 3 && offsets[0] == 2 && offsets[1] == 1
                && offsets[2] == 0 && raster.getDataBuffer().getNumBanks() == 1
                && ((DataBufferByte) raster.getDataBuffer()).getOffset() == 0;
    }
}
