package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1: nothing leaves the machine. */
class DownloadTest {

    @TempDir
    Path dir;

    HttpServer server;
    /** path → body; a missing path is a 404. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI mirror(String folder) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailureNamesTheReasonHiddenInTheCause() {
        var e = new IOException(new java.net.ConnectException("Connection refused"));
        String said = Downloader.describe(e);
        assertTrue(said.contains("ConnectException (Connection refused)"), said);
    }

    @Test
    void verifiedFileIsRenamedIntoPlace() throws Exception {
        byte[] raw = IdxFiles.labels(7);
        byte[] gz = IdxFiles.gzip(raw);
        files.put("/good/labels.gz", gz);
        var file = new RemoteFile("labels.gz", Checksum.sha256OfContent(sha256(raw)));
        Path got = new Downloader().fetch(file, List.of(mirror("good")), dir);
        assertEquals(dir.resolve("labels.gz"), got);
        assertArrayEquals(gz, Files.readAllBytes(got));
        assertEquals(List.of("labels.gz"), listing());
    }

    @Test
    void archiveChecksumsWorkToo() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.labels(3));
        files.put("/m/a.gz", gz);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(gz));
        new Downloader().fetch(new RemoteFile("a.gz", Checksum.md5OfArchive(md5)), List.of(mirror("m")), dir);
        assertEquals(List.of("a.gz"), listing());
        var wrong = new RemoteFile("a.gz", Checksum.sha256OfArchive(sha256(IdxFiles.labels(3))));
        Files.delete(dir.resolve("a.gz"));
        assertThrows(IOException.class, () -> new Downloader().fetch(wrong, List.of(mirror("m")), dir));
        assertEquals(List.of(), listing());
    }

    @Test
    void mismatchLeavesNothingAndTheNextMirrorIsTried() throws Exception {
        byte[] raw = IdxFiles.labels(5);
        files.put("/bad/labels.gz", IdxFiles.gzip(IdxFiles.labels(6)));
        files.put("/good/labels.gz", IdxFiles.gzip(raw));
        var file = new RemoteFile("labels.gz", Checksum.sha256OfContent(sha256(raw)));

        var e = assertThrows(IOException.class, () -> new Downloader().fetch(file, List.of(mirror("bad"),
                mirror("missing")), dir));
        assertTrue(e.getMessage().contains("checksum mismatch, expected SHA-256 of the decompressed data "
                + sha256(raw)), e.getMessage());
        assertTrue(e.getMessage().contains("/missing/labels.gz: HTTP 404"), e.getMessage());
        assertEquals(List.of(), listing(), "no half file, no leftover .part");

        new Downloader().fetch(file, List.of(mirror("bad"), mirror("good")), dir);
        assertEquals(List.of("labels.gz"), listing());
    }

    @Test
    void preferredChecksumIsTheStrongest() {
        var f = new RemoteFile("x.gz", Checksum.md5OfArchive("00000000000000000000000000000000"),
                Checksum.sha256OfContent("a".repeat(64)), Checksum.sha256OfArchive("b".repeat(64)));
        assertEquals(Checksum.sha256OfContent("a".repeat(64)), f.preferred());
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256OfContent("abc"));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("../x.gz", f.checksums()));
    }

    @Test
    void datasetDownloadRefusesFilesThatAreNotTheRealOnes() throws Exception {
        // Fake files under the real names: the registry's SHA-256 values must reject them.
        files.put("/mnist/train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(3, 28)));
        files.put("/mnist/train-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(3)));
        var e = assertThrows(UncheckedIOException.class,
                () -> MNIST.builder(dir).download(true).mirrors(List.of(mirror("mnist"))).build());
        assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte.gz: download failed from every mirror"),
                e.getMessage());
        assertTrue(e.getMessage().contains("checksum mismatch, expected SHA-256 of the decompressed data "
                + "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"), e.getMessage());
        assertEquals(List.of(), listing());
    }

    @Test
    void nothingIsFetchedUnlessAsked() {
        files.put("/mnist/t10k-images-idx3-ubyte.gz", new byte[1]);
        assertThrows(UncheckedIOException.class,
                () -> MNIST.builder(dir).train(false).mirrors(List.of(mirror("mnist"))).build());
        assertEquals(0, requests.get());
    }

    @Test
    void realFashionTestSplitDownloadsFromAMirrorAndLoads() throws Exception {
        Path debian = FashionMNIST.DEBIAN_ROOT;
        Assumptions.assumeTrue(Files.isRegularFile(debian.resolve("t10k-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist is not installed");
        for (String n : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            files.put("/fashion/" + n, Files.readAllBytes(debian.resolve(n)));
        }
        var test = FashionMNIST.builder(dir).train(false).download(true).mirrors(List.of(mirror("fashion"))).build();
        assertEquals(10_000, test.size());
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), listing());
        int before = requests.get();
        FashionMNIST.builder(dir).train(false).download(true).mirrors(List.of(mirror("fashion"))).build();
        assertEquals(before, requests.get(), "files already present are not fetched again");
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz")), "only the asked split is fetched");
    }
}
