package vireo.optim.lr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;

/**
 * Cuts the rate by {@code factor} when a metric stops improving for more than {@code patience} steps
 * ({@code torch.optim.lr_scheduler.ReduceLROnPlateau}). Improvement is relative ({@code threshold} 1e-4 of the best)
 * or absolute; after a cut, {@code cooldown} steps pass before bad steps count again; rates never drop below
 * {@code minLr}, and a cut smaller than {@code eps} is skipped.
 *
 * <pre>{@code
 * var plateau = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(5));
 * for (...) { double valLoss = validate(); plateau.step(valLoss); }
 * }</pre>
 */
public final class ReduceLROnPlateau {

    /** Whether lower ({@code MIN}, e.g. a loss) or higher ({@code MAX}, e.g. accuracy) metric values are better. */
    public enum Mode { MIN, MAX }

    /** Whether {@code threshold} is a fraction of the best value ({@code REL}) or an absolute margin ({@code ABS}). */
    public enum ThresholdMode { REL, ABS }

    /** PyTorch's settings; {@code minLr} holds one value for all groups or one per group. */
    public record Options(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                          int cooldown, double[] minLr, double eps) {

        public Options mode(Mode v) {
            return new Options(v, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options factor(double v) {
            return new Options(mode, v, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options patience(int v) {
            return new Options(mode, factor, v, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options threshold(double v, ThresholdMode m) {
            return new Options(mode, factor, patience, v, m, cooldown, minLr, eps);
        }

        public Options cooldown(int v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, v, minLr, eps);
        }

        public Options minLr(double... v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, v.clone(), eps);
        }

        public Options eps(double v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, v);
        }
    }

    /** mode min, factor 0.1, patience 10, threshold 1e-4 relative, cooldown 0, min_lr 0, eps 1e-8. */
    public static Options options() {
        return new Options(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[]{0}, 1e-8);
    }

    private final Optimizer optimizer;
    private Mode mode;
    private double factor;
    private int patience;
    private double threshold;
    private ThresholdMode thresholdMode;
    private int cooldown;
    private double[] minLrs;
    private double eps;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private double[] lastLr;

    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, options());
    }

    public ReduceLROnPlateau(Optimizer optimizer, Options o) {
        if (!(o.factor() < 1.0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor should be < 1.0, received " + o.factor());
        }
        this.optimizer = optimizer;
        int groups = optimizer.paramGroups().size();
        if (o.minLr().length == 1) {
            minLrs = new double[groups];
            Arrays.fill(minLrs, o.minLr()[0]);
        } else if (o.minLr().length == groups) {
            minLrs = o.minLr().clone();
        } else {
            throw new IllegalArgumentException("ReduceLROnPlateau: expected " + groups + " min_lrs, received "
                    + o.minLr().length);
        }
        mode = o.mode();
        factor = o.factor();
        patience = o.patience();
        threshold = o.threshold();
        thresholdMode = o.thresholdMode();
        cooldown = o.cooldown();
        eps = o.eps();
        lastEpoch = 0;
        best = worst();
        lastLr = currentLrs();
    }

    /** Records one value of the watched metric (after validation, usually once per epoch). */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;   // bad epochs in cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            double old = groups.get(i).lr();
            double cut = Math.max(old * factor, minLrs[i]);
            if (old - cut > eps) {
                groups.get(i).setLr(cut);
            }
        }
    }

    private boolean isBetter(double a, double best) {
        return switch (mode) {
            case MIN -> thresholdMode == ThresholdMode.REL ? a < best * (1. - threshold) : a < best - threshold;
            case MAX -> thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1.) : a > best + threshold;
        };
    }

    private double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private double[] currentLrs() {
        return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    /** The group rates after the latest step (the current rates before any). */
    public List<Double> getLastLr() {
        return Arrays.stream(lastLr).boxed().toList();
    }

    /** The best metric so far (±infinity before the first step). */
    public double best() {
        return best;
    }

    /** Consecutive steps without improvement, as counted now. */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** The state with PyTorch's attribute names; JSON-ready values (Double, Integer, String, List of Double). */
    public Map<String, Object> stateDict() {
        var m = new LinkedHashMap<String, Object>();
        m.put("factor", factor);
        m.put("min_lrs", LRScheduler.toList(minLrs));
        m.put("patience", patience);
        m.put("cooldown", cooldown);
        m.put("cooldown_counter", cooldownCounter);
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("threshold", threshold);
        m.put("threshold_mode", thresholdMode.name().toLowerCase(Locale.ROOT));
        m.put("best", best);
        m.put("num_bad_epochs", numBadEpochs);
        m.put("eps", eps);
        m.put("last_epoch", lastEpoch);
        m.put("_last_lr", LRScheduler.toList(lastLr));
        return m;
    }

    public void loadStateDict(Map<String, Object> state) {
        factor = StateValues.number(state, "factor");
        minLrs = StateValues.doubles(state, "min_lrs");
        patience = StateValues.integer(state, "patience");
        cooldown = StateValues.integer(state, "cooldown");
        cooldownCounter = StateValues.integer(state, "cooldown_counter");
        mode = Mode.valueOf(StateValues.string(state, "mode").toUpperCase(Locale.ROOT));
        threshold = StateValues.number(state, "threshold");
        thresholdMode = ThresholdMode.valueOf(StateValues.string(state, "threshold_mode").toUpperCase(Locale.ROOT));
        best = StateValues.number(state, "best");
        numBadEpochs = StateValues.integer(state, "num_bad_epochs");
        eps = StateValues.number(state, "eps");
        lastEpoch = StateValues.integer(state, "last_epoch");
        lastLr = StateValues.doubles(state, "_last_lr");
    }
}
