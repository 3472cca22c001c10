package vireo.io.torch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vireo.tensor.Tensor;

/**
 * Walks what the {@link Unpickler} returned: finds its tensors, swaps them for loaded {@link Tensor}s, and
 * flattens nested containers into dotted keys. A pickle can describe cycles (a list that contains itself) and
 * arbitrarily deep nesting; both are refused rather than followed forever.
 */
final class ObjectTree {

    /** Deeper than any real checkpoint (a state dict inside a dict inside a dict is 3). */
    static final int MAX_DEPTH = 100;

    private final String file;

    ObjectTree(String file) {
        this.file = file;
    }

    /**
     * The tensor references in {@code root}, each once, in pickle (depth-first, insertion) order, with the dotted
     * key {@link #flatten} would give the first place each appears (for messages).
     */
    Map<TensorRef, String> tensorRefs(Object root) throws TorchFormatException {
        Map<TensorRef, String> out = new LinkedHashMap<>(); // TensorRef compares by identity
        walk(root, "", 0, Collections.newSetFromMap(new IdentityHashMap<>()), out);
        return out;
    }

    /**
     * {@code root} with every tensor reference replaced by its loaded tensor, tuples as unmodifiable lists (dict
     * keys too), lists as lists, dicts as LinkedHashMaps in file order.
     */
    Object convert(Object root, Map<TensorRef, Tensor> tensors) throws TorchFormatException {
        return convert(root, tensors, 0);
    }

    private Object convert(Object o, Map<TensorRef, Tensor> tensors, int depth) throws TorchFormatException {
        checkDepth(depth);
        if (o instanceof TensorRef t) {
            return tensors.get(t);
        } else if (o instanceof PyTuple t) {
            List<Object> items = new ArrayList<>(t.size());
            for (Object item : t.items()) {
                items.add(convert(item, tensors, depth + 1));
            }
            return Collections.unmodifiableList(items);
        } else if (o instanceof List<?> l) {
            List<Object> items = new ArrayList<>(l.size());
            for (Object item : l) {
                items.add(convert(item, tensors, depth + 1));
            }
            return items;
        } else if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(convert(e.getKey(), tensors, depth + 1), convert(e.getValue(), tensors, depth + 1));
            }
            return out;
        } else if (o instanceof Set<?> s) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object item : s) {
                out.add(convert(item, tensors, depth + 1));
            }
            return out;
        } else if (o instanceof StorageRef || o instanceof PyGlobal || o instanceof StorageType) {
            // a bare storage or class object is not something a state dict holds
            throw new TorchFormatException(file + ": the checkpoint holds a " + Unpickler.typeName(o)
                    + " outside any tensor; only tensors, containers and plain values are supported");
        }
        return o; // None, bool, int, float, str
    }

    /**
     * The tensors of a converted tree under dotted keys: dict keys and list indices joined with '.', so
     * {@code {'model': {'fc.weight': t}, 'ema': [t2]}} gives {@code model.fc.weight} and {@code ema.0}. A bare
     * tensor gets the key {@code ""}. Other leaves (numbers, strings, None) are left out.
     */
    Map<String, Tensor> flatten(Object converted) throws TorchFormatException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        flatten(converted, "", out, 0);
        return out;
    }

    private void flatten(Object o, String prefix, Map<String, Tensor> out, int depth) throws TorchFormatException {
        checkDepth(depth);
        if (o instanceof Tensor t) {
            if (out.putIfAbsent(prefix, t) != null) {
                throw new TorchFormatException(file + ": two tensors flatten to the key '" + prefix
                        + "'; read them with TorchCheckpoints.readObject");
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(e.getValue(), join(prefix, keyString(e.getKey())), out, depth + 1);
            }
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(l.get(i), join(prefix, Integer.toString(i)), out, depth + 1);
            }
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static String keyString(Object k) {
        if (k instanceof Boolean b) {
            return b ? "True" : "False"; // as Python's str() prints it
        }
        return String.valueOf(k == null ? "None" : k);
    }

    private void walk(Object o, String at, int depth, Set<Object> path, Map<TensorRef, String> out)
            throws TorchFormatException {
        checkDepth(depth);
        if (o instanceof TensorRef t) {
            out.putIfAbsent(t, at);
            return;
        }
        if (!(o instanceof PyTuple || o instanceof List<?> || o instanceof Map<?, ?> || o instanceof Set<?>)) {
            return;
        }
        if (!path.add(o)) {
            throw new TorchFormatException(file + ": the checkpoint's objects form a cycle (a container inside "
                    + "itself); state dicts never do");
        }
        if (o instanceof PyTuple t) {
            for (int i = 0; i < t.size(); i++) {
                walk(t.get(i), join(at, Integer.toString(i)), depth + 1, path, out);
            }
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), join(at, Integer.toString(i)), depth + 1, path, out);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getKey(), at, depth + 1, path, out);
                walk(e.getValue(), join(at, keyString(e.getKey())), depth + 1, path, out);
            }
        } else {
            for (Object item : (Set<?>) o) {
                walk(item, at, depth + 1, path, out);
            }
        }
        path.remove(o);
    }

    private void checkDepth(int depth) throws TorchFormatException {
        if (depth > MAX_DEPTH) {
            throw new TorchFormatException(file + ": the checkpoint nests containers deeper than " + MAX_DEPTH
                    + " levels");
        }
    }
}
