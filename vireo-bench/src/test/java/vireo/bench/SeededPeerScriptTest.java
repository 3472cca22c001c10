package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/seeded_peer.py}, which {@code bench/compare --seeds} puts before the shared PyTorch peer script: the
 * peer's own {@code torch.manual_seed(1)} must seed with the given seed, and the peer must get its arguments as they
 * were. A stand-in {@code torch} module records the call, so the test needs python3 but not PyTorch.
 */
class SeededPeerScriptTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Path script = Path.of("..", "bench", "seeded_peer.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "the script is in the checkout: " + script);
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", tmp.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException noPython) {
            assumeTrue(false, "needs python3 on the PATH");
            throw noPython;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void thePeersFixedSeedBecomesTheGivenOneAndItsArgumentsPassThrough() throws Exception {
        Files.writeString(tmp.resolve("torch.py"), "def manual_seed(s):\n    print('seeded', s)\n");
        Path peer = Files.writeString(tmp.resolve("peer.py"),
                "import sys, torch\ntorch.manual_seed(1)\nprint('args', sys.argv[1:])\n");
        var r = run("7", peer.toString(), "--threads", "2", "--only", "lenet");
        assertEquals(0, r.code(), r.out());
        assertEquals("seeded 7\nargs ['--threads', '2', '--only', 'lenet']\n", r.out());
    }

    @Test
    void aSeedThatIsNotANumberIsAUsageError() throws Exception {
        Files.writeString(tmp.resolve("torch.py"), "def manual_seed(s):\n    pass\n");
        var r = run("seven", "peer.py");
        assertNotEquals(0, r.code());
        assertTrue(r.out().contains("usage: seeded_peer.py SEED PEER_SCRIPT") && r.out().contains("'seven'"), r.out());
    }
}
