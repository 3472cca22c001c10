package vireo.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/** Compares tensors with the JSON that tools/golden/safetensors_fixture.py writes (expected files and dumps). */
final class GoldenFiles {

    private GoldenFiles() {
    }

    @SuppressWarnings("unchecked")
    static void assertMatches(Map<String, Object> golden, Map<String, Tensor> actual, boolean exactNaN) {
        List<Map<String, Object>> tensors = (List<Map<String, Object>>) golden.get("tensors");
        List<String> names = new ArrayList<>();
        for (Map<String, Object> g : tensors) {
            names.add((String) g.get("name"));
        }
        assertEquals(names, new ArrayList<>(actual.keySet()), "same tensors, in data order");
        for (Map<String, Object> g : tensors) {
            String name = (String) g.get("name");
            Tensor t = actual.get(name);
            DType dtype = switch ((String) g.get("loads_as")) {
                case "float32" -> DType.FLOAT32;
                case "int64" -> DType.INT64;
                default -> DType.BOOL;
            };
            assertEquals(dtype, t.dtype(), name);
            List<Object> shape = (List<Object>) g.get("shape");
            assertArrayEquals(shape.stream().mapToInt(o -> ((Long) o).intValue()).toArray(), t.shape(), name);
            List<Object> values = (List<Object>) g.get("values");
            if (dtype == DType.INT64) {
                assertArrayEquals(values.stream().mapToLong(o -> (Long) o).toArray(), t.toLongArray(), name);
                continue;
            }
            float[] a = t.toFloatArray();
            assertEquals(values.size(), a.length, name);
            for (int i = 0; i < a.length; i++) {
                int bits = ((Long) values.get(i)).intValue();
                float e = dtype == DType.BOOL ? (float) bits : Float.intBitsToFloat(bits);
                if (Float.isNaN(e) && !exactNaN) {
                    // NaN payloads from a half-precision widening are not part of any contract
                    assertTrue(Float.isNaN(a[i]), name + "[" + i + "] should be NaN, was " + a[i]);
                } else {
                    assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(a[i]),
                            name + "[" + i + "]: expected " + e + ", received " + a[i]);
                }
            }
        }
    }
}
