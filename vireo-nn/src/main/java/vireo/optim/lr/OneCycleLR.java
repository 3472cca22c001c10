package vireo.optim.lr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;

/**
 * The 1cycle policy ({@code torch.optim.lr_scheduler.OneCycleLR}): the rate rises from {@code maxLr/divFactor} to
 * {@code maxLr} over the first {@code pctStart} of {@code totalSteps}, then anneals to
 * {@code maxLr/(divFactor·finalDivFactor)}; momentum (SGD's {@code momentum}, or β1 of Adam-style {@code betas})
 * moves the opposite way between {@code maxMomentum} and {@code baseMomentum}. Step it once per batch.
 *
 * <p>As in PyTorch, it writes {@code initial_lr}, {@code max_lr}, {@code min_lr}, {@code max_momentum} and
 * {@code base_momentum} into each group, and stepping past {@code totalSteps} is an error.
 *
 * <pre>{@code
 * var sched = new OneCycleLR(opt, 0.1, epochs * batchesPerEpoch);
 * var custom = new OneCycleLR(opt, new double[]{1e-3, 1e-2}, 1000,
 *         OneCycleLR.options().pctStart(0.25).annealStrategy(OneCycleLR.Anneal.LINEAR));
 * }</pre>
 */
public final class OneCycleLR extends LRScheduler {

    /** How the rate moves within a phase. */
    public enum Anneal { COS, LINEAR }

