package vireo.vision.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** n images of size x size, pixel (i, r, c) = (i * 31 + r * 7 + c) mod 256. */
    static byte[] images(int n, int size) {
        byte[] px = new byte[n * size * size];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size * size; p++) {
                px[i * size * size + p] = (byte) (i * 31 + (p / size) * 7 + p % size);
            }
        }
        return idx(IdxReader.IMAGES_MAGIC, new int[]{n, size, size}, px);
    }

    /** labels i mod 10. */
    static byte[] labels(int n) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % 10);
        }
        return idx(IdxReader.LABELS_MAGIC, new int[]{n}, y);
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bos)) {
                out.write(raw);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code raw} as {@code dir/name}, gzipped when the name ends in .gz. */
    static Path write(Path dir, String name, byte[] raw) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), name.endsWith(".gz") ? gzip(raw) : raw);
    }

    /** A whole fake split: images and labels of {@code n} samples. */
    static void split(Path dir, String prefix, int n, boolean gz) throws IOException {
        String ext = gz ? ".gz" : "";
        write(dir, prefix + "-images-idx3-ubyte" + ext, images(n, 28));
        write(dir, prefix + "-labels-idx1-ubyte" + ext, labels(n));
    }
}
