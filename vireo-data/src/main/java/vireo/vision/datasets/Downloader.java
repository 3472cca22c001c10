package vireo.vision.datasets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a {@link RemoteFile} from the first mirror that serves it with the right checksum.
 *
 * <p>The bytes go to a temporary file next to the target, are verified, and only then renamed into place: an
 * interrupted or corrupted download never leaves a file under the real name.
 */
public final class Downloader {

    private static final System.Logger LOG = System.getLogger(Downloader.class.getName());

    private final HttpClient client;
    private final Duration timeout;

    public Downloader() {
        this(Duration.ofMinutes(10));
    }

    /** @param timeout the limit for one file from one mirror */
    public Downloader(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Downloads {@code file} into {@code dir} (created if needed) and returns its path. Mirrors are base URLs
     * ending in {@code /}; they are tried in order, and the error lists what each one did.
     */
    public Path fetch(RemoteFile file, List<URI> mirrors, Path dir) throws IOException {
        if (mirrors.isEmpty()) {
            throw new IOException(file.name() + ": no mirror to download from");
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(file.name());
        Checksum check = file.preferred();
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(file.name());
            Path part = Files.createTempFile(dir, "." + file.name() + ".", ".part");
            try {
                LOG.log(System.Logger.Level.INFO, "Downloading {0} to {1}", url, target);
                HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
                HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(part));
                if (response.statusCode() != 200) {
                    failures.add(url + ": HTTP " + response.statusCode());
                    continue;
                }
                String actual;
                try {
                    actual = check.compute(part, file.name().endsWith(".gz"));
                } catch (IOException e) {
                    failures.add(url + ": cannot compute the " + check.algorithm().jcaName() + " (" + e.getMessage()
                            + ")");
                    continue;
                }
                if (!actual.equals(check.hex())) {
                    failures.add(url + ": checksum mismatch, expected " + check + ", received " + actual
                            + " (" + Files.size(part) + " bytes)");
                    continue;
                }
                moveIntoPlace(part, target);
                return target;
            } catch (IOException e) {
                failures.add(url + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(file.name() + ": download interrupted", e);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        throw new IOException(file.name() + ": download failed from every mirror; nothing was written to " + dir
                + ":\n  " + String.join("\n  ", failures));
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