    /** Settings other than the peak rate and the length, with PyTorch's defaults from {@link #options()}. */
    public record Options(double pctStart, Anneal annealStrategy, boolean cycleMomentum, double baseMomentum,
                          double maxMomentum, double divFactor, double finalDivFactor, boolean threePhase) {

        public Options pctStart(double v) {
            return new Options(v, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options annealStrategy(Anneal v) {
            return new Options(pctStart, v, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options cycleMomentum(boolean v) {
            return new Options(pctStart, annealStrategy, v, baseMomentum, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options momentum(double base, double max) {
            return new Options(pctStart, annealStrategy, cycleMomentum, base, max, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options divFactor(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, v, finalDivFactor,
                    threePhase);
        }

        public Options finalDivFactor(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, v,
                    threePhase);
        }

        public Options threePhase(boolean v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor,
                    finalDivFactor, v);
        }
    }

    /** pct_start 0.3, cosine, momentum cycling between 0.85 and 0.95, div_factor 25, final_div_factor 1e4, two phases. */
    public static Options options() {
        return new Options(0.3, Anneal.COS, true, 0.85, 0.95, 25, 1e4, false);
    }

    /** One phase: from {@code startLr}/{@code startMomentum} (group keys) at the previous end to these at endStep. */
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {
    }

    private int totalSteps;
    private Anneal anneal;
    private boolean cycleMomentum;
    private final boolean useBeta1;
    private final List<Phase> phases = new ArrayList<>();

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, options());
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, Options options) {
        this(optimizer, filled(maxLr, optimizer.paramGroups().size()), totalSteps, options);
    }

    /** @param maxLrs the peak rate of each group */
    public OneCycleLR(Optimizer optimizer, double[] maxLrs, int totalSteps, Options o) {
        super(optimizer);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("OneCycleLR: expected positive integer total_steps, received " + totalSteps);
        }
        if (!(o.pctStart() >= 0 && o.pctStart() <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: expected float between 0 and 1 pct_start, received "
                    + o.pctStart());
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        if (maxLrs.length != groups.size()) {
            throw new IllegalArgumentException("OneCycleLR: expected " + groups.size() + " values for max_lr, received "
                    + maxLrs.length);
        }
        this.totalSteps = totalSteps;
        this.anneal = o.annealStrategy();
        this.cycleMomentum = o.cycleMomentum();
        double p = o.pctStart() * totalSteps;
        phases.addAll(o.threePhase()
                ? phases(new double[]{p - 1, 2 * p - 2, totalSteps - 1})
                : phases(new double[]{p - 1, totalSteps - 1}));
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.set("initial_lr", maxLrs[i] / o.divFactor());
            g.set("max_lr", maxLrs[i]);
            g.set("min_lr", g.getDouble("initial_lr") / o.finalDivFactor());
        }
        Map<String, Object> defaults = optimizer.defaults();
        useBeta1 = defaults.containsKey("betas");
        if (cycleMomentum) {
            if (!defaults.containsKey("momentum") && !useBeta1) {
                throw new IllegalArgumentException("OneCycleLR: optimizer must support momentum with `cycle_momentum` "
                        + "option enabled; " + optimizer.getClass().getSimpleName() + " has neither momentum nor betas");
            }
            for (ParamGroup g : groups) {
                setMomentum(g, o.maxMomentum());
                g.set("max_momentum", o.maxMomentum());
                g.set("base_momentum", o.baseMomentum());
            }
        }
        initialStep();
    }

    /** PyTorch's {@code _schedule_phases} for two or three phases ending at {@code ends}. */
    private static List<Phase> phases(double[] ends) {
        if (ends.length == 3) {
            return List.of(new Phase(ends[0], "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(ends[1], "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new Phase(ends[2], "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        }
        return List.of(new Phase(ends[0], "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(ends[1], "max_lr", "min_lr", "base_momentum", "max_momentum"));
    }

    private static double[] filled(double v, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private void setMomentum(ParamGroup g, double m) {
        if (useBeta1) {
            double[] betas = g.getDoubles("betas");
            betas[0] = m;
            g.set("betas", betas);
        } else {
            g.set("momentum", m);
        }
    }

    private double anneal(double start, double end, double pct) {
        return switch (anneal) {
            case COS -> end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (end - start) * pct + start;
        };
    }

    @Override
    protected double[] computeLr() {
        int stepNum = lastEpoch();
        if (stepNum > totalSteps) {
            throw new IllegalStateException("OneCycleLR: tried to step " + (stepNum + 1) + " times; the specified "
                    + "number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int gi = 0; gi < lrs.length; gi++) {
            ParamGroup g = groups.get(gi);
            double startStep = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                if (stepNum <= phase.endStep() || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (phase.endStep() - startStep);
                    lrs[gi] = anneal(g.getDouble(phase.startLr()), g.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        setMomentum(g, anneal(g.getDouble(phase.startMomentum()), g.getDouble(phase.endMomentum()), pct));
                    }
                    break;
                }
                startStep = phase.endStep();
            }
        }
        return lrs;
    }

    @Override
    protected void saveSettings(Map<String, Object> state) {
        state.put("total_steps", totalSteps);
        state.put("anneal_strategy", anneal.name().toLowerCase(java.util.Locale.ROOT));
        state.put("cycle_momentum", cycleMomentum);
        state.put("use_beta1", useBeta1);
        state.put("three_phase", phases.size() == 3);
        state.put("phase_end_steps", phases.stream().map(Phase::endStep).toList());
    }

    @Override
    protected void loadSettings(Map<String, Object> state) {
        totalSteps = StateValues.integer(state, "total_steps");
        anneal = Anneal.valueOf(StateValues.string(state, "anneal_strategy").toUpperCase(java.util.Locale.ROOT));
        cycleMomentum = StateValues.bool(state, "cycle_momentum");
        if (StateValues.bool(state, "use_beta1") != useBeta1) {
            throw new IllegalArgumentException("OneCycleLR: saved state cycles "
                    + (useBeta1 ? "momentum" : "betas[0]") + " but this optimizer has " + (useBeta1 ? "betas" : "momentum"));
        }
        double[] ends = StateValues.doubles(state, "phase_end_steps");
        if (ends.length != (StateValues.bool(state, "three_phase") ? 3 : 2)) {
            throw new IllegalArgumentException("OneCycleLR: phase_end_steps: expected one end per phase, received "
                    + ends.length + " for three_phase=" + state.get("three_phase"));
        }
        phases.clear();
        phases.addAll(phases(ends));
    }
}
