package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.torch.TorchCheckpoints;
import vireo.tensor.Tensor;

/**
 * Downloads of weights from a loopback HTTP server on 127.0.0.1 (nothing leaves the machine): small fake checkpoints
 * written by vireo-io, named as torch.hub names files, with the right hash prefix or a tampered body.
 */
class WeightsDownloadTest {

    @TempDir
    Path tmp;
    Path cache;

    HttpServer server;
    /** path → body; a missing path is a 404. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        cache = tmp.resolve("hub");
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

    List<URI> mirror() {
        return List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/"));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    List<String> cacheListing() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, Tensor> tinyStateDict() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("fc.weight", Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3));
        sd.put("fc.bias", Tensor.fromArray(new float[]{-0.5f, 0.25f}, 2));
        sd.put("bn.num_batches_tracked", Tensor.fromArray(new long[]{7}));
        return sd;
    }

    /** The bytes of a .pth holding {@code sd}, as vireo-io writes it. */
    byte[] pth(Map<String, Tensor> sd) throws IOException {
        Path f = tmp.resolve("made.pth");
        TorchCheckpoints.write(sd, f);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        return b;
    }

    @Test
    void fileNamedWithItsHashPrefixDownloadsVerifiesAndLoads() throws Exception {
        byte[] body = pth(tinyStateDict());
        String name = "tiny-" + sha256(body).substring(0, 10) + ".pth";
        files.put("/models/" + name, body);
        WeightsFile file = WeightsFile.hubNamed(name);
        assertTrue(file.checksum().prefix());

        Path got = file.download(cache, mirror());
        assertEquals(cache.resolve(name), got);
        assertArrayEquals(body, Files.readAllBytes(got));
        assertEquals(List.of(name), cacheListing(), "no temporary file left beside it");
        assertEquals(1, requests.get());

        Map<String, Tensor> sd = file.load(cache);
        assertEquals(List.of("fc.weight", "fc.bias", "bn.num_batches_tracked"), List.copyOf(sd.keySet()));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, sd.get("fc.weight").toFloatArray());
        assertArrayEquals(new int[]{2, 3}, sd.get("fc.weight").shape());
        assertArrayEquals(new float[]{-0.5f, 0.25f}, sd.get("fc.bias").toFloatArray());
    }

    @Test
    void aVerifiedFileInTheCacheIsReusedWithoutTheNetwork() throws Exception {
        byte[] body = pth(tinyStateDict());
        String name = "tiny-" + sha256(body).substring(0, 8) + ".pth";
        files.put("/models/" + name, body);
        WeightsFile file = WeightsFile.hubNamed(name, sha256(body));
        file.download(cache, mirror());
        assertEquals(1, requests.get());

        assertEquals(cache.resolve(name), file.download(cache, mirror()));
        files.clear(); // even with the server no longer serving it
        assertEquals(cache.resolve(name), file.download(cache, mirror()));
        assertEquals(1, requests.get(), "the cached, verified file is used as it is");
        assertEquals(3, file.load(cache).size());
    }

    @Test
    void aTamperedDownloadIsRefusedAndLeavesNothing() throws Exception {
        byte[] body = pth(tinyStateDict());
        String prefix = sha256(body).substring(0, 8);
        String name = "tiny-" + prefix + ".pth";
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        files.put("/models/" + name, tampered);

        var e = assertThrows(IOException.class, () -> WeightsFile.hubNamed(name).download(cache, mirror()));
        assertTrue(e.getMessage().contains("checksum mismatch, expected SHA-256 beginning " + prefix
                + ", received " + sha256(tampered)), e.getMessage());
        assertEquals(List.of(), cacheListing(), "no half file, no leftover .part");
        assertThrows(NoSuchFileException.class, () -> WeightsFile.hubNamed(name).load(cache));
    }

    @Test
    void aFullDigestIsCheckedBeyondThePrefix() throws Exception {
        byte[] body = pth(tinyStateDict());
        String real = sha256(body);
        String name = "tiny-" + real.substring(0, 8) + ".pth";
        files.put("/models/" + name, body);
        // Same first 8 digits as the file, different after: only the full digest can tell.
        String other = real.substring(0, 8) + (real.charAt(8) == '0' ? '1' : '0') + real.substring(9);
        WeightsFile strict = WeightsFile.hubNamed(name, other);
        assertFalse(strict.checksum().prefix());
        var e = assertThrows(IOException.class, () -> strict.download(cache, mirror()));
        assertTrue(e.getMessage().contains("expected SHA-256 " + other + ", received " + real), e.getMessage());
        assertEquals(List.of(), cacheListing());
    }

    @Test
    void registryFilesServedWithOtherBytesAreRefused() throws Exception {
        Weights w = Weights.RESNET18_IMAGENET1K_V1;
        files.put("/models/" + w.fileName(), pth(tinyStateDict()));
        var e = assertThrows(IOException.class, () -> w.download(cache, mirror()));
        assertTrue(e.getMessage().startsWith("resnet18-f37072fd.pth: download failed from every mirror"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected SHA-256 "
                + "f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec"), e.getMessage());
        assertEquals(List.of(), cacheListing());

        Weights prefixOnly = Weights.VGG11_IMAGENET1K_V1;
        files.put("/models/" + prefixOnly.fileName(), pth(tinyStateDict()));
        var e2 = assertThrows(IOException.class, () -> prefixOnly.download(cache, mirror()));
        assertTrue(e2.getMessage().contains("expected SHA-256 beginning 8a719046"), e2.getMessage());
        assertEquals(List.of(), cacheListing());
    }

    @Test
    void aCorruptFileAlreadyInTheCacheIsReportedAndLeftAlone() throws Exception {
        Weights w = Weights.RESNET50_IMAGENET1K_V1;
        Files.createDirectories(cache);
        byte[] junk = {1, 2, 3};
        Files.write(cache.resolve(w.fileName()), junk);
        files.put("/models/" + w.fileName(), junk);

        var e = assertThrows(IOException.class, () -> w.download(cache, mirror()));
        assertTrue(e.getMessage().contains("checksum mismatch, expected SHA-256 0676ba61"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to download it again"), e.getMessage());
        assertThrows(IOException.class, () -> w.load(cache));
        assertEquals(0, requests.get(), "a file in the cache is never silently replaced");
        assertArrayEquals(junk, Files.readAllBytes(cache.resolve(w.fileName())));
    }

    @Test
    void nothingIsDownloadedUnlessAsked() throws Exception {
        files.put("/models/" + Weights.RESNET18_IMAGENET1K_V1.fileName(), new byte[1]);
        var e = assertThrows(NoSuchFileException.class, () -> Weights.RESNET18_IMAGENET1K_V1.load(cache));
        assertTrue(e.getMessage().contains("call download(cacheDir) first"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Weights.RESNET18_IMAGENET1K_V1.pretrained(cache));
        assertEquals(0, requests.get());
        assertFalse(Files.exists(cache), "not even the cache directory is created");
    }

    @Test
    void aWholeResNetStateDictGoesThroughDownloadAndStrictLoad() throws Exception {
        // A real architecture's state dict (ResNet-18: 62 tensors, 47 MB) through the same path as the registry's.
        ResNet source = ResNet.resnet18();
        byte[] body = pth(source.stateDict());
        String name = "resnet18-" + sha256(body).substring(0, 8) + ".pth";
        files.put("/models/" + name, body);
        WeightsFile file = WeightsFile.hubNamed(name);
        file.download(cache, mirror());

        ResNet target = ResNet.resnet18();
        target.loadStateDict(file.load(cache));
        Map<String, Tensor> want = source.stateDict();
        Map<String, Tensor> got = target.stateDict();
        assertEquals(want.keySet(), got.keySet());
        for (String k : want.keySet()) {
            assertArrayEquals(want.get(k).toFloatArray(), got.get(k).toFloatArray(), k);
        }
    }
}
