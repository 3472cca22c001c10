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
                if (!check.matches(actual)) {
                    failures.add(url + ": checksum mismatch, expected " + check + ", received " + actual
                            + " (" + Files.size(part) + " bytes)");
                    continue;
                }
                moveIntoPlace(part, target);
                return target;
            } catch (IOException e) {
                failures.add(url + ": " + describe(e));
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

    /**
     * The file {@code dir/file.name()} if it is there and verified; otherwise downloads it as {@link #fetch} does.
     * A file that is there but fails its checksum is an error and is left as it is: it came from somewhere else
     * (downloads never leave a file under the real name unverified), so it is for the user to look at or delete.
     */
    public Path fetchIfAbsent(RemoteFile file, List<URI> mirrors, Path dir) throws IOException {
        Path target = dir.resolve(file.name());
        if (Files.exists(target)) {
            return verify(file, target);
        }
        return fetch(file, mirrors, dir);
    }

    /**
     * Returns {@code path} if its digest satisfies {@code file}'s preferred checksum.
     *
     * @throws IOException naming the path, the expected and the received digest when it does not
     */
    public static Path verify(RemoteFile file, Path path) throws IOException {
        Checksum check = file.preferred();
        String actual = check.compute(path, file.name().endsWith(".gz"));
        if (!check.matches(actual)) {
            throw new IOException(path + ": checksum mismatch, expected " + check + ", received " + actual + " ("
                    + Files.size(path) + " bytes); the file was left as it is: delete it to download it again");
        }
        return path;
    }

    /**
     * The exception and its causes in one line: the HTTP client throws a bare {@code ConnectException} whose reason
     * (refused, unknown host, timeout) sits only in its cause.
     */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!s.isEmpty()) {
                s.append(": ");
            }
            s.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                s.append(" (").append(t.getMessage()).append(')');
            }
        }
        return s.toString();
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
