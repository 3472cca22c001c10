package vireo.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vireo.json.Json;
import vireo.json.JsonException;
import vireo.tensor.Tensor;

/**
 * An optimizer's state dict, shaped like PyTorch's {@code {'state': {idx: {...}}, 'param_groups': [...]}}.
 *
 * <p>{@code state} maps a parameter's index (counting through the groups in order, as PyTorch numbers them) to its
 * per-parameter buffers under PyTorch's names ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}, {@code square_avg}, {@code grad_avg}) and its step count {@code step}, a float32 scalar as in
 * PyTorch 1.12 and later. Parameters that were never stepped have no entry. {@code paramGroups} holds each group's
 * hyper-parameters under PyTorch's names plus {@code "params"}: the {@code int[]} indices of its parameters.
 *
 * <p>To store it, flatten it: {@link #toTensors()} gives {@code state.<idx>.<name>} tensors and
 * {@link #paramGroupsJson()} the groups as JSON, which fits a safetensors file's {@code __metadata__} under
 * {@link #PARAM_GROUPS_KEY} ({@link #toMetadata()}). {@link #fromTensors(Map, Map)} reverses both exactly: doubles
 * are written in round-trip form and tensors are copied bit for bit.
 *
 * <pre>{@code
 * OptimizerState s = opt.stateDict();
 * Safetensors.write(path, s.toTensors(), s.toMetadata());              // vireo-io
 * opt.loadStateDict(OptimizerState.fromTensors(tensors, metadata));
 * }</pre>
 */
public record OptimizerState(Map<Integer, Map<String, Tensor>> state, List<Map<String, Object>> paramGroups) {

    /** The safetensors {@code __metadata__} key that holds {@link #paramGroupsJson()}. */
    public static final String PARAM_GROUPS_KEY = "param_groups";

    public OptimizerState {
        var s = new TreeMap<Integer, Map<String, Tensor>>();
        state.forEach((k, v) -> s.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        state = Collections.unmodifiableMap(s);
        var g = new ArrayList<Map<String, Object>>();
        paramGroups.forEach(m -> g.add(Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        paramGroups = List.copyOf(g);
    }

    /** The per-parameter state flattened to {@code state.<idx>.<name>} keys (the tensors themselves, not copies). */
    public Map<String, Tensor> toTensors() {
        var out = new LinkedHashMap<String, Tensor>();
        state.forEach((idx, buffers) -> buffers.forEach((name, t) -> out.put("state." + idx + "." + name, t)));
        return out;
    }

    /** The param groups as a JSON array of objects (PyTorch's names; {@code params} are index lists). */
    public String paramGroupsJson() {
        return Json.write(paramGroups);
    }

    /** {@code {"param_groups": paramGroupsJson()}}: ready for a safetensors {@code __metadata__}. */
    public Map<String, String> toMetadata() {
        return Map.of(PARAM_GROUPS_KEY, paramGroupsJson());
    }

    /** Rebuilds a state dict from {@link #toTensors()} and {@link #toMetadata()}. */
    public static OptimizerState fromTensors(Map<String, Tensor> tensors, Map<String, String> metadata) {
        String json = metadata.get(PARAM_GROUPS_KEY);
        if (json == null) {
            throw new IllegalArgumentException("optimizer state: metadata has no '" + PARAM_GROUPS_KEY
                    + "' entry; keys present: " + metadata.keySet());
        }
        return fromTensors(tensors, json);
    }

    /** Rebuilds a state dict from {@link #toTensors()} and {@link #paramGroupsJson()}. */
    public static OptimizerState fromTensors(Map<String, Tensor> tensors, String paramGroupsJson) {
        var state = new TreeMap<Integer, Map<String, Tensor>>();
        tensors.forEach((key, t) -> {
            String[] parts = key.split("\\.", 3);
            if (parts.length != 3 || !parts[0].equals("state")) {
                throw new IllegalArgumentException("optimizer state: expected keys 'state.<index>.<name>', received '"
                        + key + "'");
            }
            int idx;
            try {
                idx = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("optimizer state: expected a parameter index in '" + key + "'");
            }
            state.computeIfAbsent(idx, i -> new LinkedHashMap<>()).put(parts[2], t);
        });
        Object parsed;
        try {
            // The Python dialect: tools on the PyTorch side write non-finite options as json.dumps does (Infinity).
            parsed = Json.parse(paramGroupsJson, Json.Dialect.PYTHON);
        } catch (JsonException e) {
            throw new IllegalArgumentException("optimizer state: the param groups are not valid JSON: "
                    + e.getMessage(), e);
        }
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("optimizer state: expected a JSON array of param groups");
        }
        var groups = new ArrayList<Map<String, Object>>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("optimizer state: expected each param group to be a JSON object, "
                        + "received " + o);
            }
            var group = new LinkedHashMap<String, Object>();
            m.forEach((k, v) -> group.put((String) k, fromJson((String) k, v)));
            groups.add(group);
        }
        return new OptimizerState(state, groups);
    }

    private static Object fromJson(String key, Object v) {
        if (v instanceof List<?> list) {
            if (key.equals("params")) {
                int[] idx = new int[list.size()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = ((Number) list.get(i)).intValue();
                }
                return idx;
            }
            double[] d = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("optimizer state: param group option '" + key
                            + "' expected numbers, received " + list);
                }
                d[i] = n.doubleValue();
            }
            return d;
        }
        // A group option is a Double, a Boolean or a double[] (ParamGroup), so integers written as "5" read as 5.0.
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }
}
