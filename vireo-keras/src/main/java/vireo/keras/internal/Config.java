package vireo.keras.internal;

import java.util.List;
import java.util.Map;
import vireo.json.Json;

/** Typed reads from a parsed JSON config, failing with the key and what was found (not public API). */
public final class Config {

    private final String where;
    private final Map<String, Object> map;

    public Config(String where, Map<String, Object> map) {
        this.where = where;
        this.map = map;
    }

    /** Where this config sits in its file, for messages. */
    public String where() {
        return where;
    }

    public Map<String, Object> map() {
        return map;
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    private Object required(String key) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException(where + ": missing \"" + key + "\"; keys present: " + map.keySet());
        }
        return map.get(key);
    }

    private IllegalArgumentException wrong(String key, String expected) {
        return new IllegalArgumentException(where + ": \"" + key + "\": expected " + expected + ", received "
                + Json.write(map.get(key)));
    }

    public String string(String key) {
        if (required(key) instanceof String s) {
            return s;
        }
        throw wrong(key, "a string");
    }

    /** A string, or null when absent or null. */
    public String optString(String key) {
        return has(key) ? string(key) : null;
    }

    public double number(String key) {
        if (required(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number");
    }

    public int integer(String key) {
        if (required(key) instanceof Long n && n == n.intValue()) {
            return n.intValue();
        }
        throw wrong(key, "an integer");
    }

    public boolean bool(String key) {
        if (required(key) instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false");
    }

    public int[] ints(String key) {
        if (required(key) instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Long n) || n != n.intValue()) {
                    throw wrong(key, "a list of integers");
                }
                out[i] = n.intValue();
            }
            return out;
        }
        throw wrong(key, "a list of integers");
    }

    /** Integers, or null when absent or null. */
    public int[] optInts(String key) {
        return has(key) ? ints(key) : null;
    }

    @SuppressWarnings("unchecked")
    public Config object(String key) {
        if (required(key) instanceof Map<?, ?> m) {
            return new Config(where + "." + key, (Map<String, Object>) m);
        }
        throw wrong(key, "an object");
    }

    public List<?> list(String key) {
        if (required(key) instanceof List<?> l) {
            return l;
        }
        throw wrong(key, "a list");
    }
}
