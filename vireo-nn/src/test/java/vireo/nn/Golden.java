package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import vireo.tensor.Tensor;

/** Reads the fixtures written by {@code tools/golden/nn_losses.py} and compares tensors against them. */
final class Golden {

    /** One fixture: its settings and named tensors. */
    record Case(String name, Map<String, String> opts, Map<String, Tensor> tensors) {
        Tensor t(String key) {
            Tensor t = tensors.get(key);
            assertNotNull(t, name + ": fixture has no tensor '" + key + "'");
            return t;
        }

        boolean has(String key) {
            return tensors.containsKey(key);
        }

        String opt(String key, String dflt) {
            return opts.getOrDefault(key, dflt);
        }

        int[] ints(String key) {
            String[] p = opts.get(key).split(",");
            int[] out = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = Integer.parseInt(p[i]);
            }
            return out;
        }
    }

    private Golden() {
    }

    static Map<String, Case> load(String resource) {
        Map<String, Case> cases = new LinkedHashMap<>();
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + resource)) {
            assertNotNull(in, "missing fixture /golden/" + resource + " (run tools/golden/nn_losses.py)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Case current = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split(" ");
                if (p[0].equals("@case")) {
                    current = new Case(p[1], new LinkedHashMap<>(), new LinkedHashMap<>());
                    cases.put(p[1], current);
                } else if (p[0].equals("@opt")) {
                    current.opts().put(p[1], p[2]);
                } else {
                    current.tensors().put(p[0], parse(p));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return cases;
    }

    private static Tensor parse(String[] p) {
        int[] shape;
        if (p[2].equals("-")) {
            shape = new int[0];
        } else {
            String[] s = p[2].split(",");
            shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = Integer.parseInt(s[i]);
            }
        }
        int n = p.length - 3;
        if (p[1].equals("i64")) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = Long.parseLong(p[3 + i]);
            }
            return Tensor.fromArray(v, shape);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.parseFloat(p[3 + i]);
        }
        return Tensor.fromArray(v, shape);
    }

    /**
     * Same shape, and each element within {@code rel·|expected| + abs}. The absolute part covers values that are
     * sums of many terms (where cancellation leaves a result near 0 with a large rounding error).
     */
    static void assertClose(String what, Tensor expected, Tensor actual, double rel, double abs) {
        assertNotNull(actual, what + ": result is null");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            double tol = rel * Math.abs(e[i]) + abs;
            if (!(Math.abs(e[i] - a[i]) <= tol) && !(Float.isNaN(e[i]) && Float.isNaN(a[i]))) {
                fail(what + ": element " + i + " expected " + e[i] + ", received " + a[i] + " (tolerance " + tol + ")");
            }
        }
    }

    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertClose(what, expected, actual, 1e-5, 1e-6);
    }
}
