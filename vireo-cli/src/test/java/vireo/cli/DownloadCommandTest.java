package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.models.Weights;

/** {@code vireo datasets download} against an HTTP server on 127.0.0.1: nothing leaves the machine. */
class DownloadCommandTest {

    @TempDir
    Path tmp;

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

    String mirror(String folder) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder; // no '/': the command adds it
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsFashionMnistVerifiedAndReusesIt() throws Exception {
        assumeTrue(Files.isRegularFile(FashionMNIST.DEBIAN_ROOT.resolve("t10k-labels-idx1-ubyte.gz")),
                "needs Debian's dataset-fashion-mnist (the real files, which the checksums must accept)");
        List<String> names = FashionMNIST.CATALOG.files().stream().map(f -> f.name()).toList();
        for (String n : names) {
            files.put("/fm/" + n, Files.readAllBytes(FashionMNIST.DEBIAN_ROOT.resolve(n)));
        }
        Path root = tmp.resolve("data");
        var r = Cli.run("datasets", "download", "fashion-mnist", "--root", root.toString(), "--mirror",
                mirror("fm"));
        assertEquals(0, r.code(), r.toString());
        assertEquals(names.stream().sorted().toList(), listing(root));
        assertTrue(r.out().contains(root.resolve("train-images-idx3-ubyte.gz") + ": downloaded, verified (SHA-256 "
                + "of the decompressed data c59f468a"), r.out());
        assertTrue(r.out().endsWith("train on it with: vireo train --data fashion-mnist --data-root " + root + "\n"),
                r.out());
        assertEquals(10_000, FashionMNIST.builder(root).train(false).build().size());

        int before = requests.get();
        var again = Cli.run("datasets", "download", "fashion-mnist", "--root", root.toString(), "--mirror",
                mirror("fm"));
        assertEquals(0, again.code(), again.toString());
        assertEquals("", again.err(), "nothing to download, nothing announced");
        assertEquals(4, again.out().lines().filter(l -> l.contains("already there, verified")).count(), again.out());
        assertEquals(before, requests.get(), "files already there are verified, not fetched again");
    }

    @Test
    void aChecksumMismatchIsOneLineAndLeavesNothing() throws Exception {
        files.put("/m/train-images-idx3-ubyte.gz", new byte[]{31, -117, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0,
                0, 0, 0, 0}); // an empty gzip stream: served fine, wrong content
        Path root = tmp.resolve("mnist");
        var r = Cli.run("datasets", "download", "mnist", "--root", root.toString(), "--mirror", mirror("m"));
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("downloading " + mirror("m") + "/train-images-idx3-ubyte.gz ..."),
                r.err().lines().limit(1).toList());
        String error = r.err().lines().skip(1).reduce("", String::concat);
        assertEquals(2, r.err().strip().lines().count(), "one line after the announcement: " + r.err());
        assertTrue(error.startsWith("vireo datasets download: train-images-idx3-ubyte.gz: download failed from "
                + "every mirror; nothing was written to " + root + ": " + mirror("m")
                + "/train-images-idx3-ubyte.gz: checksum mismatch, expected SHA-256 of the decompressed data "
                + "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db, received "
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 (20 bytes)"), error);
        assertEquals(List.of(), listing(root), "no half-written file, no .part left over");
    }

    @Test
    void weightsByArchitectureNameAndNetworkFailuresNameTheUrl() throws Exception {
        Weights w = DownloadCommand.weights("resnet50");
        assertEquals(Weights.RESNET50_IMAGENET1K_V2, w, "torchvision's default: the newest");
        assertEquals(Weights.RESNET50_IMAGENET1K_V1, DownloadCommand.weights("resnet50_imagenet1k_v1"));
        assertEquals(Weights.VGG11_BN_IMAGENET1K_V1, DownloadCommand.weights("vgg11_bn"));

        Path hub = tmp.resolve("hub");
        var missing = Cli.run("datasets", "download", "resnet18", "--root", hub.toString(), "--mirror",
                mirror("models"));
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains(mirror("models") + "/resnet18-f37072fd.pth: HTTP 404"), missing.err());

        files.put("/models/resnet18-f37072fd.pth", "not a checkpoint".getBytes());
        var tampered = Cli.run("datasets", "download", "resnet18", "--root", hub.toString(), "--mirror",
                mirror("models"));
        assertEquals(1, tampered.code(), tampered.toString());
        assertTrue(tampered.err().contains("checksum mismatch, expected SHA-256 f37072fd47e89c5e827621c5baffa75008"
                + "19f7896bbacec160b1a16c560e07ec, received "), tampered.err());
        assertEquals(List.of(), listing(hub));

        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + closed + "/";
        var refused = Cli.run("datasets", "download", "vgg16", "--root", hub.toString(), "--mirror", url);
        assertEquals(1, refused.code(), refused.toString());
        assertEquals(2, refused.err().strip().lines().count(), "announcement, error: " + refused.err());
        assertTrue(refused.err().contains(url + "vgg16-397923af.pth: ConnectException"), refused.err());
    }

    @Test
    void namesAndUsage() throws Exception {
        TrainCommandTest.usage("unknown name 'cifar10'; known: data sets mnist, fashion-mnist; weights resnet18, "
                + "resnet34, resnet50, resnet101, resnet152, vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, "
                + "vgg19_bn or a full name like resnet18_imagenet1k_v1 (--list shows all)", "datasets", "download",
                "cifar10", "--root", tmp.toString());
        TrainCommandTest.usage("--root DIR is required for a data set", "datasets", "download", "mnist");
        TrainCommandTest.usage("From the command line: vireo datasets download mnist --root DIR, then --data-root DIR.",
                "train", "--data", "mnist", "--data-root", tmp.resolve("nowhere").toString(), "--arch", "lenet5");
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        for (String f : new String[]{"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.write(broken.resolve(f), new byte[]{0, 0, 8, 3, 0, 0});
        }
        TrainCommandTest.usage("file ends after 6 bytes. From the command line: vireo datasets download mnist --root DIR",
                "train", "--data", "mnist", "--data-root", broken.toString(), "--arch", "lenet5");
        var list = Cli.run("datasets", "download", "--list");
        assertEquals(0, list.code(), list.toString());
        assertEquals(2 + Weights.values().length, list.out().lines().count(), list.out());
        assertTrue(list.out().contains("resnet50_imagenet1k_v2"), list.out());
        assertFalse(list.out().contains("resnet50_imagenet1k_v1 (resnet50)"));
        assertEquals(0, requests.get(), "nothing is fetched unless asked");
    }
}
