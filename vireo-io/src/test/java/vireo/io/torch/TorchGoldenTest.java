package vireo.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vireo.io.TensorFiles;
import vireo.tensor.Tensor;

/**
 * The committed checkpoints torch 1.13 wrote (tools/golden/torch_checkpoints.py), read against the values torch
 * computed for them. These run everywhere: no Python needed.
 */
class TorchGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"dtypes", "views", "legacy", "bigendian", "bigendian_legacy", "parameters", "nested"})
    void readsWhatTorchWrote(String name) throws Exception {
        Map<String, Tensor> read = TorchCheckpoints.read(Resources.fixture(name + ".pth"));
        ExpectedTensors.assertMatches(Resources.text(name + ".expected.txt"), read);
    }

    @Test
    void theFixturesAreTheFormatsTheyClaim() throws Exception {
        // zip with a root directory named after the file stem (not "archive"), and a big-endian one whose root
        // is neither: the reader must take the root from the first entry
        assertTrue(Resources.records(Resources.fixture("dtypes.pth")).containsKey("dtypes/data.pkl"));
        Map<String, byte[]> be = Resources.records(Resources.fixture("bigendian.pth"));
        assertEquals("big", new String(be.get("bigendian_src/byteorder")));
        byte[] legacy = java.nio.file.Files.readAllBytes(Resources.fixture("legacy.pth"));
        assertEquals(0x80, legacy[0] & 0xff, "legacy: a pickle stream, not a zip");
    }

    @Test
    void zipInputStreamCannotReadTorchFilesSoTheReaderUsesZipFile() throws Exception {
        // torch's STORED entries carry data descriptors (flag 0x08); the spec's inference, checked on a real file
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(
                Resources.fixture("dtypes.pth")))) {
            java.util.zip.ZipException e = assertThrows(java.util.zip.ZipException.class, () -> {
                while (in.getNextEntry() != null) {
                    in.readAllBytes();
                }
            });
            assertTrue(e.getMessage().contains("EXT descriptor"), e.getMessage());
        }
    }

    @Test
    void theTensorFilesFacadeReadsPth() throws Exception {
        ExpectedTensors.assertMatches(Resources.text("views.expected.txt"),
                TensorFiles.load(Resources.fixture("views.pth")));
    }

    @Test
    void readStateDictTakesOneEntryOfAWrappingDict() throws Exception {
        Path p = Resources.fixture("nested.pth");
        Map<String, Tensor> sd = TorchCheckpoints.readStateDict(p, "state_dict");
        assertEquals(List.of("conv.weight", "bn.running_var", "bn.num_batches_tracked"), List.copyOf(sd.keySet()));
        Map<String, Tensor> flat = TorchCheckpoints.read(p);
        for (var e : sd.entrySet()) {
            Tensor t = flat.get("state_dict." + e.getKey());
            assertEquals(t.describe(), e.getValue().describe());
            assertTrue(java.util.Arrays.equals(t.toFloatArray(), e.getValue().toFloatArray()), e.getKey());
        }
        assertEquals(12L, sd.get("bn.num_batches_tracked").itemLong());

        TorchFormatException missing = assertThrows(TorchFormatException.class,
                () -> TorchCheckpoints.readStateDict(p, "model"));
        assertTrue(missing.getMessage().startsWith(p + ": the checkpoint has no entry 'model'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("state_dict"), "lists what is there: " + missing.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void readObjectKeepsThePlainValues() throws Exception {
        Map<Object, Object> ckpt = (Map<Object, Object>) TorchCheckpoints.readObject(Resources.fixture("nested.pth"));
        assertEquals(List.of("epoch", "state_dict", "best_acc", "arch", "note", "flags", "big", "optimizer"),
                List.copyOf(ckpt.keySet()));
        assertEquals(3L, ckpt.get("epoch"));
        assertEquals(0.91, ckpt.get("best_acc"));
        assertEquals("tiny", ckpt.get("arch"));
        assertTrue(ckpt.containsKey("note"));
        assertNull(ckpt.get("note"));
        assertEquals(List.of(true, false), ckpt.get("flags"));
        assertEquals(BigInteger.TWO.pow(70), ckpt.get("big"));
        Map<Object, Object> opt = (Map<Object, Object>) ckpt.get("optimizer");
        Map<Object, Object> state = (Map<Object, Object>) opt.get("state");
        Map<Object, Object> s0 = (Map<Object, Object>) state.get(0L); // int keys stay ints
        assertInstanceOf(Tensor.class, s0.get("momentum_buffer"));
        List<Object> groups = (List<Object>) opt.get("param_groups");
        Map<Object, Object> g0 = (Map<Object, Object>) groups.get(0);
        assertEquals(0.1, g0.get("lr"));
        assertEquals(List.of(0L, 1L), g0.get("params"));
        Map<Object, Object> sd = (Map<Object, Object>) ckpt.get("state_dict");
        assertInstanceOf(LinkedHashMap.class, sd);
        assertEquals(3, sd.size());
    }

    @Test
    void sharedStorageViewsLoadAsIndependentTensors() throws Exception {
        Map<String, Tensor> v = TorchCheckpoints.read(Resources.fixture("views.pth"));
        Tensor base = v.get("base");
        Tensor transposed = v.get("transposed");
        base.floats()[1] = 100f; // writing one must not show through another
        assertEquals(6f, transposed.get(0, 1));
        assertEquals(1f, transposed.get(1, 0));
        assertFalse(v.get("row").toFloatArray()[0] == 100f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"malicious_system", "malicious_legacy"})
    void refusesOsSystem(String name) {
        Path p = Resources.fixture(name + ".pth");
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchCheckpoints.read(p));
        assertEquals(p + ": refusing to load global 'posix.system' (only state dicts of tensors are supported)",
                e.getMessage());
        // every entry point uses the same unpickler
        assertThrows(TorchFormatException.class, () -> TorchCheckpoints.readObject(p));
        assertThrows(TorchFormatException.class, () -> TensorFiles.load(p));
    }

    @Test
    void refusesBuiltinsEval() {
        Path p = Resources.fixture("malicious_eval.pth");
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchCheckpoints.read(p));
        // protocol 2 writes Python 3's builtins under their Python 2 module name
        assertEquals(p + ": refusing to load global '__builtin__.eval' (only state dicts of tensors are supported)",
                e.getMessage());
    }
}
