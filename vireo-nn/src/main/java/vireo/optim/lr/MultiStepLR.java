package vireo.optim.lr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vireo.optim.Optimizer;

/**
 * Multiplies each group's rate by {@code gamma} at each milestone step ({@code torch.optim.lr_scheduler.MultiStepLR});
 * a milestone listed twice applies {@code gamma²}, as PyTorch's {@code Counter} does.
 *
 * <pre>{@code
 * var sched = new MultiStepLR(opt, new int[]{30, 80}, 0.1);
 * }</pre>
 */
public final class MultiStepLR extends LRScheduler {

    private final TreeMap<Integer, Integer> milestones = new TreeMap<>();
    private double gamma;

    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        for (int m : milestones) {
            this.milestones.merge(m, 1, Integer::sum);
        }
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        Integer count = milestones.get(lastEpoch());
        if (count == null) {
            return lrs;
        }
        double factor = Math.pow(gamma, count);
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] *= factor;
        }
        return lrs;
    }

    @Override
    protected void saveSettings(Map<String, Object> state) {
        List<Double> list = new ArrayList<>();
        milestones.forEach((m, c) -> {
            for (int i = 0; i < c; i++) {
                list.add((double) m);
            }
        });
        state.put("milestones", list);
        state.put("gamma", gamma);
    }

    @Override
    protected void loadSettings(Map<String, Object> state) {
        milestones.clear();
        for (double m : StateValues.doubles(state, "milestones")) {
            milestones.merge((int) m, 1, Integer::sum);
        }
        gamma = StateValues.number(state, "gamma");
    }
}
