package vireo.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.TensorFiles;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/** Java writes, Java reads; and the archive has the layout torch writes. */
class TorchRoundTripTest {

    @TempDir
    Path dir;

    /** Every dtype, 0-d, empty, a non-contiguous view, a 5-d shape (tuple written with MARK), a non-ASCII key. */
    static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("conv1.weight", Tensor.arange(0, 54, 1).toFloat().div(7f).view(2, 3, 3, 3));
        m.put("special", Tensor.of(Float.NaN, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE, Float.MAX_VALUE));
        m.put("bn1.num_batches_tracked", Tensor.scalarLong(300));
        m.put("scalar", Tensor.scalar(-1.25f));
        m.put("labels", Tensor.fromArray(new long[]{Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 70000, 1L << 40}, 2, 3));
        m.put("mask", Tensor.of(1, 0, 0, 1).toType(DType.BOOL));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("transposed", Tensor.arange(0, 12, 1).toFloat().view(3, 4).t());
        m.put("five_d", Tensor.arange(0, 32, 1).toFloat().view(1, 2, 2, 2, 4));
        m.put("größe.λ", Tensor.of(3f));
        return m;
    }

    static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        for (String k : expected.keySet()) {
            Tensor e = expected.get(k);
            Tensor a = actual.get(k);
            assertEquals(e.dtype(), a.dtype(), k);
            assertArrayEquals(e.shape(), a.shape(), k);
            if (e.dtype() == DType.INT64) {
                assertArrayEquals(e.toLongArray(), a.toLongArray(), k);
            } else {
                float[] ev = e.toFloatArray();
                float[] av = a.toFloatArray();
                for (int i = 0; i < ev.length; i++) {
                    assertEquals(Float.floatToRawIntBits(ev[i]), Float.floatToRawIntBits(av[i]), k + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void roundTripsEveryKindOfTensor() throws Exception {
        Path p = dir.resolve("model.pth");
        TorchCheckpoints.write(sample(), p);
        assertSameTensors(sample(), TorchCheckpoints.read(p));
        assertSameTensors(sample(), TensorFiles.load(p));
    }

    @Test
    void anEmptyMapIsAnEmptyOrderedDict() throws Exception {
        Path p = dir.resolve("empty.pt");
        TensorFiles.save(Map.of(), p);
        assertEquals(Map.of(), TorchCheckpoints.read(p));
        assertEquals(new LinkedHashMap<>(), TorchCheckpoints.readObject(p));
    }

    @Test
    void theArchiveIsLaidOutLikeTorchs() throws Exception {
        Path p = dir.resolve("model.pth");
        TorchCheckpoints.write(sample(), p);
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(p.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
            }
        }
        List<String> expected = new ArrayList<>(List.of("archive/data.pkl", "archive/byteorder"));
        for (int i = 0; i < sample().size(); i++) {
            expected.add("archive/data/" + i);
        }
        expected.add("archive/version");
        assertEquals(expected, names);
        Map<String, byte[]> records = Resources.records(p);
        assertEquals("3\n", new String(records.get("archive/version")));
        assertEquals("little", new String(records.get("archive/byteorder")));
        assertEquals(2 * 3 * 3 * 3 * 4, records.get("archive/data/0").length);
        assertEquals(6 * 8, records.get("archive/data/4").length, "int64 storage");
        assertEquals(4, records.get("archive/data/5").length, "bool storage: one byte each");
        assertEquals(0, records.get("archive/data/6").length);

        // Every record's data starts on a 64-byte boundary: walk the local headers.
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int count = 0;
        while (b.getInt(at) == 0x04034b50) {
            int size = b.getInt(at + 22);
            int start = at + 30 + (b.getShort(at + 26) & 0xffff) + (b.getShort(at + 28) & 0xffff);
            assertEquals(0, start % 64, "data of record " + count + " at " + start);
            assertEquals('F', b.get(at + 30 + (b.getShort(at + 26) & 0xffff)), "torch's padding field id");
            at = start + size;
            count++;
        }
        assertEquals(expected.size(), count);

        // No data descriptors, CRCs right: even ZipInputStream (which checks CRCs) reads it.
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(p))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                assertArrayEquals(records.get(e.getName()), zin.readAllBytes(), e.getName());
            }
        }
    }

    @Test
    void thePickleUsesOnlyProtocol2() throws Exception {
        Path p = dir.resolve("model.pth");
        TorchCheckpoints.write(sample(), p);
        byte[] pkl = Resources.records(p).get("archive/data.pkl");
        assertEquals(0x80, pkl[0] & 0xff);
        assertEquals(2, pkl[1]);
        assertEquals('.', pkl[pkl.length - 1]);
        String text = new String(pkl, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("ctorch._utils\n_rebuild_tensor_v2\n"));
        assertEquals(1, text.split("ccollections\nOrderedDict\n", -1).length - 1, "the global is memoized");
    }

    @Test
    void writingIsDeterministic() throws Exception {
        Path a = dir.resolve("a.pth");
        Path b = dir.resolve("b.pth");
        TorchCheckpoints.write(sample(), a);
        TorchCheckpoints.write(sample(), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void aFailedWriteLeavesThePreviousFile() throws Exception {
        Path p = dir.resolve("model.pth");
        TorchCheckpoints.write(Map.of("w", Tensor.of(1f, 2f)), p);
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("w", Tensor.of(1f));
        bad.put("broken", null);
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchCheckpoints.write(bad, p));
        assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void largeTensorsStreamThroughTheChunkBuffer() throws Exception {
        // more than one 1 MiB chunk for float, int64 and bool
        int n = 700_000;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("f", Tensor.arange(0, n, 1).toFloat());
        m.put("l", Tensor.arange(0, n, 1));
        m.put("b", Tensor.rand(3 * n).gt(0.5f));
        Path p = dir.resolve("big.pth");
        TorchCheckpoints.write(m, p);
        Map<String, Tensor> r = TorchCheckpoints.read(p);
        assertSameTensors(m, r);
        assertNotNull(r.get("b"));
    }
}
