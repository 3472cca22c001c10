package vireo.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vireo.tensor.Tensor;

/**
 * Each optimizer configuration against PyTorch 1.13's single-tensor implementation, step by step: within 1e-6
 * relative, and in fact bit for bit (the fixtures come from a CPU whose PyTorch kernels use FMA, as {@code Math.fma}).
 */
class OptimizerGoldenTest {

    /** The configurations of {@code tools/golden/optim_steps.py}, built the Vireo way. */
    static final Map<String, Function<List<Tensor>, Optimizer>> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("sgd_plain", ps -> new SGD(ps, 0.1));
        CONFIGS.put("sgd_momentum", ps -> new SGD(ps, 0.05, 0.9));
        CONFIGS.put("sgd_dampening", ps -> new SGD(ps, SGD.options(0.05).momentum(0.8).dampening(0.3)));
        CONFIGS.put("sgd_nesterov", ps -> new SGD(ps, SGD.options(0.05).momentum(0.9).nesterov(true)));
        CONFIGS.put("sgd_wd", ps -> new SGD(ps, SGD.options(0.1).momentum(0.5).weightDecay(0.01)));
        CONFIGS.put("sgd_maximize", ps -> new SGD(ps, SGD.options(0.1).momentum(0.9).maximize(true)));
        CONFIGS.put("adam", ps -> new Adam(ps));
        CONFIGS.put("adam_amsgrad", ps -> new Adam(ps, Adam.options(0.01).betas(0.8, 0.99).amsgrad(true)));
        CONFIGS.put("adam_wd", ps -> new Adam(ps, Adam.options(0.01).weightDecay(0.1).eps(1e-6)));
        CONFIGS.put("adamw", ps -> new AdamW(ps, 0.01));
        CONFIGS.put("adamw_amsgrad", ps -> new AdamW(ps,
                AdamW.options(0.02).weightDecay(0.1).amsgrad(true).maximize(true)));
        CONFIGS.put("rmsprop", ps -> new RMSprop(ps));
        CONFIGS.put("rmsprop_centered", ps -> new RMSprop(ps,
                RMSprop.options(0.01).alpha(0.9).centered(true).weightDecay(0.05)));
        CONFIGS.put("rmsprop_momentum", ps -> new RMSprop(ps, RMSprop.options(0.01).momentum(0.9).eps(1e-4)));
        CONFIGS.put("rmsprop_centered_momentum", ps -> new RMSprop(ps,
                RMSprop.options(0.005).momentum(0.5).centered(true)));
        CONFIGS.put("sgd_two_groups", ps -> new SGD(List.of(ParamGroup.of(List.of(ps.get(0))),
                ParamGroup.of(List.of(ps.get(1))).setLr(0.01)), SGD.options(0.1).momentum(0.9)));
        CONFIGS.put("adam_two_groups", ps -> new Adam(List.of(ParamGroup.of(List.of(ps.get(0))).setLr(0.1),
                ParamGroup.of(List.of(ps.get(1)))), Adam.options(1e-3)));
    }

    static Golden.File golden;
    static List<Golden.Row> initial;
    static Map<Integer, List<Golden.Row>> gradsByStep;

    @BeforeAll
    static void load() throws IOException {
        golden = Golden.read("optim_steps.txt");
        initial = golden.header().stream().filter(r -> r.kind().equals("param")).toList();
        gradsByStep = new LinkedHashMap<>();
        golden.header().stream().filter(r -> r.kind().equals("grad"))
                .forEach(r -> gradsByStep.computeIfAbsent(r.ints()[0], k -> new ArrayList<>()).add(r));
    }

    static Stream<String> cases() {
        return CONFIGS.keySet().stream();
    }

    static List<Tensor> freshParams() {
        var ps = new ArrayList<Tensor>();
        for (Golden.Row r : initial) {
            int[] shape = Arrays.copyOfRange(r.ints(), 1, r.ints().length);
            ps.add(Tensor.fromArray(r.floats(), shape).requiresGrad(true));
        }
        return ps;
    }

    static void feedGrads(List<Tensor> ps, int step) {
        for (Golden.Row r : gradsByStep.get(step)) {
            Tensor p = ps.get(r.ints()[1]);
            p.setGrad(Tensor.fromArray(r.floats(), p.shape()));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        List<Golden.Row> expected = golden.cases().get(name);
        assertFalse(expected == null || expected.isEmpty(), "fixture has no case " + name);
        List<Tensor> ps = freshParams();
        Optimizer opt = CONFIGS.get(name).apply(ps);
        int step = 0;
        int exact = 0;
        int total = 0;
        double worst = 0;
        for (Golden.Row r : expected) {
            int s = r.ints()[0];
            while (step < s) {
                opt.zeroGrad();
                feedGrads(ps, ++step);
                opt.step();
            }
            float[] want = r.floats();
            float[] got = ps.get(r.ints()[1]).floats();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                double rel = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1e-30);
                worst = Math.max(worst, rel);
                exact += Float.floatToIntBits(got[i]) == Float.floatToIntBits(want[i]) ? 1 : 0;
                total++;
                assertTrue(rel <= 1e-6, name + " step " + s + " param " + r.ints()[1] + " element " + i
                        + ": expected " + want[i] + ", got " + got[i]);
            }
        }
        assertTrue(total > 0);
        // Same operation order, float32 rounding and FMA placement as PyTorch's kernels: not just close, identical.
        assertEquals(total, exact, name + ": values within 1e-6 but not bit-exact (worst relative error " + worst + ")");
    }
}
