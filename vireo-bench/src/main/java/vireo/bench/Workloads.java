package vireo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
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
        return all(null);
    }

    /** As {@link #all()}, plus the transfer-learning workload on the image folder {@code avp} when it is given. */
    public static Map<String, Workload> all(Path avp) {
        var all = new LinkedHashMap<String, Workload>();
        var list = new ArrayList<Workload>(List.of(
                new SgemmWorkload(1024),
                new SgemmWorkload(2048),
                Conv2dWorkload.seed004(),
                SeedTrainingWorkload.kerasCnn(),
                SeedTrainingWorkload.lenet5(),
                SeedTrainingWorkload.net(),
                ModelForwardWorkload.resnet50(),
                FrozenHeadTrainStepWorkload.resnet50(),
                ModelForwardWorkload.vgg16(),
                PipelineWorkload.augment224()));
        if (avp != null) {
            list.add(TransferAvpWorkload.fiveEpochs(avp));
        }
        for (Workload w : list) {
            if (all.put(w.name(), w) != null) {
                throw new IllegalStateException("two workloads are named " + w.name());
            }
        }
        return all;
    }
}
