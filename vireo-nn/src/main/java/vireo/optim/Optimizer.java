package vireo.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.autograd.GradMode;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Updates parameters from their gradients, like {@code torch.optim.Optimizer}.
 *
 * <p>Parameters live in {@link ParamGroup}s, each with its own hyper-parameters under PyTorch's names; per-parameter
 * state (momentum buffers, moment estimates, step counts) is created lazily at the first step that sees a gradient.
 * {@link #step()} skips parameters whose gradient is null, exactly as PyTorch does. Subclasses implement one group's
 * update with plain loops over {@link Tensor#floats()}, in float32 and in the operation order of PyTorch's
 * single-tensor ({@code foreach=False}) code, so identical inputs give identical floats.
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), Adam.options(1e-3));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public abstract class Optimizer {

    private final String name;
    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();

    /**
     * @param name     the class name, for error messages
     * @param groups   the parameter groups (their unset options are filled from {@code defaults})
     * @param defaults every hyper-parameter the optimizer reads, under PyTorch's names
     */
    protected Optimizer(String name, List<ParamGroup> groups, Map<String, Object> defaults) {
        this.name = name;
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name + ": optimizer got an empty parameter list");
        }
        groups.forEach(this::addParamGroup);
    }

    /** Wraps a flat parameter list as the single group most code uses. */
    protected static List<ParamGroup> single(Iterable<Tensor> params) {
        ParamGroup group = ParamGroup.of(params);
        if (group.params().isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        return List.of(group);
    }

    /** Adds a group (PyTorch's {@code add_param_group}); its missing options come from the defaults. */
    public void addParamGroup(ParamGroup group) {
        var seen = Collections.newSetFromMap(new IdentityHashMap<Tensor, Boolean>());
        groups.forEach(g -> seen.addAll(g.params()));
        for (Tensor p : group.params()) {
            if (p.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(name + ": can only optimize float32 tensors, received " + p.describe());
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name + ": can't optimize a non-leaf Tensor (" + p.describe()
                        + ", computed by '" + p.gradFn().op() + "'); pass parameters, or detach() first");
            }
            try {
                p.floats();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(name + ": parameters must own dense storage to be updated in place, "
                        + "received a view " + p.describe() + "; pass contiguous().detach().requiresGrad(true)");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name + ": some parameters appear in more than one parameter group");
            }
        }
        defaults.forEach(group::setDefault);
        validate(group);
        groups.add(group);
    }

    /** Checks a group's hyper-parameters (ranges, incompatible flags); throws IllegalArgumentException. */
    protected abstract void validate(ParamGroup group);

    /** Updates the parameters of one group that have gradients. Runs with grad mode off. */
    protected abstract void step(ParamGroup group);

    /** The groups, live: setting {@code lr} on one changes the next step (schedules do this). */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** The default hyper-parameters under PyTorch's names (PyTorch's {@code optimizer.defaults}). */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** Performs one optimization step over every group. */
    public void step() {
        try (var g = GradMode.noGrad()) {
            for (ParamGroup group : groups) {
                step(group);
            }
        }
    }

    /** Sets every parameter's gradient to null (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        for (ParamGroup group : groups) {
            for (Tensor p : group.params()) {
                p.setGrad(null);
            }
        }
    }

    /** The state of one parameter, created empty on first use (the buffers are live). */
    protected Map<String, Tensor> state(Tensor param) {
        return state.computeIfAbsent(param, p -> new LinkedHashMap<>());
    }

    /** A zero-filled float32 buffer shaped like {@code param}. */
    protected static Tensor zerosLike(Tensor param) {
        return Tensor.zeros(param.shape());
    }

    /** A float32 scalar step counter starting at zero, as PyTorch stores {@code state['step']}. */
    protected static Tensor stepCounter() {
        return Tensor.zeros();
    }

    /**
     * The gradient of {@code param} as a dense float array to read, or null when it has none. A strided gradient is
     * copied; a dense one is returned as is and must not be written.
     */
    protected final float[] gradOf(Tensor param) {
        Tensor g = param.grad();
        if (g == null) {
            return null;
        }
        if (!Arrays.equals(g.shape(), param.shape()) || g.dtype() != DType.FLOAT32) {
            throw new IllegalStateException(name + ": gradient " + g.describe() + " does not match parameter "
                    + param.describe());
        }
        return denseOrCopy(g);
    }

    private static float[] denseOrCopy(Tensor g) {
        // floats() refuses views (strided, offset, or part of a larger array); those are rare enough to copy.
        try {
            return g.floats();
        } catch (IllegalStateException e) {
            return copyOf(g).floats();
        }
    }

    // ---------------------------------------------------------------- state dict

    /**
     * A snapshot of the state: buffers are copied, so later steps do not change it (PyTorch returns references; a
     * copy is what a checkpoint needs and costs one buffer set of memory).
     */
    public OptimizerState stateDict() {
        var outState = new LinkedHashMap<Integer, Map<String, Tensor>>();
        var outGroups = new ArrayList<Map<String, Object>>();
        int index = 0;
        for (ParamGroup group : groups) {
            int[] ids = new int[group.params().size()];
            for (int i = 0; i < ids.length; i++, index++) {
                ids[i] = index;
                Map<String, Tensor> s = state.get(group.params().get(i));
                if (s != null && !s.isEmpty()) {
                    var copy = new LinkedHashMap<String, Tensor>();
                    s.forEach((k, t) -> copy.put(k, copyOf(t)));
                    outState.put(index, copy);
                }
            }
            var g = new LinkedHashMap<String, Object>();
            group.options().forEach((k, v) -> g.put(k, v instanceof double[] d ? d.clone() : v));
            g.put("params", ids);
            outGroups.add(g);
        }
        return new OptimizerState(outState, outGroups);
    }

    /**
     * Restores hyper-parameters and buffers saved by {@link #stateDict()} (here or by PyTorch, converted). Groups are
     * matched by position and must hold as many parameters; buffers must match their parameter's shape. Buffers are
     * copied in, so the given state is not aliased.
     */
    public void loadStateDict(OptimizerState saved) {
        if (saved.paramGroups().size() != groups.size()) {
            throw new IllegalArgumentException(name + ": loaded state dict has " + saved.paramGroups().size()
                    + " parameter groups, this optimizer has " + groups.size());
        }
        var byIndex = new LinkedHashMap<Integer, Tensor>();
        for (int gi = 0; gi < groups.size(); gi++) {
            List<Tensor> params = groups.get(gi).params();
            if (!(saved.paramGroups().get(gi).get("params") instanceof int[] ids) || ids.length != params.size()) {
                throw new IllegalArgumentException(name + ": loaded state dict contains a parameter group that "
                        + "doesn't match the size of optimizer's group " + gi + " (" + params.size() + " parameters)");
            }
            for (int i = 0; i < ids.length; i++) {
                byIndex.put(ids[i], params.get(i));
            }
        }
        // Check everything before changing anything: a bad state dict must not half-load.
        var newState = new IdentityHashMap<Tensor, Map<String, Tensor>>();
        saved.state().forEach((idx, buffers) -> {
            Tensor p = byIndex.get(idx);
            if (p == null) {
                throw new IllegalArgumentException(name + ": loaded state refers to parameter " + idx
                        + ", which no group lists");
            }
            var copy = new LinkedHashMap<String, Tensor>();
            buffers.forEach((k, t) -> {
                if (k.equals("step")) {
                    if (t.numel() != 1) {
                        throw new IllegalArgumentException(name + ": state." + idx + ".step: expected a scalar, received "
                                + t.describe());
                    }
                    Tensor s = stepCounter();
                    s.floats()[0] = t.item();
                    copy.put(k, s);
                } else {
                    if (!Arrays.equals(t.shape(), p.shape())) {
                        throw new IllegalArgumentException(name + ": state." + idx + "." + k + ": expected shape "
                                + Arrays.toString(p.shape()) + " (its parameter), received " + t.describe());
                    }
                    copy.put(k, copyOf(t.toFloat()));
                }
            });
            newState.put(p, copy);
        });
        state.clear();
        state.putAll(newState);
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup group = groups.get(gi);
            saved.paramGroups().get(gi).forEach((k, v) -> {
                if (!k.equals("params")) {
                    group.put(k, v instanceof double[] d ? d.clone() : v);
                }
            });
        }
    }

    /** A dense float32 copy of any tensor or view (one pass, no intermediate array). */
    private static Tensor copyOf(Tensor t) {
        return Tensor.zeros(t.shape()).copy_(t.toFloat());
    }

    @Override
    public String toString() {
        var sb = new StringBuilder(name).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("\n  group ").append(i).append(": ").append(groups.get(i));
        }
        return sb.append("\n)").toString();
    }
}
