package vireo.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vireo.io.safetensors.Files8.file;
import static vireo.io.safetensors.Files8.floatsLE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;

/** Every broken file is refused as a whole, with a message naming the file, the tensor and expected vs found. */
class SafeTensorsValidationTest {

    @TempDir
    Path dir;

    private static final String W = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":";

    /** Asserts that reading (and reading the metadata) fails with a message holding every fragment. */
    private void refused(Path p, String... fragments) {
        refused(true, p, fragments);
    }

    private void refused(boolean headerProblem, Path p, String... fragments) {
        for (boolean metadataOnly : headerProblem ? new boolean[]{false, true} : new boolean[]{false}) {
            var e = assertThrows(SafeTensorsFormatException.class,
                    () -> {
                        if (metadataOnly) {
                            SafeTensors.readMetadata(p);
                        } else {
                            SafeTensors.read(p);
                        }
                    });
            String m = e.getMessage();
            assertTrue(m.startsWith(p.toString() + ": "), m);
            for (String f : fragments) {
                assertTrue(m.contains(f), "expected '" + f + "' in: " + m);
            }
        }
    }

    @Test
    void theBriefsExampleMessage() throws IOException {
        String h = "{\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[100,100],\"data_offsets\":[0,40000]}}";
        Path p = file(dir, "model.safetensors", h, new byte[1200]);
        refused(p, "tensor 'fc.weight' claims bytes [0, 40000) but the data section holds 1200 bytes");
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path p = dir.resolve("tiny.safetensors");
        Files.write(p, new byte[]{1, 2, 3});
        refused(p, "the file is 3 bytes", "8-byte header length");
    }

    @Test
    void headerLengthPastTheEnd() throws IOException {
        byte[] h = "{}".getBytes(StandardCharsets.UTF_8);
        refused(file(dir, "a.safetensors", 500, h, new byte[0]), "header length is 500 bytes but only 2 bytes follow");
    }

    @Test
    void headerLengthAboveTheLimit() throws IOException {
        refused(file(dir, "a.safetensors", 100_000_001L, new byte[16], new byte[0]),
                "header length is 100000001 bytes; at most 100000000");
        refused(file(dir, "b.safetensors", -1L, new byte[16], new byte[0]), "18446744073709551615");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        refused(file(dir, "a.safetensors", "{\"x\": nope}", new byte[0]), "not valid JSON", "expected 'null', received 'n' at character 6");
        refused(file(dir, "b.safetensors", "[1, 2]", new byte[0]), "must be a JSON object starting with '{'");
        refused(file(dir, "c.safetensors", "{} {}", new byte[0]), "expected the end of the JSON text");
        refused(file(dir, "d.safetensors", "{\"a\":1,}", new byte[0]), "not valid JSON");
        refused(file(dir, "e.safetensors", "", new byte[0]), "an empty header");
        refused(file(dir, "f.safetensors", "{\"a\":NaN}", new byte[0]), "not valid JSON");
        byte[] badUtf8 = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
        refused(file(dir, "g.safetensors", badUtf8.length, badUtf8, new byte[0]), "not valid UTF-8");
    }

