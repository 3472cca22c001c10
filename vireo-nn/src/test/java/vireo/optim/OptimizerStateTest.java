package vireo.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vireo.tensor.Tensor;

class OptimizerStateTest {

    @BeforeAll
    static void load() throws IOException {
        OptimizerGoldenTest.load();
    }

    static Stream<String> cases() {
        return OptimizerGoldenTest.cases();
    }

    private static Optimizer make(String name, List<Tensor> ps) {
        return OptimizerGoldenTest.CONFIGS.get(name).apply(ps);
    }

    private static void run(Optimizer opt, List<Tensor> ps, int from, int to) {
        for (int s = from; s <= to; s++) {
            opt.zeroGrad();
            OptimizerGoldenTest.feedGrads(ps, s);
            opt.step();
        }
    }

    private static List<Tensor> copies(List<Tensor> ps) {
        var out = new ArrayList<Tensor>();
        ps.forEach(p -> out.add(Tensor.fromArray(p.toFloatArray(), p.shape()).requiresGrad(true)));
        return out;
    }

    /** 3 steps, save through the flat (safetensors-shaped) form, load into a fresh optimizer, 2 more = 5 straight. */
    @ParameterizedTest
    @MethodSource("cases")
    void resumingFromAStateDictIsBitExact(String name) {
        List<Tensor> straight = OptimizerGoldenTest.freshParams();
        run(make(name, straight), straight, 1, 5);

        List<Tensor> first = OptimizerGoldenTest.freshParams();
        Optimizer opt = make(name, first);
        run(opt, first, 1, 3);
        OptimizerState saved = opt.stateDict();
        run(opt, first, 4, 4);   // later steps must not leak into the snapshot
        Map<String, Tensor> flat = new LinkedHashMap<>();
        saved.toTensors().forEach((k, t) -> flat.put(k, Tensor.fromArray(t.toFloatArray(), t.shape())));
        Map<String, String> metadata = Map.copyOf(saved.toMetadata());

        List<Tensor> resumed = copies(first);
        Optimizer fresh = make(name, resumed);
        // Overwrite the resumed params with their state after step 3, which is what a checkpoint would hold.
        List<Tensor> after3 = OptimizerGoldenTest.freshParams();
        run(make(name, after3), after3, 1, 3);
        for (int i = 0; i < resumed.size(); i++) {
            System.arraycopy(after3.get(i).floats(), 0, resumed.get(i).floats(), 0, after3.get(i).numel());
        }
        fresh.loadStateDict(OptimizerState.fromTensors(flat, metadata));
        run(fresh, resumed, 4, 5);

        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).floats(), resumed.get(i).floats(), 0f, name + " param " + i);
        }
    }

    @Test
    void stateDictMirrorsPyTorchNamesAndGroups() {
        List<Tensor> ps = OptimizerGoldenTest.freshParams();
        Optimizer opt = make("adam_two_groups", ps);
        run(opt, ps, 1, 2);
        OptimizerState s = opt.stateDict();
        assertEquals(List.of(0, 1), List.copyOf(s.state().keySet()));
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(s.state().get(1).keySet()));
        assertEquals(2f, s.state().get(0).get("step").item());
        assertEquals(0.1, (Double) s.paramGroups().get(0).get("lr"));
        assertArrayEquals(new int[]{1}, (int[]) s.paramGroups().get(1).get("params"));
        assertArrayEquals(new double[]{0.9, 0.999}, (double[]) s.paramGroups().get(1).get("betas"));
        assertTrue(s.toTensors().containsKey("state.1.exp_avg_sq"));

        OptimizerState back = OptimizerState.fromTensors(s.toTensors(), s.paramGroupsJson());
        assertEquals(s.paramGroupsJson(), back.paramGroupsJson());
        assertEquals(Boolean.FALSE, back.paramGroups().get(0).get("amsgrad"));
    }

    @Test
    void loadRestoresHyperParametersFromTheStateDict() {
        List<Tensor> ps = OptimizerGoldenTest.freshParams();
        var opt = new SGD(ps, SGD.options(0.1).momentum(0.9));
        opt.paramGroups().get(0).setLr(0.0123456789);
        OptimizerState s = opt.stateDict();
        var other = new SGD(copies(ps), 0.5);
        other.loadStateDict(OptimizerState.fromTensors(s.toTensors(), s.toMetadata()));
        assertEquals(0.0123456789, other.paramGroups().get(0).lr());
        assertEquals(0.9, other.paramGroups().get(0).getDouble("momentum"));
    }

    @Test
    void aMismatchedStateDictIsRefusedWithoutChangingAnything() {
        List<Tensor> ps = OptimizerGoldenTest.freshParams();
        var opt = new Adam(ps, 0.01);
        run(opt, ps, 1, 1);
        var wrongShape = new LinkedHashMap<>(opt.stateDict().toTensors());
        wrongShape.put("state.1.exp_avg", Tensor.zeros(3));
        var bad = OptimizerState.fromTensors(wrongShape, opt.stateDict().paramGroupsJson());
        OptimizerState before = opt.stateDict();
        var e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(bad));
        assertTrue(e.getMessage().contains("state.1.exp_avg"), e.getMessage());
        assertArrayEquals(before.state().get(1).get("exp_avg").toFloatArray(),
                opt.stateDict().state().get(1).get("exp_avg").toFloatArray());

        var twoGroups = new Adam(List.of(ParamGroup.of(List.of(ps.get(0))), ParamGroup.of(List.of(ps.get(1)))),
                Adam.options(0.01));
        assertThrows(IllegalArgumentException.class, () -> twoGroups.loadStateDict(before));
    }

    @Test
    void zeroGradClearsAndParametersWithoutGradientsAreSkipped() {
        List<Tensor> ps = OptimizerGoldenTest.freshParams();
        float[] before = ps.get(1).toFloatArray();
        var opt = new Adam(ps, 0.1);
        OptimizerGoldenTest.feedGrads(ps, 1);
        opt.zeroGrad();
        assertNull(ps.get(0).grad());
        ps.get(0).setGrad(Tensor.onesLike(ps.get(0)));
        opt.step();
        assertArrayEquals(before, ps.get(1).floats(), 0f);
        assertEquals(List.of(0), List.copyOf(opt.stateDict().state().keySet()));
    }

    @Test
    void constructionChecksParametersAndHyperParameters() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p, p), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), SGD.options(0.1).nesterov(true)));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), Adam.options(0.1).betas(1.0, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p.mul(2f)), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p.t()), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.<Tensor>of(), 0.1));
        assertEquals(0.01, new AdamW(List.of(p)).paramGroups().get(0).getDouble("weight_decay"));
    }

    @Test
    void stridedGradientsAreRead() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        var opt = new SGD(List.of(p), 1.0);
        p.setGrad(Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 3, 2).t());   // [[1,3,5],[2,4,6]]
        opt.step();
        assertArrayEquals(new float[]{-1, -3, -5, -2, -4, -6}, p.floats(), 0f);
        p.setGrad(Tensor.of(9, 9, 1, 2, 3, 4, 5, 6, 9).narrow(0, 2, 6).view(2, 3));   // offset view of a larger array
        opt.step();
        assertArrayEquals(new float[]{-2, -5, -8, -6, -9, -12}, p.floats(), 0f);
    }

    @Test
    void paramGroupsReadAsPythonWritesThem() {
        // json.dumps([{"params": [0, 1], "lr": 1, "bound": float("inf"), "nesterov": False, "betas": (0.9, 1)}])
        var s = OptimizerState.fromTensors(Map.of(), "[{\"params\": [0, 1], \"lr\": 1, \"bound\": Infinity, "
                + "\"nesterov\": false, \"betas\": [0.9, 1]}]");
        Map<String, Object> g = s.paramGroups().get(0);
        assertArrayEquals(new int[]{0, 1}, (int[]) g.get("params"));
        assertEquals(1.0, g.get("lr"), "a group option is a Double even when written as an integer");
        assertEquals(Double.POSITIVE_INFINITY, g.get("bound"));
        assertEquals(false, g.get("nesterov"));
        assertArrayEquals(new double[]{0.9, 1.0}, (double[]) g.get("betas"));
        assertEquals("[{\"params\": [0, 1], \"lr\": 1.0, \"bound\": Infinity, \"nesterov\": false, "
                + "\"betas\": [0.9, 1.0]}]", s.paramGroupsJson());
        var e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerState.fromTensors(Map.of(), "[{\"lr\": 1,}]"));
        assertEquals("optimizer state: the param groups are not valid JSON: expected a string key in a JSON object, received '}' at character 10",
                e.getMessage());
    }
}
