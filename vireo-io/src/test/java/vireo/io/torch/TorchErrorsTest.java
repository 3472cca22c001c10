package vireo.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;

/** Damaged and hostile files: each fails with a message naming the file and what is wrong, and returns nothing. */
class TorchErrorsTest {

    @TempDir
    Path dir;

    private static TorchFormatException fails(Path p) {
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchCheckpoints.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), "names the file: " + e.getMessage());
        return e;
    }

    private static void assertContains(String expected, TorchFormatException e) {
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private Path copyCut(String fixture, int keep) throws Exception {
        byte[] b = Files.readAllBytes(Resources.fixture(fixture));
        Path p = dir.resolve("cut-" + fixture);
        Files.write(p, Arrays.copyOf(b, keep));
        return p;
    }

    /** A valid Java-written checkpoint with one float tensor of shape [2, 3]. */
    private Path small() throws Exception {
        Path p = dir.resolve("small.pth");
        TorchCheckpoints.write(Map.of("w", Tensor.arange(0, 6, 1).toFloat().view(2, 3)), p);
        return p;
    }

    private static byte[] replace(byte[] in, byte[] from, byte[] to) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String f = new String(from, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(f), "pattern present");
        return s.replace(f, new String(to, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void truncatedZip() throws Exception {
        Path p = copyCut("dtypes.pth", 2000);
        assertContains("not a readable zip archive", fails(p));
    }

    @Test
    void truncatedLegacyFile() throws Exception {
        long size = Files.size(Resources.fixture("legacy.pth"));
        assertContains("truncated", fails(copyCut("legacy.pth", (int) size - 10)));
        assertContains("truncated", fails(copyCut("legacy.pth", 60))); // inside the pickles
    }

    @Test
    void missingDataRecord() throws Exception {
        Path p = Resources.rewrite(small(), dir.resolve("missing.pth"), r -> {
            r.remove("archive/data/0");
            return r;
        });
        assertContains("no record 'archive/data/0' for storage '0'", fails(p));
    }

    @Test
    void missingDataPkl() throws Exception {
        Path p = Resources.rewrite(small(), dir.resolve("nopkl.pth"), r -> {
            r.remove("archive/data.pkl");
            return r;
        });
        assertContains("no record 'archive/data.pkl'", fails(p));
    }

    @Test
    void recordShorterThanItsStorage() throws Exception {
        Path p = Resources.rewrite(small(), dir.resolve("short.pth"), r -> {
            r.put("archive/data/0", Arrays.copyOf(r.get("archive/data/0"), 20));
            return r;
        });
        assertContains("holds 20 bytes, but 6 elements of torch.FloatStorage need 24", fails(p));
    }

    @Test
    void storageTooSmallForOffsetAndSize() throws Exception {
        // the persistent id claims 5 elements; the tensor [2, 3] at offset 0 needs 6
        Path p = Resources.rewrite(small(), dir.resolve("small-storage.pth"), r -> {
            r.put("archive/data.pkl", replace(r.get("archive/data.pkl"), bytes("cpu", 'K', 6), bytes("cpu", 'K', 5)));
            return r;
        });
        TorchFormatException e = fails(p);
        assertContains("tensor 'w'", e);
        assertContains("storage '0' holds 5 elements of torch.FloatStorage, too few for offset 0, size [2, 3]", e);
    }

    private static byte[] bytes(String s, int... tail) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] b = Arrays.copyOf(a, a.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            b[a.length + i] = (byte) tail[i];
        }
        return b;
    }

    private Path withPickle(String name, byte[] pkl) throws Exception {
        return Resources.rewrite(small(), dir.resolve(name), r -> {
            r.put("archive/data.pkl", pkl);
            return r;
        });
    }

    @Test
    void unknownOpcode() throws Exception {
        // protocol 4 framing: 0x95 FRAME, which torch's weights_only reader refuses too
        Path p = withPickle("proto4.pth", new byte[]{(byte) 0x80, 4, (byte) 0x95, 3, 0, 0, 0, 0, 0, 0, 0, '}', '.'});
        assertContains("archive/data.pkl, byte 2: unsupported pickle opcode 0x95", fails(p));
    }

    @Test
    void refusedGlobalInsideAValidStateDict() throws Exception {
        // the refusal happens before any storage is read, wherever the global sits
        byte[] pkl = "\u0080\u0002}q\u0000X\u0001\u0000\u0000\u0000acsubprocess\nPopen\nq\u0001s.".getBytes(
                StandardCharsets.ISO_8859_1);
        Path p = withPickle("popen.pth", pkl);
        assertEquals(p + ": refusing to load global 'subprocess.Popen' (only state dicts of tensors are supported)",
                fails(p).getMessage());
    }

    @Test
    void aContainerInsideItself() throws Exception {
        // l = []; l.append(l)
        Path p = withPickle("cycle.pth", new byte[]{(byte) 0x80, 2, ']', 'q', 0, 'h', 0, 'a', '.'});
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchCheckpoints.readObject(p));
        assertContains("cycle", e);
    }

    @Test
    void pickleWithoutStop() throws Exception {
        Path p = withPickle("nostop.pth", new byte[]{(byte) 0x80, 2, '}'});
        assertContains("truncated", fails(p));
    }

    @Test
    void stackUnderflowAndBadMemo() throws Exception {
        assertContains("stack underflow", fails(withPickle("under.pth", new byte[]{(byte) 0x80, 2, 'R', '.'})));
        assertContains("memo entry 7 is read before it is written",
                fails(withPickle("memo.pth", new byte[]{(byte) 0x80, 2, 'h', 7, '.'})));
    }

    @Test
    void notACheckpoint() throws Exception {
        Path p = dir.resolve("notes.pth");
        Files.writeString(p, "hello");
        assertContains("not a PyTorch checkpoint", fails(p));
        Path empty = dir.resolve("empty.pth");
        Files.write(empty, new byte[0]);
        assertContains("empty file", fails(empty));
    }

    @Test
    void aTorchScriptArchiveIsNamedAsSuch() throws Exception {
        Path p = Resources.rewrite(small(), dir.resolve("scripted.pt"), r -> {
            r.remove("archive/data.pkl");
            r.put("archive/constants.pkl", new byte[]{(byte) 0x80, 2, ')', '.'});
            return r;
        });
        assertContains("TorchScript", fails(p));
    }

    @Test
    void anUnknownByteOrder() throws Exception {
        Path p = Resources.rewrite(small(), dir.resolve("order.pth"), r -> {
            r.put("archive/byteorder", "middle".getBytes(StandardCharsets.US_ASCII));
            return r;
        });
        assertContains("holds 'middle', expected 'little' or 'big'", fails(p));
    }
}
