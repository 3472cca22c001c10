package vireo.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vireo.optim.Adam;
import vireo.optim.Golden;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;
import vireo.optim.SGD;
import vireo.tensor.Tensor;

/** Learning-rate (and momentum) sequences over 30 steps against PyTorch 1.13's schedulers. */
class ScheduleGoldenTest {

    static final double[] PLATEAU_METRICS = {1.0, 0.9, 0.8, 0.8, 0.79995, 0.81, 0.7, 0.7, 0.7, 0.7, 0.69, 0.71, 0.72,
        0.73, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4};

    /** A schedule under test: stepping it, and the optimizer whose groups it drives. */
    record Driven(Optimizer optimizer, Runnable step) {
    }

    static final Map<String, Function<Integer, Driven>> CONFIGS = new LinkedHashMap<>();

    static Optimizer twoGroupSgd() {
        return new SGD(List.of(ParamGroup.of(List.of(param(2))), ParamGroup.of(List.of(param(3))).setLr(0.05)),
                SGD.options(0.1).momentum(0.9));
    }

    static Optimizer twoGroupAdam() {
        return new Adam(List.of(ParamGroup.of(List.of(param(2))), ParamGroup.of(List.of(param(3))).setLr(0.05)),
                Adam.options(0.1).betas(0.9, 0.99));
    }

    private static Tensor param(int n) {
        return Tensor.zeros(n).requiresGrad(true);
    }

    static Driven of(Function<Optimizer, LRScheduler> make, Optimizer opt) {
        LRScheduler s = make.apply(opt);
        return new Driven(opt, s::step);
    }

    static Driven plateau(ReduceLROnPlateau.Options o, boolean negate) {
        Optimizer opt = twoGroupSgd();
        var s = new ReduceLROnPlateau(opt, o);
        int[] t = {0};
        return new Driven(opt, () -> s.step(negate ? -PLATEAU_METRICS[t[0]++] : PLATEAU_METRICS[t[0]++]));
    }

    static {
        CONFIGS.put("step", x -> of(o -> new StepLR(o, 7, 0.5), twoGroupSgd()));
        CONFIGS.put("multistep", x -> of(o -> new MultiStepLR(o, new int[]{5, 12, 12, 20}, 0.3), twoGroupSgd()));
        CONFIGS.put("exponential", x -> of(o -> new ExponentialLR(o, 0.9), twoGroupSgd()));
        CONFIGS.put("cosine", x -> of(o -> new CosineAnnealingLR(o, 30), twoGroupSgd()));
        CONFIGS.put("cosine_restart", x -> of(o -> new CosineAnnealingLR(o, 10, 0.001), twoGroupSgd()));
        CONFIGS.put("onecycle_sgd", x -> of(o -> new OneCycleLR(o, new double[]{1.0, 0.5}, 40, OneCycleLR.options()),
                twoGroupSgd()));
        CONFIGS.put("onecycle_adam_three_phase_linear", x -> of(o -> new OneCycleLR(o, 0.01, 31, OneCycleLR.options()
                .threePhase(true).annealStrategy(OneCycleLR.Anneal.LINEAR).pctStart(0.25).divFactor(10)
                .finalDivFactor(100)), twoGroupAdam()));
        CONFIGS.put("plateau_min", x -> plateau(ReduceLROnPlateau.options().patience(2).cooldown(1)
                .minLr(1e-5, 0.01), false));
        CONFIGS.put("plateau_max_abs", x -> plateau(ReduceLROnPlateau.options().mode(ReduceLROnPlateau.Mode.MAX)
                .factor(0.5).patience(1).threshold(0.05, ReduceLROnPlateau.ThresholdMode.ABS).eps(0.01), true));
    }

    static Golden.File golden;

    @BeforeAll
    static void load() throws IOException {
        golden = Golden.read("schedules.txt");
    }

    static Stream<String> cases() {
        return CONFIGS.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        List<Golden.Row> rows = golden.cases().get(name);
        assertFalse(rows == null || rows.isEmpty(), "fixture has no case " + name);
        Driven d = CONFIGS.get(name).apply(0);
        int t = 0;
        int checked = 0;
        for (Golden.Row r : rows) {
            while (t < r.ints()[0]) {
                d.optimizer().step();
                d.step().run();
                t++;
            }
            double[] want = r.doubles();
            for (int g = 0; g < want.length; g++) {
                ParamGroup group = d.optimizer().paramGroups().get(g);
                double got = switch (r.kind()) {
                    case "lr" -> group.lr();
                    case "mom" -> group.has("betas") ? group.getDoubles("betas")[0] : group.getDouble("momentum");
                    default -> throw new IllegalStateException("unexpected row " + r.kind());
                };
                // Same formulas in the same order: bit-equal here; a few ulps allowed for other JDKs' cos.
                assertEquals(want[g], got, 4 * Math.ulp(want[g]), name + " " + r.kind() + " at step " + t + " group " + g);
                checked++;
            }
        }
        assertTrue(checked >= 62, "checked only " + checked + " values");
    }
}
