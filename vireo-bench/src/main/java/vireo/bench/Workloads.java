package vireo.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known workloads, in the order {@code BenchMain} runs them when none are named. Adding one is one entry here.
 */
public final class Workloads {

    private Workloads() {
    }

    /** Fresh instances by name; workloads allocate their inputs only when run. */
    public static Map<String, Workload> all() {
        var all = new LinkedHashMap<String, Workload>();
        for (Workload w : List.of(
                new SgemmWorkload(1024),
                new SgemmWorkload(2048),
                Conv2dWorkload.seed004(),
                SeedTrainingWorkload.kerasCnn(),
                SeedTrainingWorkload.lenet5(),
                SeedTrainingWorkload.net(),
                ModelForwardWorkload.resnet50(),
                FrozenHeadTrainStepWorkload.resnet50(),
                ModelForwardWorkload.vgg16())) {
            if (all.put(w.name(), w) != null) {
                throw new IllegalStateException("two workloads are named " + w.name());
            }
        }
        return all;
    }
}
