package vireo.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.json.Json;
import vireo.tensor.Tensor;

/**
 * Interop with Python. The committed fixture (written by tools/golden/safetensors_fixture.py with a pure-Python
 * writer, values computed by torch) is always checked; the tests that run Python need /usr/bin/python3 with torch.
 */
class SafeTensorsInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SafeTensorsInteropTest.class.getResource(name).toURI());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void readsTheFileThePythonWriterWrote() throws Exception {
        Path fixture = resource("fixture.safetensors");
        Map<String, Object> expected = json(Files.readString(resource("fixture.expected.json")));
        Map<String, Tensor> read = SafeTensors.read(fixture);
        GoldenFiles.assertMatches(expected, read, false);
        assertEquals(expected.get("__metadata__"), SafeTensors.readMetadata(fixture));
        assertEquals(15, read.size());
    }

    @Test
    void pythonReadsWhatJavaWrote() throws Exception {
        Path script = script();
        assumePythonWithTorch();
        Map<String, Tensor> in = SafeTensorsRoundTripTest.sample();
        Path p = dir.resolve("java.safetensors");
        Map<String, String> metadata = Map.of("format", "pt", "written_by", "vireo ✓");
        SafeTensors.write(in, p, metadata);
        String out = run(PYTHON.toString(), script.toString(), "dump", p.toString());
        Map<String, Object> dumped = json(out);
        GoldenFiles.assertMatches(dumped, SafeTensors.read(p), true);
        // and against the map we wrote, not just our own reading of it
        GoldenFiles.assertMatches(dumped, reorder(in, SafeTensors.read(p)), true);
        assertEquals(metadata, dumped.get("__metadata__"));
    }

    @Test
    void theCommittedFixtureIsWhatTheScriptWrites() throws Exception {
        Path script = script();
        assumePythonWithTorch();
        Path st = dir.resolve("f.safetensors");
        Path js = dir.resolve("f.expected.json");
        run(PYTHON.toString(), script.toString(), "write", st.toString(), js.toString());
        assertArrayEquals(Files.readAllBytes(resource("fixture.safetensors")), Files.readAllBytes(st),
                "regenerate with: tools/golden/safetensors_fixture.py write <resources>/fixture.safetensors ...");
        assertEquals(Files.readString(resource("fixture.expected.json")), Files.readString(js));
    }

    /** {@code in}'s tensors keyed and ordered like {@code order}. */
    private static Map<String, Tensor> reorder(Map<String, Tensor> in, Map<String, Tensor> order) {
        Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        for (String k : order.keySet()) {
            m.put(k, in.get(k));
        }
        return m;
    }

    private static Path script() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path s = d.resolve("tools/golden/safetensors_fixture.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            d = d.getParent();
        }
        throw new AssertionError("tools/golden/safetensors_fixture.py not found above " + Path.of("").toAbsolutePath());
    }

    private static Boolean hasTorch;

    private static synchronized void assumePythonWithTorch() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        if (hasTorch == null) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            hasTorch = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        assumeTrue(hasTorch, "python3 has no torch");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).start();
        byte[] err;
        String out;
        try (var o = p.getInputStream(); var e = p.getErrorStream()) {
            // stderr is small (a traceback at most); read stdout first, then stderr
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            err = e.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + new String(err, StandardCharsets.UTF_8));
        }
        return out;
    }
}