    @Test
    void duplicateKeys() throws IOException {
        String h = "{\"w\":" + W + "[0,8]},\"w\":" + W + "[8,16]}}";
        refused(file(dir, "dup.safetensors", h, new byte[16]), "duplicate key \"w\"");
        String inner = "{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        refused(file(dir, "dup2.safetensors", inner, new byte[8]), "duplicate key \"dtype\"");
    }

    @Test
    void badDtype() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F17\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        refused(file(dir, "a.safetensors", h, new byte[8]), "tensor 'w'", "unsupported dtype \"F17\"", "F32");
        String num = "{\"w\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}";
        refused(file(dir, "b.safetensors", num, new byte[8]), "tensor 'w': dtype must be a string, received 4");
    }

    @Test
    void badShapes() throws IOException {
        refused(file(dir, "a.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                new byte[8]), "tensor 'w': shape[0]: expected a non-negative integer, received -2");
        refused(file(dir, "b.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}",
                new byte[8]), "shape[0]: expected a non-negative integer, received 2.0");
        refused(file(dir, "c.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}",
                new byte[8]), "tensor 'w': shape must be an array");
        refused(file(dir, "d.safetensors",
                "{\"w\":{\"dtype\":\"U8\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", new byte[8]),
                "tensor 'w'", "more than 2147483647 elements");
        refused(file(dir, "e.safetensors",
                "{\"w\":{\"dtype\":\"U8\",\"shape\":[0,4294967296],\"data_offsets\":[0,0]}}", new byte[0]),
                "tensor 'w': shape[1] is 4294967296");
        refused(file(dir, "f.safetensors", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", new byte[8]),
                "tensor 'w': missing \"shape\"");
        refused(file(dir, "g.safetensors", "{\"w\":[1,2]}", new byte[0]), "tensor 'w': expected an object");
    }

    @Test
    void badOffsets() throws IOException {
        refused(file(dir, "a.safetensors", "{\"w\":" + W + "[0]}}", new byte[8]),
                "tensor 'w': data_offsets must be [begin, end], received an array of 1 [0]");
        refused(file(dir, "b.safetensors", "{\"w\":" + W + "[8,0]}}", new byte[8]), "end before they begin");
        refused(file(dir, "c.safetensors", "{\"w\":" + W + "[0,-8]}}", new byte[8]), "data_offsets[1]");
        refused(file(dir, "d.safetensors", "{\"w\":" + W + "[0,99999999999999999999]}}", new byte[8]),
                "data_offsets[1] is 99999999999999999999, too large");
        refused(file(dir, "e.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"offsets\":[0,8]}}",
                new byte[8]), "tensor 'w': missing \"data_offsets\"");
    }

    @Test
    void wrongByteCount() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,20]}}";
        refused(file(dir, "a.safetensors", h, new byte[20]),
                "tensor 'w': dtype F32 and shape [3, 2] need 6 x 4 = 24 bytes, but data_offsets [0, 20) span 20");
    }

    @Test
    void gapsAndOverlaps() throws IOException {
        refused(file(dir, "gap0.safetensors", "{\"w\":" + W + "[4,12]}}", new byte[12]),
                "tensor 'w' starts at byte 4 but the data section starts at byte 0");
        refused(file(dir, "gap.safetensors", "{\"a\":" + W + "[0,8]},\"b\":" + W + "[12,20]}}", new byte[20]),
                "tensor 'b' starts at byte 12 but the previous tensor 'a' ends at byte 8", "without gaps");
        refused(file(dir, "overlap.safetensors", "{\"a\":" + W + "[0,8]},\"b\":" + W + "[4,12]}}", new byte[12]),
                "tensor 'b' claims bytes [4, 12), overlapping tensor 'a' at bytes [0, 8)");
        refused(file(dir, "same.safetensors", "{\"a\":" + W + "[0,8]},\"b\":" + W + "[0,8]}}", new byte[8]),
                "overlapping");
    }

    @Test
    void trailingBytesThatBelongToNoTensor() throws IOException {
        refused(file(dir, "a.safetensors", "{\"w\":" + W + "[0,8]}}", new byte[11]),
                "the tensors cover bytes [0, 8) but the data section holds 11 bytes; 3 trailing bytes");
    }

    @Test
    void truncatedFile() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(Map.of("a", Tensor.of(1f, 2f), "b", Tensor.of(3f, 4f, 5f)), good);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        refused(cut, "tensor 'b' claims bytes [8, 20) but the data section holds 15 bytes (truncated file?)");
        Files.write(cut, Arrays.copyOf(all, 20)); // inside the header
        refused(cut, "but only 12 bytes follow the length field");
    }

    @Test
    void badMetadata() throws IOException {
        refused(file(dir, "a.safetensors", "{\"__metadata__\":{\"format\":1}}", new byte[0]),
                "__metadata__ entry \"format\" must be a string, received 1");
        refused(file(dir, "b.safetensors", "{\"__metadata__\":[\"pt\"]}", new byte[0]),
                "__metadata__ must be an object of strings");
        Path nul = file(dir, "c.safetensors", "{\"__metadata__\":null}", new byte[0]);
        assertTrue(SafeTensors.readMetadata(nul).isEmpty(), "null metadata reads as absent, as in the reference");
    }

    @Test
    void readerSortsByOffsetsAndIgnoresUnknownFields() throws IOException {
        String h = "{\"z\":" + W + "[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12],"
                + "\"extra\":true},\"m\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[12,12]}}    ";
        Map<String, Tensor> out = SafeTensors.read(file(dir, "a.safetensors", h, floatsLE(1f, 2f, 3f)));
        assertEquals("[z, a, m]", out.keySet().toString());
        assertArrayEquals(new float[]{1f, 2f}, out.get("z").toFloatArray());
        assertArrayEquals(new float[]{3f}, out.get("a").toFloatArray());
        assertArrayEquals(new int[]{0}, out.get("m").shape());
    }

    private static byte[] le(int size, long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            switch (size) {
                case 1 -> b.put((byte) x);
                case 2 -> b.putShort((short) x);
                case 4 -> b.putInt((int) x);
                default -> b.putLong(x);
            }
        }
        return b.array();
    }

    /** The dtypes torch 1.13 cannot make (so the Python fixture lacks them), checked against hand-computed values. */
    @Test
    void unsignedAndFloat8Dtypes() throws IOException {
        String h = "{\"u16\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"u32\":{\"dtype\":\"U32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"u64\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[12,20]},"
                + "\"e4m3\":{\"dtype\":\"F8_E4M3\",\"shape\":[6],\"data_offsets\":[20,26]},"
                + "\"e5m2\":{\"dtype\":\"F8_E5M2\",\"shape\":[4],\"data_offsets\":[26,30]}}";
        byte[] data = new byte[30];
        System.arraycopy(le(2, 0xffff, 1), 0, data, 0, 4);
        System.arraycopy(le(4, 0xffffffffL, 7), 0, data, 4, 8);
        System.arraycopy(le(8, Long.MAX_VALUE), 0, data, 12, 8);
        // e4m3fn: 0x38 = 1.0, 0xC0 = -2.0, 0x7E = 448 (max), 0x7F = NaN, 0x01 = 2^-9 (min subnormal), 0x80 = -0.0
        System.arraycopy(new byte[]{0x38, (byte) 0xC0, 0x7E, 0x7F, 0x01, (byte) 0x80}, 0, data, 20, 6);
        // e5m2: 0x3C = 1.0, 0x7C = +inf, 0xFB = -57344 (max), 0x01 = 2^-16
        System.arraycopy(new byte[]{0x3C, 0x7C, (byte) 0xFB, 0x01}, 0, data, 26, 4);
        Map<String, Tensor> out = SafeTensors.read(file(dir, "x.safetensors", h, data));
        assertArrayEquals(new long[]{65535, 1}, out.get("u16").toLongArray());
        assertArrayEquals(new long[]{4294967295L, 7}, out.get("u32").toLongArray());
        assertArrayEquals(new long[]{Long.MAX_VALUE}, out.get("u64").toLongArray());
        float[] e4 = out.get("e4m3").toFloatArray();
        assertArrayEquals(new float[]{1f, -2f, 448f}, Arrays.copyOf(e4, 3));
        assertTrue(Float.isNaN(e4[3]));
        assertEquals(Math.scalb(1f, -9), e4[4]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(e4[5]));
        assertArrayEquals(new float[]{1f, Float.POSITIVE_INFINITY, -57344f, Math.scalb(1f, -16)},
                out.get("e5m2").toFloatArray());

        String big = "{\"u64\":{\"dtype\":\"U64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        refused(false, file(dir, "big.safetensors", big, le(8, 1, -1)), "tensor 'u64' (U64) element 1 is "
                + "18446744073709551615, above the int64 maximum");
    }
}
