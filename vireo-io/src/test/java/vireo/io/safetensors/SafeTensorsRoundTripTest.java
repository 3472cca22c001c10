package vireo.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.TensorFiles;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

class SafeTensorsRoundTripTest {

    @TempDir
    Path dir;

    static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("fc.weight", Tensor.fromArray(new float[]{1.5f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f}, 2, 4));
        m.put("fc.bias", Tensor.of(-1f, 2f));
        m.put("bn.num_batches_tracked", Tensor.scalarLong(7));
        m.put("labels", Tensor.fromArray(new long[]{Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 42, 3}, 3, 2));
        m.put("mask", Tensor.fromArray(new float[]{1, 0, 1, 1, 0}, 5).toType(DType.BOOL));
        m.put("scalar", Tensor.scalar(3.5f));
        m.put("empty", Tensor.zeros(0, 3));
        m.put("empty.long", Tensor.fromArray(new long[0], 4, 0));
        m.put("empty.mask", Tensor.zeros(0).toType(DType.BOOL));
        m.put("ünïcødé \"name\"/\\\n", Tensor.of(9f));
        return m;
    }

    static void assertSameTensor(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), name + " dtype");
        assertArrayEquals(expected.shape(), actual.shape(), name + " shape");
        if (expected.dtype() == DType.INT64) {
            assertArrayEquals(expected.toLongArray(), actual.toLongArray(), name);
        } else {
            float[] e = expected.toFloatArray();
            float[] a = actual.toFloatArray();
            assertEquals(e.length, a.length, name);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void roundTripsEveryDtypeIncludingScalarsAndEmptyTensors() throws IOException {
        Map<String, Tensor> in = sample();
        Path p = dir.resolve("model.safetensors");
        SafeTensors.write(in, p, Map.of("format", "pt"));
        Map<String, Tensor> out = SafeTensors.read(p);
        assertEquals(in.keySet(), out.keySet());
        for (String k : in.keySet()) {
            assertSameTensor(k, in.get(k), out.get(k));
        }
        assertEquals(Map.of("format", "pt"), SafeTensors.readMetadata(p));
    }

    @Test
    void layoutFollowsThePythonWriter() throws IOException {
        Path p = dir.resolve("layout.safetensors");
        SafeTensors.write(sample(), p, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"}"), header);
        int end = 8 + (int) n;
        int spaces = 0;
        while (bytes[end - 1 - spaces] == ' ') {
            spaces++;
        }
        assertTrue(spaces < 8 && bytes[end - 1 - spaces] == '}', "JSON then at most 7 spaces of padding");
        // Read order is data order: alignment descending (I64 = 8, F32 = 4, BOOL = 1), then name.
        List<String> order = new ArrayList<>(SafeTensors.read(p).keySet());
        assertEquals(List.of("bn.num_batches_tracked", "empty.long", "labels", "empty", "fc.bias", "fc.weight",
                "scalar", "ünïcødé \"name\"/\\\n", "empty.mask", "mask"), order);
    }

    @Test
    void emptyMapAndNoMetadata() throws IOException {
        Path p = dir.resolve("empty.safetensors");
        SafeTensors.write(Map.of(), p);
        assertEquals(16, Files.size(p), "8-byte length + '{}' padded to 8");
        assertTrue(SafeTensors.read(p).isEmpty());
        assertTrue(SafeTensors.readMetadata(p).isEmpty());
    }

    @Test
    void viewsAreWrittenInLogicalOrder() throws IOException {
        Tensor base = Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = base.t();                         // [3, 2], not contiguous
        Tensor row = base.select(0, 1);              // [3], offset 3
        Tensor first = base.narrow(0, 0, 1);         // [1, 3], offset 0 but a prefix of the storage
        Tensor longs = Tensor.fromArray(new long[]{1, 2, 3, 4}, 2, 2).t();
        Tensor longRow = Tensor.fromArray(new long[]{1, 2, 3, 4}, 2, 2).select(0, 1);
        Tensor maskRow = Tensor.fromArray(new float[]{0, 1, 1, 0}, 2, 2).toType(DType.BOOL).select(0, 1);
        Path p = dir.resolve("views.safetensors");
        SafeTensors.write(Map.of("t", t, "row", row, "first", first, "longs", longs, "longRow", longRow,
                "maskRow", maskRow), p);
        Map<String, Tensor> out = SafeTensors.read(p);
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, out.get("t").toFloatArray());
        assertArrayEquals(new int[]{3, 2}, out.get("t").shape());
        assertArrayEquals(new float[]{4, 5, 6}, out.get("row").toFloatArray());
        assertArrayEquals(new float[]{1, 2, 3}, out.get("first").toFloatArray());
        assertArrayEquals(new long[]{1, 3, 2, 4}, out.get("longs").toLongArray());
        assertArrayEquals(new long[]{3, 4}, out.get("longRow").toLongArray());
        assertArrayEquals(new float[]{1, 0}, out.get("maskRow").toFloatArray());
        assertEquals(DType.BOOL, out.get("maskRow").dtype());
    }

    @Test
    void tensorsLargerThanTheStreamingBufferRoundTrip() throws IOException {
        int n = 700_001; // 2.8 MB: crosses several 1 MiB chunks and ends mid-chunk
        float[] v = new float[n];
        long[] w = new long[n / 3];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.25f - 7f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (long) i * 1_000_003L;
        }
        Path p = dir.resolve("big.safetensors");
        SafeTensors.write(Map.of("v", Tensor.fromArray(v, n), "w", Tensor.fromArray(w, w.length)), p);
        Map<String, Tensor> out = SafeTensors.read(p);
        assertArrayEquals(v, out.get("v").toFloatArray());
        assertArrayEquals(w, out.get("w").toLongArray());
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path p = dir.resolve("m.safetensors");
        SafeTensors.write(Map.of("a", Tensor.of(1f, 2f, 3f)), p);
        SafeTensors.write(Map.of("b", Tensor.of(4f)), p);
        assertEquals(List.of("b"), List.copyOf(SafeTensors.read(p).keySet()));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void writerRefusesWhatTheFormatCannotHold() {
        Path p = dir.resolve("bad.safetensors");
        var e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.write(Map.of("__metadata__", Tensor.of(1f)), p));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        Map<String, Tensor> nul = new LinkedHashMap<>();
        nul.put("x", null);
        e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.write(nul, p));
        assertTrue(e.getMessage().contains("'x' is null"), e.getMessage());
        e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.write(Map.of("bad\uD800", Tensor.of(1f)), p));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertTrue(Files.notExists(p));
    }

    @Test
    void facadeChoosesTheFormatFromTheName() throws IOException {
        Path p = dir.resolve("sd.SafeTensors");
        TensorFiles.save(Map.of("w", Tensor.of(1f, 2f)), p);
        assertArrayEquals(new float[]{1f, 2f}, TensorFiles.load(p).get("w").toFloatArray());
        assertEquals(Map.of("format", "pt"), SafeTensors.readMetadata(p));
        var e = assertThrows(IOException.class, () -> TensorFiles.load(dir.resolve("x.bin")));
        assertTrue(e.getMessage().contains("x.bin") && e.getMessage().contains(".safetensors"), e.getMessage());
    }
}
