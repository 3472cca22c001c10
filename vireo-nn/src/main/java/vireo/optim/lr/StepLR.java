package vireo.optim.lr;

import java.util.Map;
import vireo.optim.Optimizer;

/**
 * Multiplies each group's rate by {@code gamma} every {@code stepSize} steps ({@code torch.optim.lr_scheduler.StepLR}).
 *
 * <pre>{@code
 * var sched = new StepLR(opt, 30, 0.1);   // lr = 0.05 for epochs 0-29, 0.005 for 30-59, ...
 * }</pre>
 */
public final class StepLR extends LRScheduler {

    private int stepSize;
    private double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: stepSize: expected > 0, received " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch() == 0 || lastEpoch() % stepSize != 0) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] *= gamma;
        }
        return lrs;
    }

    @Override
    protected void saveSettings(Map<String, Object> state) {
        state.put("step_size", stepSize);
        state.put("gamma", gamma);
    }

    @Override
    protected void loadSettings(Map<String, Object> state) {
        stepSize = StateValues.integer(state, "step_size");
        gamma = StateValues.number(state, "gamma");
    }
}
