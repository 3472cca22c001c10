package vireo.vision.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed ({@code .gz} names).
 *
 * <p>The header is a magic number {@code 0x0000 0x08 ndim}, then {@code ndim} big-endian int32 sizes, then the
 * bytes in row-major order. Every problem is reported with the file name and what was expected:
 * {@code train-images-idx3-ubyte.gz: expected 47040000 image bytes after the 16-byte header, file ends after 1234}.
 */
public final class IdxReader {

    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x0801;

    private IdxReader() {
    }

    /** A parsed IDX file: its sizes and its bytes, row-major. */
    public record Idx(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Thrown for a file that is not the IDX file expected; the message names the file. */
    public static final class IdxFormatException extends IOException {
        public IdxFormatException(String message) {
            super(message);
        }

        public IdxFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads {@code file}, checking that its magic number is {@code expectedMagic}; {@code what} names the
     * contents in messages ("image", "label").
     */
    public static Idx read(Path file, int expectedMagic, String what) throws IOException {
        String name = String.valueOf(file.getFileName());
        boolean gz = name.endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            return parse(in, name, expectedMagic, what);
        } catch (ZipException | EOFException e) {
            // GZIPInputStream fails this way when the file is not gzip at all or its compressed stream is cut.
            throw new IdxFormatException(name + ": not a valid gzip file (" + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(name + ": file not found at " + file, e);
        }
    }

    static Idx parse(InputStream in, String name, int expectedMagic, String what) throws IOException {
        int ndimExpected = expectedMagic & 0xFF;
        int headerBytes = 4 + 4 * ndimExpected;
        boolean[] cut = new boolean[1];
        byte[] head = new byte[4];
        int got = readFully(in, head, cut);
        if (got < 4) {
            throw new IdxFormatException(name + ": expected a " + headerBytes + "-byte IDX header, file ends after "
                    + got + " bytes" + cutNote(cut));
        }
        int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        if (magic != expectedMagic) {
            throw new IdxFormatException(name + ": expected magic number " + expectedMagic + " (IDX unsigned bytes, "
                    + ndimExpected + (ndimExpected == 1 ? " dimension" : " dimensions") + ", "
                    + ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what
                    + " file), received " + magic + describeMagic(magic));
        }
        byte[] dimBytes = new byte[4 * ndimExpected];
        got = readFully(in, dimBytes, cut);
        if (got < dimBytes.length) {
            throw new IdxFormatException(name + ": expected a " + headerBytes + "-byte IDX header, file ends after "
                    + (4 + got) + " bytes" + cutNote(cut));
        }
        int[] dims = new int[ndimExpected];
        long total = 1;
        for (int d = 0; d < ndimExpected; d++) {
            int i = 4 * d;
            dims[d] = ((dimBytes[i] & 0xFF) << 24) | ((dimBytes[i + 1] & 0xFF) << 16)
                    | ((dimBytes[i + 2] & 0xFF) << 8) | (dimBytes[i + 3] & 0xFF);
            if (dims[d] < 0) {
                throw new IdxFormatException(name + ": dimension " + d + " has negative size " + dims[d]);
            }
            total *= dims[d];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IdxFormatException(name + ": sizes " + Arrays.toString(dims) + " hold " + total
                    + " bytes, more than one Java array can");
        }
        byte[] data = new byte[(int) total];
        got = readFully(in, data, cut);
        if (got < total) {
            throw new IdxFormatException(name + ": expected " + total + " " + what + " bytes after the "
                    + headerBytes + "-byte header, file ends after " + got + cutNote(cut));
        }
        if (in.read() != -1) {
            throw new IdxFormatException(name + ": found more bytes after the " + total + " " + what + " bytes that "
                    + "sizes " + Arrays.toString(dims) + " announce (a different or damaged file?)");
        }
        return new Idx(dims, data);
    }

    /**
     * Reads until {@code buf} is full or the stream ends; returns the bytes read. A cut gzip stream counts as an
     * end (GZIPInputStream throws EOFException there), noted in {@code cut} so the message can say so.
     */
    private static int readFully(InputStream in, byte[] buf, boolean[] cut) throws IOException {
        int off = 0;
        try {
            while (off < buf.length) {
                int n = in.read(buf, off, buf.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            cut[0] = true;
        }
        return off;
    }

    private static String cutNote(boolean[] cut) {
        return cut[0] ? " (the compressed stream is cut short)" : "";
    }

    private static String describeMagic(int magic) {
        if (magic == IMAGES_MAGIC) {
            return " (an image file)";
        }
        if (magic == LABELS_MAGIC) {
            return " (a label file)";
        }
        if ((magic >>> 16) == 0x1F8B) {
            return " (a gzip file without the .gz name?)";
        }
        return " (not an IDX file of unsigned bytes)";
    }
}
