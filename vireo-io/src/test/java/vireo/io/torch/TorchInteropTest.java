package vireo.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;

/**
 * Interop with torch itself, through tools/golden/torch_checkpoints.py. Needs /usr/bin/python3 with torch (and
 * torchvision for the ResNet test); skipped where they are missing.
 */
class TorchInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void torchLoadsWhatJavaWroteWithWeightsOnly() throws Exception {
        assumePython("torch");
        Map<String, Tensor> in = TorchRoundTripTest.sample();
        Path p = dir.resolve("java.pth");
        TorchCheckpoints.write(in, p);
        String dumped = run(script().toString(), "dump", p.toString()); // torch.load(p, weights_only=True)
        ExpectedTensors.assertMatches(dumped, in);
    }

    @Test
    void readsAFreshTorchvisionResnet18() throws Exception {
        assumePython("torchvision");
        Path p = dir.resolve("resnet18.pth");
        Path expected = dir.resolve("resnet18.expected.txt");
        run(script().toString(), "resnet18", p.toString(), expected.toString());
        Map<String, Tensor> sd = TorchCheckpoints.read(p);
        assertEquals(122, sd.size(), "resnet18 state_dict entries (102 without num_batches_tracked + 20)");
        assertEquals(List.of(64, 3, 7, 7), List.of(sd.get("conv1.weight").size(0), sd.get("conv1.weight").size(1),
                sd.get("conv1.weight").size(2), sd.get("conv1.weight").size(3)));
        ExpectedTensors.assertMatches(Files.readString(expected), sd);
    }

    private static Path script() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path s = d.resolve("tools/golden/torch_checkpoints.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            d = d.getParent();
        }
        throw new AssertionError("tools/golden/torch_checkpoints.py not found above " + Path.of("").toAbsolutePath());
    }

    private static final Map<String, Boolean> HAS = new java.util.HashMap<>();

    private static synchronized void assumePython(String module) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Boolean has = HAS.get(module);
        if (has == null) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            has = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            HAS.put(module, has);
        }
        assumeTrue(has, "python3 has no " + module);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (var o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            // rerun for the traceback: stderr was discarded so stdout could not block on a full pipe
            Process again = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String all = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            again.waitFor(300, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + all);
        }
        return out;
    }
}
