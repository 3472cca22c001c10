package vireo.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Compares tensors with the expected-file format of tools/golden/torch_checkpoints.py: one tab-separated line per
 * tensor (name, dtype, shape, values[, sum]); float32 values as bit patterns, int64 in decimal, bool as 0/1; a
 * values field starting with '@' samples a large tensor as 'index:value' pairs and is followed by the float64 sum.
 */
final class ExpectedTensors {

    private ExpectedTensors() {
    }

    static void assertMatches(String expected, Map<String, Tensor> actual) {
        List<String[]> lines = new ArrayList<>();
        for (String l : expected.split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l.split("\t", -1));
            }
        }
        List<String> names = lines.stream().map(f -> f[0]).toList();
        assertEquals(names, new ArrayList<>(actual.keySet()), "same tensors, in file order");
        for (String[] f : lines) {
            assertTensor(f, actual.get(f[0]));
        }
    }

    private static void assertTensor(String[] f, Tensor t) {
        String name = f[0];
        DType dtype = switch (f[1]) {
            case "float32" -> DType.FLOAT32;
            case "int64" -> DType.INT64;
            case "bool" -> DType.BOOL;
            default -> throw new AssertionError("unknown dtype " + f[1]);
        };
        assertEquals(dtype, t.dtype(), name);
        int[] shape = f[2].isEmpty() ? new int[0] : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(shape, t.shape(), name + " shape");
        String values = f[3];
        boolean sampled = values.startsWith("@");
        String[] items = sampled ? values.substring(1).split(",") : values.isEmpty() ? new String[0] : values.split(",");
        if (!sampled) {
            assertEquals(items.length, t.numel(), name + " element count");
        }
        float[] fa = dtype == DType.INT64 ? null : t.toFloatArray();
        long[] la = dtype == DType.INT64 ? t.toLongArray() : null;
        for (int i = 0; i < items.length; i++) {
            int idx = i;
            String v = items[i];
            if (sampled) {
                int colon = v.indexOf(':');
                idx = Integer.parseInt(v.substring(0, colon));
                v = v.substring(colon + 1);
            }
            String at = name + "[" + idx + "]";
            switch (dtype) {
                case INT64 -> assertEquals(Long.parseLong(v), la[idx], at);
                case BOOL -> assertEquals(Float.parseFloat(v), fa[idx], at);
                case FLOAT32 -> {
                    float e = Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16));
                    if (Float.isNaN(e)) {
                        assertTrue(Float.isNaN(fa[idx]), at + " should be NaN, was " + fa[idx]);
                    } else {
                        assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(fa[idx]),
                                at + ": expected " + e + ", received " + fa[idx]);
                    }
                }
            }
        }
        if (sampled) {
            double expectedSum = Double.parseDouble(f[4]);
            double sum = 0;
            if (la != null) {
                for (long x : la) {
                    sum += x;
                }
            } else {
                for (float x : fa) {
                    sum += x;
                }
            }
            assertEquals(expectedSum, sum, 1e-6 + 1e-9 * Math.abs(expectedSum), name + " sum of all values");
        }
    }
}
