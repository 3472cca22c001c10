package vireo.optim.lr;

import java.util.Map;
import vireo.optim.Optimizer;

/**
 * Multiplies each group's rate by {@code gamma} every step ({@code torch.optim.lr_scheduler.ExponentialLR}).
 *
 * <pre>{@code
 * var sched = new ExponentialLR(opt, 0.95);
 * }</pre>
 */
public final class ExponentialLR extends LRScheduler {

    private double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch() != 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] *= gamma;
            }
        }
        return lrs;
    }

    @Override
    protected void saveSettings(Map<String, Object> state) {
        state.put("gamma", gamma);
    }

    @Override
    protected void loadSettings(Map<String, Object> state) {
        gamma = StateValues.number(state, "gamma");
    }
}
