package vireo.optim.lr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;

/**
 * Sets the learning rate of each parameter group as training advances, like {@code torch.optim.lr_scheduler._LRScheduler}.
 *
 * <p>Construction performs PyTorch's initial step ({@code last_epoch} becomes 0 and the groups receive the epoch-0
 * rate); call {@link #step()} after each {@code optimizer.step()} (per epoch or per batch, as the schedule is meant).
 * Each group remembers its starting rate as {@code "initial_lr"}, which is what the schedule decays from. The rates
 * are computed in double exactly as PyTorch 1.13 computes them, including the recursive (chainable) forms, so they
 * agree with PyTorch to the last bit or within an ulp of {@code cos}.
 *
 * <pre>{@code
 * var sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     train(opt);
 *     sched.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {

    protected final Optimizer optimizer;
    private double[] baseLrs;
    private int lastEpoch = -1;
    private int stepCount;
    private double[] lastLr;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /**
     * PyTorch's {@code _initial_step}: records the base rates and performs step 0. Subclass constructors call it last,
     * once their own fields are set.
     */
    protected final void initialStep() {
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            ParamGroup g = groups.get(i);
            if (!g.has("initial_lr")) {
                g.set("initial_lr", g.lr());
            }
            baseLrs[i] = g.getDouble("initial_lr");
        }
        stepCount = 0;
        step();
    }

    /** Advances one epoch (or batch) and sets every group's {@code lr}. */
    public void step() {
        stepCount++;
        lastEpoch++;
        double[] lrs = computeLr();
        List<ParamGroup> groups = optimizer.paramGroups();
        lastLr = new double[groups.size()];
        for (int i = 0; i < lastLr.length; i++) {
            groups.get(i).setLr(lrs[i]);
            lastLr[i] = lrs[i];
        }
    }

    /** The rates for {@link #lastEpoch()} (just incremented), one per group: PyTorch's {@code get_lr}. */
    protected abstract double[] computeLr();

    /** The rates set by the latest step, one per group (PyTorch's {@code get_last_lr()}). */
    public List<Double> getLastLr() {
        return Arrays.stream(lastLr).boxed().toList();
    }

    /** The number of steps taken since construction (0 right after it). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** How many times {@link #step()} ran, the initial step included (PyTorch's {@code _step_count}). */
    protected int stepCount() {
        return stepCount;
    }

    protected double baseLr(int group) {
        return baseLrs[group];
    }

    /** The current rate of each group (the recursive forms build on it). */
    protected double[] currentLrs() {
        return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    /**
     * The schedule's state with PyTorch's keys ({@code last_epoch}, {@code _step_count}, {@code base_lrs},
     * {@code _last_lr}, plus each schedule's own settings); values are Integer, Double, Boolean, String or
     * {@code List<Double>}, so the map serializes to JSON as is.
     */
    public Map<String, Object> stateDict() {
        var m = new LinkedHashMap<String, Object>();
        m.put("last_epoch", lastEpoch);
        m.put("_step_count", stepCount);
        m.put("base_lrs", toList(baseLrs));
        m.put("_last_lr", toList(lastLr));
        saveSettings(m);
        return m;
    }

    /** Restores a {@link #stateDict()}; numbers may come back as any {@code Number} (e.g. doubles from JSON). */
    public void loadStateDict(Map<String, Object> state) {
        lastEpoch = StateValues.integer(state, "last_epoch");
        stepCount = StateValues.integer(state, "_step_count");
        baseLrs = StateValues.doubles(state, "base_lrs");
        lastLr = StateValues.doubles(state, "_last_lr");
        loadSettings(state);
    }

    /** Adds the schedule's own settings to a state dict, under PyTorch's attribute names. */
    protected abstract void saveSettings(Map<String, Object> state);

    /** Reads back what {@link #saveSettings} wrote. */
    protected abstract void loadSettings(Map<String, Object> state);

    static List<Double> toList(double[] values) {
        var out = new ArrayList<Double>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
