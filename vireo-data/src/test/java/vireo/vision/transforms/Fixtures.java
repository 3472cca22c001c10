package vireo.vision.transforms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import vireo.vision.io.Image;
import vireo.vision.io.ImageDecoder;

/** Reads the files written by tools/golden/transforms_fixtures.py. */
final class Fixtures {

    private Fixtures() {
    }

    static Path dir(String sub) {
        try {
            return Path.of(Fixtures.class.getResource("/vision/" + sub).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Image png(Path p) {
        try {
            return ImageDecoder.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Image source(String name) {
        return png(dir("src").resolve(name + ".png"));
    }

    static Image golden(String name) {
        return png(dir("golden").resolve(name + ".png"));
    }

    /** {shape..., values...} as (int[] shape, float[] values). */
    record Floats(int[] shape, float[] values) {
    }

    static Floats goldenFloats(String name) {
        try {
            List<String> lines = Files.readAllLines(dir("golden").resolve(name + ".txt"));
            int[] shape = Arrays.stream(lines.get(0).substring("shape ".length()).trim().split(" "))
                    .mapToInt(Integer::parseInt).toArray();
            String[] vs = lines.get(1).trim().split(" ");
            float[] values = new float[vs.length];
            for (int i = 0; i < vs.length; i++) {
                values[i] = Float.parseFloat(vs[i]);
            }
            return new Floats(shape, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest |a - b| over all bytes, or -1 when the sizes differ. */
    static int maxDiff(Image a, Image b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            return -1;
        }
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((x[i] & 0xFF) - (y[i] & 0xFF)));
        }
        return max;
    }

    /** How many bytes differ. */
    static int countDiff(Image a, Image b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += x[i] != y[i] ? 1 : 0;
        }
        return n;
    }
}
