package vireo.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Runs the command in-process and builds tiny image folders for the tests. */
final class Cli {

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * {@code perClass} PNGs of {@code size}×{@code size} per class under {@code dir/CLASS/}: "horizontal" has
     * horizontal stripes, "vertical" vertical ones (plus noise), so a small CNN can tell them apart quickly.
     */
    static Path stripes(Path dir, int perClass, int size, long seed) throws IOException {
        Random r = new Random(seed);
        String[] classes = {"horizontal", "vertical"};
        for (int c = 0; c < classes.length; c++) {
            Path d = dir.resolve(classes[c]);
            Files.createDirectories(d);
            for (int i = 0; i < perClass; i++) {
                var img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
                int phase = r.nextInt(4);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int t = c == 0 ? y : x;
                        int v = ((t + phase) / 2) % 2 == 0 ? 200 : 50;
                        v = Math.max(0, Math.min(255, v + r.nextInt(41) - 20));
                        img.setRGB(x, y, v << 16 | v << 8 | v);
                    }
                }
                ImageIO.write(img, "png", d.resolve(String.format("%s-%02d.png", classes[c], i)).toFile());
            }
        }
        return dir;
    }

    /** {@code root/train}, {@code root/valid} and {@code root/test} stripe folders. */
    static Path stripeSplits(Path root, int train, int valid, int test, int size) throws IOException {
        stripes(root.resolve("train"), train, size, 1);
        stripes(root.resolve("valid"), valid, size, 2);
        if (test > 0) {
            stripes(root.resolve("test"), test, size, 3);
        }
        return root;
    }
}
