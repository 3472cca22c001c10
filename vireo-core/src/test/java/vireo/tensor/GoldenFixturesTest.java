package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.backend.Backend;
import vireo.backend.Backends;

/**
 * Forward values and gradients against fixtures PyTorch computed ({@code tools/golden/core_fixtures.py}), on both
 * backends. Gradients are of {@code sum(out * gy)} for the recorded {@code gy}.
 */
class GoldenFixturesTest {

    static final double RTOL = 1e-5;
    /** Absolute floor, scaled by max(1, max|expected|): float32 sums cancel to values near zero. */
    static final double ATOL = 1e-5;

    /** One parsed fixture file: integer parameters and named tensors. */
    record Fixture(String name, Map<String, int[]> params, Map<String, Tensor> tensors) {

        static Fixture load(String name) {
            String path = "/golden/" + name + ".txt";
            String text;
            try (InputStream in = GoldenFixturesTest.class.getResourceAsStream(path)) {
                assertNotNull(in, "missing fixture " + path + " (run tools/golden/core_fixtures.py)");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + path, e);
            }
            Map<String, int[]> params = new HashMap<>();
            Map<String, Tensor> tensors = new HashMap<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f[0].equals("param")) {
                    params.put(f[1], ints(f, 2));
                } else if (f[0].equals("tensor")) {
                    int[] shape = ints(f, 3);
                    String values = lines[++i].strip();
                    String[] v = values.isEmpty() ? new String[0] : values.split(" ");
                    if (f[2].equals("int64")) {
                        long[] d = new long[v.length];
                        for (int k = 0; k < v.length; k++) {
                            d[k] = Long.parseLong(v[k]);
                        }
                        tensors.put(f[1], Tensor.fromArray(d, shape));
                    } else {
                        float[] d = new float[v.length];
                        for (int k = 0; k < v.length; k++) {
                            d[k] = Float.parseFloat(v[k]);
                        }
                        tensors.put(f[1], Tensor.fromArray(d, shape));
                    }
                } else {
                    throw new AssertionError(path + ": unexpected line " + (i + 1) + ": " + line);
                }
            }
            return new Fixture(name, params, tensors);
        }

        private static int[] ints(String[] f, int from) {
            int[] out = new int[f.length - from];
            for (int k = 0; k < out.length; k++) {
                out[k] = Integer.parseInt(f[from + k]);
            }
            return out;
        }

        int[] param(String key) {
            int[] v = params.get(key);
            assertNotNull(v, name + ": missing param " + key);
            return v;
        }

        boolean flag(String key) {
            return param(key)[0] != 0;
        }

        /** A fresh leaf copy (so that each backend run has its own graph and gradients). */
        Tensor leaf(String key) {
            Tensor t = tensors.get(key);
            assertNotNull(t, name + ": missing tensor " + key);
            Tensor copy = OpTable.copyLeaf(t);
            return copy.dtype() == DType.FLOAT32 ? copy.requiresGrad(true) : copy;
        }

        Tensor constant(String key) {
            Tensor t = tensors.get(key);
            assertNotNull(t, name + ": missing tensor " + key);
            return OpTable.copyLeaf(t);
        }

        void expect(String key, Tensor actual, String backend) {
            Tensor expected = tensors.get(key);
            assertNotNull(expected, name + ": missing tensor " + key);
            OpRuns.assertClose(name + " " + key + " (" + backend + " backend)", Ref.D.of(expected), actual, RTOL, ATOL);
        }
    }

    interface Body {
        void run(Fixture f, String backend);
    }

    /** Runs {@code body} on the reference and the SIMD backend, restoring the current one. */
    private static void onBothBackends(String name, Body body) {
        Fixture f = Fixture.load(name);
        List<Backend> backends = new ArrayList<>(List.of(Backends.reference()));
        Backends.simd().ifPresent(backends::add);
        Backend saved = Backends.current();
        try {
            for (Backend b : backends) {
                Backends.use(b);
                body.run(f, b.name());
            }
        } finally {
            Backends.use(saved);
        }
    }

    @Test
    void matmul() {
        for (String name : new String[]{"matmul_2d", "matmul_batched_broadcast", "matmul_vec_mat"}) {
            onBothBackends(name, (f, be) -> {
                Tensor a = f.leaf("a");
                Tensor b = f.leaf("b");
                Tensor out = a.matmul(b);
                f.expect("out", out, be);
                out.backward(f.constant("gy"), false);
                f.expect("ga", a.grad(), be);
                f.expect("gb", b.grad(), be);
            });
        }
    }

    @Test
    void conv2dForwardAndBackward() {
        for (String name : new String[]{"conv2d_stride_pad_dilation_groups", "conv2d_asymmetric_pad", "conv2d_depthwise"}) {
            onBothBackends(name, (f, be) -> {
                Tensor x = f.leaf("x");
                Tensor w = f.leaf("w");
                Tensor bias = f.tensors().containsKey("bias") ? f.leaf("bias") : null;
                Tensor out = NNOps.conv2d(x, w, bias, f.param("stride"), f.param("padding"), f.param("dilation"),
                        f.param("groups")[0]);
                f.expect("out", out, be);
                out.backward(f.constant("gy"), false);
                f.expect("gx", x.grad(), be);
                f.expect("gw", w.grad(), be);
                if (bias != null) {
                    f.expect("gbias", bias.grad(), be);
                }
            });
        }
    }

    @Test
    void maxPool2d() {
        for (String name : new String[]{"maxpool_k3_s2_p1_ceil", "maxpool_k2_s2", "maxpool_k2x3_dilation2_ceil"}) {
            onBothBackends(name, (f, be) -> {
                Tensor x = f.leaf("x");
                Tensor out = NNOps.maxPool2d(x, f.param("kernel"), f.param("stride"), f.param("padding"),
                        f.param("dilation"), f.flag("ceil"));
                f.expect("out", out, be);
                out.backward(f.constant("gy"), false);
                f.expect("gx", x.grad(), be);
            });
        }
    }

    @Test
    void avgPool2d() {
        for (String name : new String[]{"avgpool_k3_s2_p1", "avgpool_k3_s2_p1_countpad", "avgpool_k3_s2_p1_ceil",
                "avgpool_k3_s2_p1_ceil_countpad"}) {
            onBothBackends(name, (f, be) -> {
                Tensor x = f.leaf("x");
                Tensor out = NNOps.avgPool2d(x, f.param("kernel"), f.param("stride"), f.param("padding"), f.flag("ceil"),
                        f.flag("countIncludePad"));
                f.expect("out", out, be);
                out.backward(f.constant("gy"), false);
                f.expect("gx", x.grad(), be);
            });
        }
    }

    @Test
    void adaptiveAvgPool2d() {
        onBothBackends("adaptive_avgpool_3x2", (f, be) -> {
            Tensor x = f.leaf("x");
            int[] o = f.param("output");
            Tensor out = NNOps.adaptiveAvgPool2d(x, o[0], o[1]);
            f.expect("out", out, be);
            out.backward(f.constant("gy"), false);
            f.expect("gx", x.grad(), be);
        });
    }

    @Test
    void batchNormTrainingUpdatesRunningStatsWithUnbiasedVariance() {
        onBothBackends("batchnorm_train", (f, be) -> {
            Tensor x = f.leaf("x");
            Tensor w = f.leaf("weight");
            Tensor b = f.leaf("bias");
            Tensor rm = f.constant("running_mean");
            Tensor rv = f.constant("running_var");
            Tensor out = NNOps.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5);
            f.expect("out", out, be);
            f.expect("running_mean_after", rm, be);
            f.expect("running_var_after", rv, be);
            out.backward(f.constant("gy"), false);
            f.expect("gx", x.grad(), be);
            f.expect("gweight", w.grad(), be);
            f.expect("gbias", b.grad(), be);
        });
    }

    @Test
    void batchNormEvaluationUsesRunningStats() {
        onBothBackends("batchnorm_eval", (f, be) -> {
            Tensor x = f.leaf("x");
            Tensor w = f.leaf("weight");
            Tensor b = f.leaf("bias");
            Tensor rm = f.constant("running_mean");
            Tensor rv = f.constant("running_var");
            Tensor out = NNOps.batchNorm(x, rm, rv, w, b, false, 0.1, 1e-5);
            f.expect("out", out, be);
            f.expect("running_mean", rm, be);
            f.expect("running_var", rv, be);
            out.backward(f.constant("gy"), false);
            f.expect("gx", x.grad(), be);
            f.expect("gweight", w.grad(), be);
            f.expect("gbias", b.grad(), be);
        });
    }

    @Test
    void logSoftmax() {
        onBothBackends("log_softmax", (f, be) -> {
            Tensor x = f.leaf("x");
            Tensor out = x.logSoftmax(1);
            f.expect("out", out, be);
            out.backward(f.constant("gy"), false);
            f.expect("gx", x.grad(), be);
        });
    }

    @Test
    void crossEntropyComposite() {
        onBothBackends("cross_entropy", (f, be) -> {
            Tensor logits = f.leaf("logits");
            Tensor target = f.constant("target");
            Tensor loss = logits.logSoftmax(1).gather(1, target.unsqueeze(1)).mean().neg();
            f.expect("loss", loss, be);
            loss.backward();
            f.expect("glogits", logits.grad(), be);
        });
    }
}
