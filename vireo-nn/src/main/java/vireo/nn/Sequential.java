package vireo.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Modules applied in order, PyTorch's {@code nn.Sequential}. Children are named {@code "0"}, {@code "1"}, ...
 * (or by the given names), so state-dict keys read {@code 0.weight}, {@code features.3.bias}.
 *
 * <pre>{@code
 * var net = new Sequential(new Flatten(), new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * net.set(3, new Linear(128, 5));      // replace the head
 * }</pre>
 */
public class Sequential extends Module implements Iterable<Module> {

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Named children in the map's order (PyTorch's {@code Sequential(OrderedDict(...))}). */
    public Sequential(Map<String, ? extends Module> named) {
        named.forEach(this::registerModule);
    }

    /** Appends a module, named by its position. Returns this. */
    public Sequential add(Module m) {
        registerModule(Integer.toString(size()), m);
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        return children().get(wrap(index));
    }

    /** Replaces the module at {@code index}, keeping its name and position. */
    public void set(int index, Module m) {
        registerModule(keys().get(wrap(index)), m);
    }

    public int size() {
        return namedChildren().size();
    }

    private List<String> keys() {
        return new ArrayList<>(namedChildren().keySet());
    }

    private int wrap(int index) {
        int n = size();
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("Sequential: index " + index + " is out of range for " + n + " modules");
        }
        return i;
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : children()) {
            x = m.call(x); // call, not forward: hooks on the children see their pass
        }
        return x;
    }
}
