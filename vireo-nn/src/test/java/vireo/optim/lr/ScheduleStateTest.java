package vireo.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vireo.optim.Optimizer;
import vireo.optim.OptimizerState;

class ScheduleStateTest {

    record Config(String name, Function<Optimizer, LRScheduler> make, boolean adam) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Config> configs() {
        return Stream.of(
                new Config("step", o -> new StepLR(o, 7, 0.5), false),
                new Config("multistep", o -> new MultiStepLR(o, new int[]{5, 12, 12, 20}, 0.3), false),
                new Config("exponential", o -> new ExponentialLR(o, 0.9), false),
                new Config("cosine", o -> new CosineAnnealingLR(o, 10, 0.001), false),
                new Config("onecycle", o -> new OneCycleLR(o, 0.5, 30), false),
                new Config("onecycle_adam", o -> new OneCycleLR(o, 0.01, 30,
                        OneCycleLR.options().threePhase(true).annealStrategy(OneCycleLR.Anneal.LINEAR)), true));
    }

    private static Optimizer optimizer(boolean adam) {
        return adam ? ScheduleGoldenTest.twoGroupAdam() : ScheduleGoldenTest.twoGroupSgd();
    }

    /** Numbers as a JSON round trip would return them: every Integer becomes a Double. */
    private static Map<String, Object> viaJson(Map<String, Object> m) {
        var out = new LinkedHashMap<String, Object>();
        m.forEach((k, v) -> out.put(k, v instanceof Integer i ? (Object) i.doubleValue() : v));
        return out;
    }

    @ParameterizedTest
    @MethodSource("configs")
    void resumingFromAStateDictContinuesTheSameSequence(Config c) {
        Optimizer straightOpt = optimizer(c.adam());
        LRScheduler straight = c.make().apply(straightOpt);
        var expected = new ArrayList<List<Double>>();
        for (int t = 0; t < 30; t++) {
            straight.step();
            expected.add(straight.getLastLr());
        }

        Optimizer firstOpt = optimizer(c.adam());
        LRScheduler first = c.make().apply(firstOpt);
        for (int t = 0; t < 12; t++) {
            first.step();
        }
        Map<String, Object> saved = viaJson(first.stateDict());
        OptimizerState savedOpt = firstOpt.stateDict();

        Optimizer resumedOpt = optimizer(c.adam());
        LRScheduler resumed = c.make().apply(resumedOpt);   // construction changes the groups; the loads below restore
        resumedOpt.loadStateDict(savedOpt);
        resumed.loadStateDict(saved);
        assertEquals(expected.get(11), resumed.getLastLr());
        for (int t = 12; t < 30; t++) {
            resumed.step();
            assertEquals(expected.get(t), resumed.getLastLr(), c + " step " + (t + 1));
        }
    }

    @Test
    void oneCycleRefusesToRunPastItsLength() {
        var s = new OneCycleLR(ScheduleGoldenTest.twoGroupSgd(), 0.1, 3);
        s.step();
        s.step();
        s.step();
        var e = assertThrows(IllegalStateException.class, s::step);
        assertTrue(e.getMessage().contains("total steps is 3"), e.getMessage());
    }

    @Test
    void oneCycleNeedsMomentumOrBetasToCycle() {
        var sgd = ScheduleGoldenTest.twoGroupSgd();
        var s = new OneCycleLR(sgd, 0.1, 10, OneCycleLR.options().cycleMomentum(false));
        assertEquals(0.9, sgd.paramGroups().get(0).getDouble("momentum"));
        assertEquals(0.1 / 25, s.getLastLr().get(0), 1e-15);   // cos(0) + 1 path: PyTorch also gives 0.0040000000000000036
    }

    @Test
    void plateauStateRoundTrips() {
        var opt = ScheduleGoldenTest.twoGroupSgd();
        var p = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(1).cooldown(2));
        for (double m : new double[]{1, 0.5, 0.6, 0.7}) {
            p.step(m);
        }
        assertEquals(0.01, opt.paramGroups().get(0).lr(), 1e-17);
        Map<String, Object> saved = viaJson(p.stateDict());
        var other = new ReduceLROnPlateau(ScheduleGoldenTest.twoGroupSgd());
        other.loadStateDict(saved);
        assertEquals(p.stateDict(), other.stateDict());
        assertEquals(0.5, other.best());
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt,
                ReduceLROnPlateau.options().factor(1.0)));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt,
                ReduceLROnPlateau.options().minLr(0, 0, 0)));
    }
}
