package vireo.optim.lr;

import java.util.List;
import java.util.Map;

/** Typed reads from a scheduler state dict, with errors that name the key and what was there. */
final class StateValues {

    private StateValues() {
    }

    static Object required(Map<String, Object> state, String key) {
        if (!state.containsKey(key)) {
            throw new IllegalArgumentException("scheduler state: missing '" + key + "'; keys present: " + state.keySet());
        }
        return state.get(key);
    }

    static int integer(Map<String, Object> state, String key) {
        if (required(state, key) instanceof Number n) {
            return n.intValue();
        }
        throw wrong(state, key, "an integer");
    }

    static double number(Map<String, Object> state, String key) {
        if (required(state, key) instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(state, key, "a number");
    }

    static boolean bool(Map<String, Object> state, String key) {
        if (required(state, key) instanceof Boolean b) {
            return b;
        }
        throw wrong(state, key, "a boolean");
    }

    static String string(Map<String, Object> state, String key) {
        if (required(state, key) instanceof String s) {
            return s;
        }
        throw wrong(state, key, "a string");
    }

    static double[] doubles(Map<String, Object> state, String key) {
        Object v = required(state, key);
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw wrong(state, key, "a list of numbers");
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw wrong(state, key, "a list of numbers");
    }

    private static IllegalArgumentException wrong(Map<String, Object> state, String key, String expected) {
        return new IllegalArgumentException("scheduler state '" + key + "': expected " + expected + ", received "
                + state.get(key));
    }
}
