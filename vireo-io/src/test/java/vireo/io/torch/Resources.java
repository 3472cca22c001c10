package vireo.io.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The committed fixtures, and a way to make damaged copies of zip checkpoints. */
final class Resources {

    private Resources() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(Resources.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a zip archive, in order. */
    static Map<String, byte[]> records(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Copies {@code src} to {@code dst} with its records changed by {@code edit} (a plain deflated zip). */
    static Path rewrite(Path src, Path dst, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> records = edit.apply(records(src));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dst))) {
            for (Map.Entry<String, byte[]> e : records.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return dst;
    }
}
