package vireo.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * A set of parameters that share hyper-parameters, like one entry of PyTorch's {@code optimizer.param_groups}.
 *
 * <p>Hyper-parameters are kept under PyTorch's names ({@code "lr"}, {@code "momentum"}, {@code "betas"},
 * {@code "weight_decay"}, ...), so schedules, state dicts and users address them the way PyTorch code does. A value
 * is a {@code Double}, a {@code Boolean} or a {@code double[]} (for {@code "betas"}). Values not set on a group are
 * filled from the optimizer's defaults when the group is added.
 *
 * <pre>{@code
 * var opt = new SGD(List.of(
 *         ParamGroup.of(backbone.parameters()).set("lr", 1e-4),
 *         ParamGroup.of(head.parameters())),          // uses the default lr below
 *     SGD.options(0.01).momentum(0.9));
 * opt.paramGroups().get(1).setLr(0.005);
 * }</pre>
 */
public final class ParamGroup {

    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    private ParamGroup(List<Tensor> params) {
        this.params = params;
    }

    /** A group over {@code params} (copied into a list; order is the state-dict order). */
    public static ParamGroup of(Iterable<Tensor> params) {
        var list = new ArrayList<Tensor>();
        params.forEach(list::add);
        return new ParamGroup(Collections.unmodifiableList(list));
    }

    public List<Tensor> params() {
        return params;
    }

    public double lr() {
        return getDouble("lr");
    }

    public ParamGroup setLr(double lr) {
        return set("lr", lr);
    }

    public ParamGroup set(String name, double value) {
        options.put(name, value);
        return this;
    }

    public ParamGroup set(String name, boolean value) {
        options.put(name, value);
        return this;
    }

    /** Sets a tuple-valued option such as {@code "betas"} (copied). */
    public ParamGroup set(String name, double... values) {
        options.put(name, values.clone());
        return this;
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public double getDouble(String name) {
        if (required(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("param group option '" + name + "': expected a number, received " + describe(name));
    }

    public boolean getBoolean(String name) {
        if (required(name) instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("param group option '" + name + "': expected a boolean, received " + describe(name));
    }

    /** A tuple-valued option such as {@code "betas"} (a copy). */
    public double[] getDoubles(String name) {
        if (required(name) instanceof double[] d) {
            return d.clone();
        }
        throw new IllegalStateException("param group option '" + name + "': expected a tuple of numbers, received "
                + describe(name));
    }

    /** All options by PyTorch name, without {@code "params"} (a read-only view; tuples are live arrays, do not edit). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    /** Sets {@code name} only when the group has no value for it (PyTorch's {@code setdefault}). */
    void setDefault(String name, Object value) {
        options.putIfAbsent(name, value instanceof double[] d ? d.clone() : value);
    }

    /** Replaces an option with a value read from a state dict (already one of the three value types). */
    void put(String name, Object value) {
        options.put(name, value);
    }

    private Object required(String name) {
        Object v = options.get(name);
        if (v == null) {
            throw new IllegalStateException("param group has no option '" + name + "'; it has " + options.keySet());
        }
        return v;
    }

    private String describe(String name) {
        Object v = options.get(name);
        return v instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(v);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("ParamGroup(").append(params.size()).append(" params");
        options.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v instanceof double[] d
                ? java.util.Arrays.toString(d) : v));
        return sb.append(')').toString();
    }
}
