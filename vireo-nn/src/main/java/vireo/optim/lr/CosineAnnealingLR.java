package vireo.optim.lr;

import java.util.Map;
import vireo.optim.Optimizer;

/**
 * Anneals each group's rate from its initial value to {@code etaMin} along a half cosine over {@code tMax} steps
 * ({@code torch.optim.lr_scheduler.CosineAnnealingLR}), then back up, periodically.
 *
 * <p>Like PyTorch, the rate is updated recursively from the current one, which follows the closed form
 * {@code etaMin + (base − etaMin)(1 + cos(π·t/tMax))/2} only up to rounding, and also composes with other changes to
 * the rate. The recursion is reproduced term by term so the values equal PyTorch's, not just the closed form's.
 *
 * <pre>{@code
 * var sched = new CosineAnnealingLR(opt, 100, 1e-5);
 * }</pre>
 */
public final class CosineAnnealingLR extends LRScheduler {

    private int tMax;
    private double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax: expected > 0, received " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        int t = lastEpoch();
        if (t == 0) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            double base = baseLr(i);
            if (stepCount() == 1 && t > 0) {
                lrs[i] = etaMin + (base - etaMin) * (1 + Math.cos(t * Math.PI / tMax)) / 2;
            } else if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
                lrs[i] = lrs[i] + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lrs[i] = (1 + Math.cos(Math.PI * t / tMax)) / (1 + Math.cos(Math.PI * (t - 1) / tMax))
                        * (lrs[i] - etaMin) + etaMin;
            }
        }
        return lrs;
    }

    @Override
    protected void saveSettings(Map<String, Object> state) {
        state.put("T_max", tMax);
        state.put("eta_min", etaMin);
    }

    @Override
    protected void loadSettings(Map<String, Object> state) {
        tMax = StateValues.integer(state, "T_max");
        etaMin = StateValues.number(state, "eta_min");
    }
}
